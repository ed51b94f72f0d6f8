// A plain implementation of the store's documented rules over an array of
// objects, written from docs/data-model.md and docs/filtering.md without
// sharing code with src/core, so property tests can compare the two.
import type { FilterNode, FilterValue, Point } from '../../src/core/index.js';

const UNIT_MS: Record<string, number> = {
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

export interface HeldPoint {
  row: number;
  point: Point;
}

export class ReferenceStore {
  held: HeldPoint[] = [];
  ids = new Set<string>();
  nextRow = 0;
  duplicates = 0;

  constructor(readonly capacity: number) {}

  append(points: Point[]): void {
    for (const point of points.slice(Math.max(0, points.length - this.capacity))) {
      if (this.ids.has(point.id)) {
        this.duplicates++;
        continue;
      }
      if (this.held.length === this.capacity) this.ids.delete(this.held.shift()?.point.id ?? '');
      this.held.push({ row: this.nextRow++, point });
      this.ids.add(point.id);
    }
  }

  clear(): void {
    this.held = [];
    this.ids.clear();
    this.nextRow = 0;
    this.duplicates = 0;
  }

  select(criteria: FilterNode | null, now: number): HeldPoint[] {
    if (criteria === null) return this.held;
    return this.held.filter((entry) => matches(criteria, entry.point, now));
  }

  /** Held points of each series in time order, equal times in arrival order, by "category|source". */
  series(): Map<string, HeldPoint[]> {
    const series = new Map<string, HeldPoint[]>();
    for (const entry of this.held) {
      const key = `${entry.point.category}|${entry.point.source}`;
      if (!series.has(key)) series.set(key, []);
      series.get(key)?.push(entry);
    }
    for (const list of series.values()) {
      list.sort((a, b) => a.point.timestamp - b.point.timestamp || a.row - b.row);
    }
    return series;
  }
}

type Field = string | number | boolean | null | undefined;

function readField(point: Point, field: string): Field {
  switch (field) {
    case 'id':
      return point.id;
    case 'timestamp':
      return Number.isNaN(point.timestamp) ? undefined : point.timestamp;
    case 'value':
      return Number.isNaN(point.value) ? undefined : point.value;
    case 'category':
      return point.category;
    case 'source':
      return point.source;
    default: {
      const key = field.slice('metadata.'.length);
      const metadata = point.metadata;
      if (metadata === undefined || !Object.prototype.hasOwnProperty.call(metadata, key)) {
        return undefined;
      }
      return metadata[key];
    }
  }
}

function numericText(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

function operand(field: string, value: FilterValue): FilterValue {
  if (typeof value !== 'string') return value;
  if (field === 'timestamp') return Date.parse(value);
  if (field === 'value') return numericText(value) ?? value;
  return value;
}

function order(left: Field, right: FilterValue): number {
  if (typeof left === 'boolean' || typeof right === 'boolean') return NaN;
  if (typeof left === 'number' || typeof right === 'number') {
    const a = typeof left === 'number' ? left : numericText(String(left));
    const b = typeof right === 'number' ? right : numericText(String(right));
    if (a === undefined || b === undefined) return NaN;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const a = String(left);
  const b = String(right);
  return a < b ? -1 : a > b ? 1 : 0;
}

function equal(left: Field, right: FilterValue): boolean {
  if (typeof left === 'boolean' || typeof right === 'boolean') return left === right;
  return order(left, right) === 0;
}

function conditionMatches(
  condition: Extract<FilterNode, { field: string }>,
  point: Point,
  now: number,
): boolean {
  const field = readField(point, condition.field);
  if (condition.op === 'exists') return field !== undefined;
  if (field === undefined || field === null) return false;
  if (condition.op === 'within_last') {
    const span = (condition.value as number) * UNIT_MS[condition.unit as string];
    return (field as number) >= now - span;
  }
  const raw = condition.value as FilterValue | FilterValue[];
  const values = (Array.isArray(raw) ? raw : [raw]).map((v) => operand(condition.field, v));
  const value = values[0];
  switch (condition.op) {
    case 'eq':
      return equal(field, value);
    case 'neq':
      return !equal(field, value);
    case 'gt':
      return order(field, value) > 0;
    case 'gte':
      return order(field, value) >= 0;
    case 'lt':
      return order(field, value) < 0;
    case 'lte':
      return order(field, value) <= 0;
    case 'between':
      return order(field, values[0]) >= 0 && order(field, values[1]) <= 0;
    case 'contains':
      return String(field).toLowerCase().includes(String(value).toLowerCase());
    case 'not_contains':
      return !String(field).toLowerCase().includes(String(value).toLowerCase());
    case 'in':
      return values.some((v) => equal(field, v));
    case 'not_in':
      return !values.some((v) => equal(field, v));
  }
}

export function matches(node: FilterNode, point: Point, now: number): boolean {
  if (!('logic' in node)) return conditionMatches(node, point, now);
  let result: boolean;
  if (node.conditions.length === 0) result = true;
  else if (node.logic === 'and') result = node.conditions.every((c) => matches(c, point, now));
  else result = node.conditions.some((c) => matches(c, point, now));
  return node.not === true ? !result : result;
}
