import { z } from 'zod';

/** Operators of a filter condition; see docs/filtering.md for their exact semantics. */
export const FILTER_OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'not_contains',
  'between',
  'in',
  'not_in',
  'exists',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** Built-in fields of a point. `metadata.<key>` names a metadata key. */
export const POINT_FIELDS = ['id', 'timestamp', 'value', 'category', 'source'] as const;

export type FilterValue = string | number | boolean | null;

export interface FilterCondition {
  field: string;
  op: FilterOperator;
  value?: FilterValue | FilterValue[];
}

export interface FilterGroup {
  logic: 'and' | 'or';
  not?: boolean;
  conditions: FilterNode[];
}

export type FilterNode = FilterCondition | FilterGroup;

/** Criteria are one group; an empty group matches every row. */
export type FilterCriteria = FilterGroup;

export function isGroup(node: FilterNode): node is FilterGroup {
  return 'logic' in node;
}

const MAX_DEPTH = 32;
const MAX_LIST = 10_000;

const scalar = z.union([z.string().max(4096), z.number(), z.boolean(), z.null()]);

const fieldName = z.string().superRefine((field, context) => {
  const known = (POINT_FIELDS as readonly string[]).includes(field);
  if (!known && !/^metadata\.\S{1,256}$/.test(field)) {
    context.addIssue({ code: 'custom', message: `unknown field '${field}'` });
  }
});

const conditionSchema = z
  .object({
    field: fieldName,
    op: z.enum(FILTER_OPERATORS, {
      error: (issue) => `unknown operator '${String(issue.input)}'`,
    }),
    value: z.union([scalar, z.array(scalar).max(MAX_LIST)]).optional(),
  })
  .strict()
  .superRefine((condition, context) => {
    const { op, value } = condition;
    const fail = (message: string) => context.addIssue({ code: 'custom', message });
    if (op === 'exists') return;
    if (op === 'between') {
      if (!Array.isArray(value) || value.length !== 2) {
        fail('between needs exactly two bounds [low, high]');
      }
      return;
    }
    if (op === 'in' || op === 'not_in') {
      if (!Array.isArray(value)) fail(`${op} needs a list of values`);
      return;
    }
    if (value === undefined || Array.isArray(value)) {
      fail(`${op} needs a single value`);
      return;
    }
    if (['gt', 'gte', 'lt', 'lte'].includes(op) && typeof value === 'boolean') {
      fail(`${op} cannot compare with a boolean`);
    }
  });

// Children are checked one level at a time (see parseNode) so an error names the exact
// condition instead of a union of "not a group, not a condition" failures.
const groupShape = z
  .object({
    logic: z.enum(['and', 'or'], { error: () => "logic must be 'and' or 'or'" }),
    not: z.boolean().optional(),
    conditions: z.array(z.unknown()).max(MAX_LIST),
  })
  .strict();

/** Thrown by `Store.setFilter` when criteria are invalid; the previous filter stays applied. */
export class FilterValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterValidationError';
  }
}

function pathLabel(path: readonly PropertyKey[]): string {
  let label = 'criteria';
  for (const part of path) {
    label += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  }
  return label;
}

function fail(path: readonly PropertyKey[], issues: readonly z.core.$ZodIssue[]): never {
  const issue = issues[0];
  throw new FilterValidationError(`${pathLabel([...path, ...issue.path])}: ${issue.message}`);
}

function parseNode(input: unknown, path: PropertyKey[], depth: number): FilterNode {
  const isGroupLike = input !== null && typeof input === 'object' && 'logic' in input;
  if (!isGroupLike) {
    const condition = conditionSchema.safeParse(input);
    if (!condition.success) fail(path, condition.error.issues);
    return condition.data as FilterCondition;
  }
  if (depth > MAX_DEPTH) {
    throw new FilterValidationError(`${pathLabel(path)}: nested deeper than ${MAX_DEPTH} groups`);
  }
  const group = groupShape.safeParse(input);
  if (!group.success) fail(path, group.error.issues);
  const conditions = group.data.conditions.map((child, index) =>
    parseNode(child, [...path, 'conditions', index], depth + 1),
  );
  const result: FilterGroup = { logic: group.data.logic, conditions };
  if (group.data.not !== undefined) result.not = group.data.not;
  return result;
}

/**
 * Validates criteria, returning them typed, or throws a FilterValidationError
 * whose message names the failing condition by its path, such as
 * `criteria.conditions[1].op: unknown operator 'like'`.
 */
export function parseCriteria(input: unknown): FilterCriteria {
  if (input === null || typeof input !== 'object' || !('logic' in input)) {
    throw new FilterValidationError("criteria: must be a group with 'logic' and 'conditions'");
  }
  return parseNode(input, [], 0) as FilterGroup;
}
