import type { ReactiveElement } from 'lit';
import type { Store } from '../../core/store.js';
import type { BuilderView } from './condition-row.js';
import type { DraftEditor } from './draft-editor.js';
import type { FieldOption } from './fields.js';
import type { DraftNode } from './filter-model.js';
import type { MatchCounter } from './match-counts.js';
import type { ChoiceSet } from './value-choices.js';

export interface BuilderState {
  fields: readonly FieldOption[];
  choices: ReadonlyMap<string, ChoiceSet>;
  counter: MatchCounter;
}

/** Moves focus to an element of the host's shadow root once it has rendered. */
async function focus(host: ReactiveElement, selector: string): Promise<void> {
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
}

/** Focuses the first control of a node: a condition's field, or a group's checked logic. */
export function focusNode(host: ReactiveElement, node: DraftNode): Promise<void> {
  const target = node.type === 'condition' ? '[part~="field"]' : 'input[type="radio"]:checked';
  return focus(host, `[data-key="${node.key}"] ${target}`);
}

/**
 * Connects the builder's templates to the draft editor. After an add, remove
 * or duplicate, focus moves to the control a keyboard user expects next: the
 * new node, the sibling that took a removed node's place, or an add button.
 */
export function createBuilderView(
  host: ReactiveElement,
  editor: DraftEditor,
  state: BuilderState,
): BuilderView {
  return {
    fields: state.fields,
    errors: editor.errors,
    count: (key) => state.counter.count(key),
    choices: (field) => state.choices.get(field),
    editCondition: (draft, patch, typing) => editor.editCondition(draft, patch, typing),
    changeField: (draft, field) => editor.changeField(draft, field),
    remove: (node) => {
      const next = editor.remove(node);
      if (next === editor.root) void focus(host, '[part~="add"]');
      else if (next !== null && next.type === 'group' && next.children.length === 0) {
        void focus(host, `[data-key="${next.key}"] [part~="group-add"]`);
      } else if (next !== null) void focusNode(host, next);
    },
    duplicate: (node) => {
      const copy = editor.duplicate(node);
      if (copy !== null) void focusNode(host, copy);
    },
    toggleDisabled: (node) => editor.toggleDisabled(node),
    addCondition: (group) => void focusNode(host, editor.addCondition(group)),
    addGroup: (group) => void focusNode(host, editor.addGroup(group)),
    setLogic: (group, logic) => editor.setLogic(group, logic),
    toggleNot: (group) => editor.toggleNot(group),
  };
}

/** Says how many points pass the applied filter, and how many conditions were left out. */
export function statusText(store: Store | null, invalid: number): string {
  if (store === null) return 'No stream found: the filter applies once one is connected.';
  const notApplied = invalid === 0 ? '' : ` ${invalid} not applied (see the marked rows).`;
  const matching = store.view.length.toLocaleString('en-US');
  return `${matching} of ${store.size.toLocaleString('en-US')} points match.${notApplied}`;
}
