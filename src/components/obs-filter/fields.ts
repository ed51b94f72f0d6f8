import type { CriteriaOperator } from '../../core/criteria.js';
import type { Store } from '../../core/store.js';

/** Kind of a field's values, which selects its operators and value editor. */
export type FieldKind = 'number' | 'date' | 'string' | 'boolean';

export interface FieldOption {
  /** Field name as criteria spell it: a point field or `metadata.<key>`. */
  name: string;
  label: string;
  kind: FieldKind;
}

export const BUILT_IN_FIELDS: readonly FieldOption[] = [
  { name: 'timestamp', label: 'Timestamp (UTC)', kind: 'date' },
  { name: 'value', label: 'Value', kind: 'number' },
  { name: 'category', label: 'Category', kind: 'string' },
  { name: 'source', label: 'Source', kind: 'string' },
  { name: 'id', label: 'Id', kind: 'string' },
];

const COMPARISONS: readonly CriteriaOperator[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'];
const TEXT_OPERATORS: readonly CriteriaOperator[] = [
  'eq',
  'neq',
  'contains',
  'not_contains',
  'in',
  'not_in',
];

/** Operator names as the operator select shows them. */
export const OPERATOR_LABELS: Readonly<Record<CriteriaOperator, string>> = {
  eq: '= equals',
  neq: '≠ not equal',
  gt: '> greater than',
  gte: '≥ at least',
  lt: '< less than',
  lte: '≤ at most',
  contains: 'contains',
  not_contains: 'does not contain',
  between: 'between',
  in: 'is one of',
  not_in: 'is none of',
  exists: 'exists',
  within_last: 'in the last',
};

/**
 * Operators offered for a field. `exists` is offered where a row can lack the
 * field: a gap in `value` and an absent metadata key. `within_last` compares
 * `timestamp` with the clock.
 */
export function operatorsFor(field: string, kind: FieldKind): CriteriaOperator[] {
  let operators: CriteriaOperator[];
  if (kind === 'number' || kind === 'date') operators = [...COMPARISONS];
  else if (kind === 'boolean') operators = ['eq', 'neq'];
  else operators = [...TEXT_OPERATORS];
  if (field === 'value' || isMetadataField(field)) operators.push('exists');
  if (field === 'timestamp') operators.push('within_last');
  return operators;
}

export function isMetadataField(field: string): boolean {
  return field.startsWith('metadata.');
}

export function builtInKind(field: string): FieldKind | undefined {
  return BUILT_IN_FIELDS.find((option) => option.name === field)?.kind;
}

/** Guesses the kind of a field the builder has not seen in the store from one of its values. */
export function kindOfValue(value: unknown): FieldKind {
  const sample = Array.isArray(value) ? value[0] : value;
  if (typeof sample === 'number') return 'number';
  if (typeof sample === 'boolean') return 'boolean';
  return 'string';
}

/** Orders strings by code unit, the same on every locale. */
function compareText(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** Rows read from the newest end of the store when looking for metadata keys. */
const METADATA_SAMPLE_ROWS = 200;
/** Maximum number of metadata keys offered, so a store with free-form keys cannot flood the select. */
const MAX_METADATA_FIELDS = 64;

/**
 * Lists the metadata keys of the store's newest rows as fields, sorted by name.
 * A key's kind is number or boolean when every sampled value has that type, and
 * string otherwise. Keys with whitespace are skipped because criteria cannot name them.
 */
export function sampleMetadataFields(store: Store): FieldOption[] {
  const kinds = new Map<string, FieldKind | null>();
  const first = Math.max(store.start, store.end - METADATA_SAMPLE_ROWS);
  for (let row = store.end - 1; row >= first; row--) {
    const metadata = store.metadataAt(row);
    if (metadata === undefined) continue;
    for (const key of Object.keys(metadata)) {
      if (!/^\S{1,256}$/.test(key)) continue;
      if (!kinds.has(key) && kinds.size >= MAX_METADATA_FIELDS) continue;
      const value = metadata[key];
      if (value === null) {
        if (!kinds.has(key)) kinds.set(key, null);
        continue;
      }
      const kind = kindOfValue(value);
      const seen = kinds.get(key);
      if (seen === undefined || seen === null) kinds.set(key, kind);
      else if (seen !== kind) kinds.set(key, 'string');
    }
  }
  return [...kinds.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([key, kind]) => ({
      name: `metadata.${key}`,
      label: `metadata.${key}`,
      kind: kind ?? 'string',
    }));
}
