import type { FilterCriteria } from '../../core/criteria.js';
import { operatorsFor } from './fields.js';
import {
  buildCriteria,
  copyNode,
  createCondition,
  createGroup,
  findNode,
  toCondition,
  type ConditionDraft,
  type DraftNode,
  type GroupDraft,
  type KindLookup,
} from './filter-model.js';

/** Amount and unit a condition gets when its operator becomes `within_last`. */
const DEFAULT_RELATIVE = { text: '15', unit: 'minutes' };

/**
 * The builder's draft tree and the edits a user makes to it, without the DOM.
 * Every edit calls `onEdit` with the node it changed and whether it was a key
 * press in a text input.
 */
export class DraftEditor {
  root: GroupDraft = createGroup();
  /** Reasons, by draft key, that conditions and groups were left out of the last build. */
  errors = new Map<number, string>();
  /** Conditions added but not edited yet; a build that does not mark all skips their errors. */
  readonly #pristine = new Set<number>();

  constructor(
    private readonly onEdit: (node: DraftNode, typing: boolean) => void,
    private readonly kindOf: KindLookup,
  ) {}

  /** The valid, enabled conditions as criteria, without changing the marked errors. */
  get criteria(): FilterCriteria | null {
    return buildCriteria(this.root).criteria;
  }

  /** Replaces the tree and marks every invalid condition in it. */
  replace(root: GroupDraft): void {
    this.root = root;
    this.#pristine.clear();
    this.errors = buildCriteria(root).errors;
  }

  /**
   * Builds criteria and records the errors. With `markAll` false, conditions the
   * user has not touched since adding them are not marked yet.
   */
  build(markAll: boolean): FilterCriteria | null {
    const { criteria, errors } = buildCriteria(this.root);
    if (markAll) this.#pristine.clear();
    for (const key of this.#pristine) errors.delete(key);
    this.errors = errors;
    return criteria;
  }

  editCondition(draft: ConditionDraft, patch: Partial<ConditionDraft>, typing = false): void {
    const relative = (op: string) => op === 'within_last';
    if (patch.op !== undefined && relative(patch.op) !== relative(draft.op)) {
      // An amount of time and a date-time do not convert into each other.
      draft.text = '';
      draft.high = '';
      if (relative(patch.op)) Object.assign(draft, DEFAULT_RELATIVE);
    }
    Object.assign(draft, patch);
    const valueEdit = patch.text !== undefined || patch.high !== undefined;
    this.#touch(draft, typing, valueEdit);
  }

  /** Sets a condition's field, keeping the operator when the field offers it. */
  changeField(draft: ConditionDraft, field: string): void {
    const kind = this.kindOf(field) ?? draft.kind;
    if (kind !== draft.kind) {
      // A value typed for another kind, such as a date for a number, would only be an error.
      draft.text = '';
      draft.high = '';
    }
    draft.field = field;
    draft.kind = kind;
    const operators: string[] = operatorsFor(field, kind);
    if (!operators.includes(draft.op)) draft.op = operators[0];
    this.#touch(draft, false, false);
  }

  addCondition(group: GroupDraft): ConditionDraft {
    const condition = createCondition();
    this.#add(group, condition);
    return condition;
  }

  /** Adds a group holding one empty condition, with the logic opposite to its parent's. */
  addGroup(group: GroupDraft): GroupDraft {
    const nested = createGroup(group.logic === 'and' ? 'or' : 'and');
    nested.children.push(createCondition());
    this.#add(group, nested);
    return nested;
  }

  /**
   * Removes a condition or nested group. Returns the sibling that takes its
   * place, or the parent group when none is left, so focus can move there.
   */
  remove(node: DraftNode): DraftNode | null {
    const found = findNode(this.root, node.key);
    if (found === null || found.parent === null) return null;
    const siblings = found.parent.children;
    const index = siblings.indexOf(node);
    siblings.splice(index, 1);
    this.errors.delete(node.key);
    this.#touch(found.parent);
    return siblings[index] ?? siblings[index - 1] ?? found.parent;
  }

  /** Inserts a copy after the node and returns the copy. */
  duplicate(node: DraftNode): DraftNode | null {
    const found = findNode(this.root, node.key);
    if (found === null || found.parent === null) return null;
    const copy = copyNode(node);
    found.parent.children.splice(found.parent.children.indexOf(node) + 1, 0, copy);
    this.#touch(copy);
    return copy;
  }

  toggleDisabled(node: DraftNode): void {
    node.disabled = !node.disabled;
    this.#touch(node);
  }

  setLogic(group: GroupDraft, logic: 'and' | 'or'): void {
    group.logic = logic;
    this.#touch(group);
  }

  toggleNot(group: GroupDraft): void {
    group.not = !group.not;
    this.#touch(group);
  }

  #add(group: GroupDraft, node: DraftNode): void {
    group.children.push(node);
    if (node.type === 'condition') this.#pristine.add(node.key);
    else for (const child of node.children) this.#pristine.add(child.key);
    this.errors.delete(group.key);
    this.onEdit(group, false);
  }

  /**
   * Re-checks a node already marked invalid, so fixing it clears the mark before
   * the next apply. A new condition stays unmarked until its value is edited,
   * so choosing its field and operator does not flag the empty value.
   */
  #touch(node: DraftNode, typing = false, valueEdit = true): void {
    if (valueEdit) this.#pristine.delete(node.key);
    if (node.type === 'condition' && this.errors.has(node.key)) {
      const result = toCondition(node);
      if (result.ok) this.errors.delete(node.key);
      else this.errors.set(node.key, result.reason);
    }
    if (node.type === 'group' && node.children.length > 0) this.errors.delete(node.key);
    this.onEdit(node, typing);
  }
}
