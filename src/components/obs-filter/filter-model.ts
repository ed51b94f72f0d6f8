import {
  CRITERIA_OPERATORS,
  FilterValidationError,
  TIME_UNITS,
  parseCriteria,
  type CriteriaOperator,
  type FilterCondition,
  type FilterCriteria,
  type FilterGroup,
  type FilterValue,
  type TimeUnit,
} from '../../core/criteria.js';
import { builtInKind, kindOfValue, type FieldKind } from './fields.js';
import { formatDateTime, formatList, parseDateTime, parseList, parseNumber } from './value-text.js';

/**
 * One condition as the user is editing it. Values stay text until the builder
 * converts them, so a half-typed number is kept and reported instead of lost.
 */
export interface ConditionDraft {
  type: 'condition';
  key: number;
  field: string;
  kind: FieldKind;
  /** An operator name; it may be one the builder does not offer when set through `criteria`. */
  op: string;
  /** The single value, the lower bound of `between`, or the comma-separated list of `in`. */
  text: string;
  /** The upper bound of `between`. */
  high: string;
  /** Unit of `within_last`, one of the keys of TIME_UNITS. */
  unit: string;
  disabled: boolean;
}

export interface GroupDraft {
  type: 'group';
  key: number;
  logic: 'and' | 'or';
  not: boolean;
  disabled: boolean;
  children: DraftNode[];
}

export type DraftNode = ConditionDraft | GroupDraft;

/** Groups nested deeper than this are dropped when filling the builder, as criteria reject them. */
const MAX_DEPTH = 32;

let lastKey = 0;

function nextKey(): number {
  lastKey += 1;
  return lastKey;
}

export function createCondition(field = 'value', kind: FieldKind = 'number'): ConditionDraft {
  const op = kind === 'number' || kind === 'date' ? 'gt' : 'eq';
  return {
    type: 'condition',
    key: nextKey(),
    field,
    kind,
    op,
    text: '',
    high: '',
    unit: 'minutes',
    disabled: false,
  };
}

export function createGroup(logic: 'and' | 'or' = 'and'): GroupDraft {
  return { type: 'group', key: nextKey(), logic, not: false, disabled: false, children: [] };
}

/** Deep-copies a node with fresh keys. */
export function copyNode(node: DraftNode): DraftNode {
  if (node.type === 'condition') return { ...node, key: nextKey() };
  return { ...node, key: nextKey(), children: node.children.map(copyNode) };
}

/** Finds a node and its parent group; the root has no parent. */
export function findNode(
  root: GroupDraft,
  key: number,
): { node: DraftNode; parent: GroupDraft | null } | null {
  if (root.key === key) return { node: root, parent: null };
  for (const child of root.children) {
    if (child.key === key) return { node: child, parent: root };
    if (child.type === 'group') {
      const found = findNode(child, key);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Quotes typed text for an error message, shortened so a pasted blob cannot flood the row. */
function shown(text: string): string {
  return text.length > 40 ? `'${text.slice(0, 40)}…'` : `'${text}'`;
}

type Converted = { ok: true; value: FilterValue } | { ok: false; reason: string };

function convert(text: string, kind: FieldKind, what: string): Converted {
  if (kind === 'number') {
    const number = parseNumber(text);
    if (Number.isNaN(number)) {
      const reason = text.trim() === '' ? `enter ${what}` : `enter a number (got ${shown(text)})`;
      return { ok: false, reason };
    }
    return { ok: true, value: number };
  }
  if (kind === 'date') {
    if (text.trim() === '') return { ok: false, reason: `enter ${what}` };
    const ms = parseDateTime(text);
    if (Number.isNaN(ms)) {
      return { ok: false, reason: `enter a valid date and time (got ${shown(text)})` };
    }
    return { ok: true, value: ms };
  }
  if (kind === 'boolean') {
    if (text === 'true' || text === 'false') return { ok: true, value: text === 'true' };
    return { ok: false, reason: 'choose true or false' };
  }
  if (text === '') return { ok: false, reason: `enter ${what}` };
  return { ok: true, value: text };
}

function conditionValue(
  draft: ConditionDraft,
): { ok: true; value?: FilterValue | FilterValue[] } | { ok: false; reason: string } {
  const op = draft.op as CriteriaOperator;
  if (op === 'exists') return { ok: true };
  if (op === 'within_last') {
    const amount = convert(draft.text, 'number', 'an amount of time');
    if (amount.ok && !((amount.value as number) > 0)) {
      return { ok: false, reason: 'enter an amount of time above zero' };
    }
    return amount;
  }
  if (op === 'between') {
    const low = convert(draft.text, draft.kind, 'a lower bound');
    if (!low.ok) return low;
    const high = convert(draft.high, draft.kind, 'an upper bound');
    if (!high.ok) return high;
    if (typeof low.value === 'number' && typeof high.value === 'number' && low.value > high.value) {
      return { ok: false, reason: 'the lower bound is above the upper bound' };
    }
    return { ok: true, value: [low.value, high.value] };
  }
  if (op === 'in' || op === 'not_in') {
    const items = parseList(draft.text);
    if (items.length === 0) return { ok: false, reason: 'enter at least one value' };
    const values: FilterValue[] = [];
    for (const item of items) {
      const converted = convert(item, draft.kind, 'a value');
      if (!converted.ok) return converted;
      values.push(converted.value);
    }
    return { ok: true, value: values };
  }
  return convert(draft.text, draft.kind, 'a value');
}

/**
 * Converts one draft into a condition, or returns why it cannot apply. The
 * result also passes the store's own validation, whose message is kept without
 * its path because the builder shows it beside the condition.
 */
export function toCondition(
  draft: ConditionDraft,
): { ok: true; condition: FilterCondition } | { ok: false; reason: string } {
  if (draft.field === '') return { ok: false, reason: 'choose a field' };
  if (!(CRITERIA_OPERATORS as readonly string[]).includes(draft.op)) {
    return { ok: false, reason: `unknown operator '${draft.op}'` };
  }
  const converted = conditionValue(draft);
  if (!converted.ok) return converted;
  const condition: FilterCondition = { field: draft.field, op: draft.op as CriteriaOperator };
  if (converted.value !== undefined) condition.value = converted.value;
  if (condition.op === 'within_last') {
    if (!Object.hasOwn(TIME_UNITS, draft.unit)) {
      return { ok: false, reason: `choose a unit (got '${draft.unit}')` };
    }
    condition.unit = draft.unit as TimeUnit;
  }
  try {
    parseCriteria({ logic: 'and', conditions: [condition] });
  } catch (error) {
    if (!(error instanceof FilterValidationError)) throw error;
    return { ok: false, reason: error.message.replace(/^[^:]*: /, '') };
  }
  return { ok: true, condition };
}

export interface BuildResult {
  /** The valid, enabled conditions combined; null when none remain. */
  criteria: FilterCriteria | null;
  /** Reasons, by draft key, that invalid conditions and empty groups were left out. */
  errors: Map<number, string>;
}

function buildGroup(group: GroupDraft, errors: Map<number, string>): FilterGroup | null {
  const conditions: FilterGroup['conditions'] = [];
  for (const child of group.children) {
    if (child.disabled) continue;
    if (child.type === 'group') {
      const built = buildGroup(child, errors);
      if (built !== null) conditions.push(built);
      continue;
    }
    const result = toCondition(child);
    if (result.ok) conditions.push(result.condition);
    else errors.set(child.key, result.reason);
  }
  if (group.children.length === 0) errors.set(group.key, 'add a condition');
  if (conditions.length === 0) return null;
  const built: FilterGroup = { logic: group.logic, conditions };
  if (group.not) built.not = true;
  return built;
}

/**
 * Combines the valid, enabled conditions of one group into criteria, whether
 * or not the group itself is disabled; null when none is valid.
 */
export function groupCriteria(group: GroupDraft): FilterGroup | null {
  return buildGroup(group, new Map());
}

/**
 * Combines the valid, enabled conditions of a draft tree into criteria. Invalid
 * conditions are left out and reported, so the rest still apply. A group left
 * with no valid condition is dropped, because an empty group would match every row.
 */
export function buildCriteria(root: GroupDraft): BuildResult {
  const errors = new Map<number, string>();
  const criteria = buildGroup(root, errors);
  // The root may be empty without being wrong: it means "no filter".
  errors.delete(root.key);
  return { criteria, errors };
}

function valueText(value: unknown, kind: FieldKind): string {
  if (value === null || value === undefined) return '';
  if (kind === 'date') {
    const ms = typeof value === 'number' ? value : parseDateTime(String(value));
    return formatDateTime(ms) || String(value);
  }
  return String(value);
}

function conditionFromInput(input: object, kindOf: KindLookup): ConditionDraft {
  const record = input as Record<string, unknown>;
  const field = typeof record.field === 'string' ? record.field : '';
  const op = typeof record.op === 'string' ? record.op : '';
  const value = record.value;
  const kind = kindOf(field) ?? builtInKind(field) ?? kindOfValue(value);
  const draft = createCondition(field, kind);
  draft.op = op;
  if (op === 'within_last') {
    draft.text = valueText(value, 'number');
    if (typeof record.unit === 'string') draft.unit = record.unit;
  } else if (op === 'in' || op === 'not_in') {
    const items = Array.isArray(value) ? value : [value];
    draft.text = formatList(items.map((item) => valueText(item, kind)));
  } else if (Array.isArray(value)) {
    draft.text = valueText(value[0], kind);
    draft.high = valueText(value[1], kind);
  } else {
    draft.text = valueText(value, kind);
  }
  return draft;
}

export type KindLookup = (field: string) => FieldKind | undefined;

function groupFromInput(input: object, kindOf: KindLookup, depth: number): GroupDraft {
  const record = input as Record<string, unknown>;
  const group = createGroup(record.logic === 'or' ? 'or' : 'and');
  group.not = record.not === true;
  const children = Array.isArray(record.conditions) ? record.conditions : [];
  for (const child of children) {
    if (child === null || typeof child !== 'object') continue;
    if ('logic' in child) {
      if (depth < MAX_DEPTH) group.children.push(groupFromInput(child, kindOf, depth + 1));
    } else {
      group.children.push(conditionFromInput(child, kindOf));
    }
  }
  return group;
}

/**
 * Turns criteria into a draft tree for the builder. It accepts criteria that
 * fail validation, so the builder can show each bad condition with its reason
 * instead of rejecting the whole set. Non-object children are skipped.
 */
export function draftFromCriteria(input: object, kindOf: KindLookup): GroupDraft {
  return groupFromInput(input, kindOf, 0);
}
