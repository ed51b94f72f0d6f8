import type { FilterCriteria, FilterGroup, FilterNode, FilterValue } from './criteria.js';
import { isGroup } from './criteria.js';
import { normalizeOperand } from './filter.js';

/**
 * Returns a string that is equal for two validated criteria whenever they
 * select the same rows by construction. Children of a group may come in any
 * order, nested groups of the same logic are flattened, and `not: false` is
 * left out. `in` lists may come in any order or with repeats, and operands are
 * written in the type their field compares with, so `'2024-01-01'` and
 * `1704067200000` on timestamp give the same key.
 */
export function criteriaKey(criteria: FilterCriteria): string {
  return nodeKey(criteria);
}

function nodeKey(node: FilterNode): string {
  if (!isGroup(node)) return conditionKey(node);
  const parts: string[] = [];
  collectParts(node, parts);
  parts.sort();
  if (parts.length === 1 && node.not !== true) return parts[0];
  const body = `${node.logic}(${parts.join(',')})`;
  return node.not === true ? `not ${body}` : body;
}

/**
 * Adds the keys of a group's children to `parts`, flattening a child group of
 * the same logic: (a AND (b AND c)) is (a AND b AND c), and the same for OR.
 * An empty child group matches every row whatever its logic, so it stays whole.
 */
function collectParts(group: FilterGroup, parts: string[]): void {
  for (const child of group.conditions) {
    const flat =
      isGroup(child) &&
      child.not !== true &&
      child.logic === group.logic &&
      child.conditions.length > 0;
    if (flat) collectParts(child, parts);
    else parts.push(nodeKey(child));
  }
}

function conditionKey(condition: {
  field: string;
  op: string;
  value?: FilterValue | FilterValue[];
  unit?: string;
}): string {
  const { field, op } = condition;
  let value: unknown;
  if (op === 'exists') value = null;
  else if (op === 'within_last') value = [condition.value, condition.unit];
  else if (Array.isArray(condition.value)) {
    const operands = condition.value.map((v) => normalizeOperand(field, v));
    if (op === 'in' || op === 'not_in') {
      const distinct = [...new Set(operands.map((v) => JSON.stringify(v)))].sort();
      value = distinct.map((text) => JSON.parse(text) as FilterValue);
    } else value = operands;
  } else value = normalizeOperand(field, condition.value ?? null);
  return JSON.stringify([field, op, value]);
}
