import {
  isGroup,
  type CriteriaOperator,
  type FilterCondition,
  type FilterCriteria,
  type FilterGroup,
  type FilterNode,
  type FilterValue,
  type TimeUnit,
} from '../../core/criteria.js';
import { BARE_WORD, KEYWORDS, NUMBER } from './query-lexer.js';
import { formatDateTime, quote } from './value-text.js';

const OPERATOR_TEXT: Readonly<Record<CriteriaOperator, string>> = {
  eq: '=',
  neq: '!=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  contains: 'contains',
  not_contains: 'not contains',
  between: 'between',
  in: 'in',
  not_in: 'not in',
  exists: 'exists',
  within_last: '>=',
};

const UNIT_SUFFIX: Readonly<Record<TimeUnit, string>> = {
  seconds: 's',
  minutes: 'm',
  hours: 'h',
  days: 'd',
};

function formatValue(field: string, value: FilterValue | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (field === 'timestamp') {
      const text = formatDateTime(value);
      if (text !== '') return `${text}Z`;
    }
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  const plain =
    BARE_WORD.test(value) &&
    !KEYWORDS.has(value.toLowerCase()) &&
    !NUMBER.test(value) &&
    !['true', 'false', 'null'].includes(value.toLowerCase());
  return plain ? value : quote(value);
}

/** Writes a field name, quoting a metadata key that would not read back as one word. */
function formatField(field: string): string {
  return BARE_WORD.test(field) && !KEYWORDS.has(field.toLowerCase()) ? field : quote(field);
}

function formatCondition(condition: FilterCondition): string {
  const { field, op, value } = condition;
  const name = formatField(field);
  const values = Array.isArray(value) ? value : [value];
  if (op === 'exists') return `${name} exists`;
  if (op === 'within_last') {
    return `${name} >= now - ${String(value)}${UNIT_SUFFIX[condition.unit ?? 'seconds']}`;
  }
  if (op === 'between') {
    const [low, high] = values.map((item) => formatValue(field, item));
    return `${name} between ${low} and ${high}`;
  }
  if (op === 'in' || op === 'not_in') {
    const list = values.map((item) => formatValue(field, item)).join(', ');
    return `${name} ${OPERATOR_TEXT[op]} (${list})`;
  }
  return `${name} ${OPERATOR_TEXT[op]} ${formatValue(field, values[0])}`;
}

/**
 * Formats a group as it reads inside another group. The text always reads back
 * as one operand: `(a or b)`, `not (...)`, `any (...)` or `all ()`.
 */
function formatNestedGroup(group: FilterGroup): string {
  const children = group.conditions.map((child) => formatNode(child));
  const negate = group.not === true ? 'not ' : '';
  if (children.length === 0) return `${negate}${group.logic === 'or' ? 'any' : 'all'} ()`;
  // With one condition the logic has no effect, but the builder shows it, so `any` keeps `or`.
  if (children.length === 1 && group.logic === 'or') return `${negate}any (${children[0]})`;
  return `${negate}(${children.join(` ${group.logic} `)})`;
}

function formatNode(node: FilterNode): string {
  return isGroup(node) ? formatNestedGroup(node) : formatCondition(node);
}

/**
 * Formats criteria as a text query that `parseQuery` reads back into the same
 * criteria. The top-level group is written without parentheses where it can be.
 */
export function formatQuery(criteria: FilterCriteria | null): string {
  if (criteria === null) return '';
  const { conditions } = criteria;
  if (criteria.not === true) return formatNestedGroup(criteria);
  if (conditions.length === 0) return '';
  if (conditions.length === 1 && criteria.logic === 'or') return formatNestedGroup(criteria);
  if (conditions.length === 1) {
    const only = conditions[0];
    if (!isGroup(only)) return formatCondition(only);
    const text = formatNestedGroup(only);
    // A `(...)` alone reads as a group inside the top-level one. A `not`, `any` or `all`
    // alone would read as the top-level group itself, so it gets an explicit `all` around it.
    return text.startsWith('(') ? text : `all (${text})`;
  }
  return conditions.map((child) => formatNode(child)).join(` ${criteria.logic} `);
}
