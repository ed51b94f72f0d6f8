import type { TemplateResult } from 'lit';
import type { Store } from '../../core/store.js';
import type { Point } from '../../core/types.js';
import { warnOnce } from '../shared/dev-warnings.js';
import type { GridLink } from './links.js';

export type ColumnAlign = 'start' | 'center' | 'end';

/** One column of `<obs-grid>`, as set through its `columns` property. */
export interface GridColumn {
  /**
   * Field shown: `timestamp`, `category`, `source`, `value`, `id` or
   * `metadata.<key>`. With an `accessor` any unique name works.
   */
  key: string;
  /** Header text; defaults to the key. */
  label?: string;
  /** Width in CSS pixels; defaults to 140, at least 24. */
  width?: number;
  align?: ColumnAlign;
  /** Whether a header click sorts by this column; defaults to true. */
  sortable?: boolean;
  /**
   * Turns the cell value into its text. A returned string is always shown as
   * text. A `{href, text}` object becomes a link when `href` is an http:,
   * https: or relative URL, and text otherwise. A Lit template written by the
   * page author is rendered as a template, with the same check on its links.
   */
  formatter?: (value: unknown, row: Point) => string | GridLink | TemplateResult;
  /** Computes the cell value from the point in place of reading `key`. */
  accessor?: (row: Point) => unknown;
}

/** A column after validation, with every optional field filled in. */
export interface ResolvedColumn {
  key: string;
  label: string;
  width: number;
  align: ColumnAlign;
  sortable: boolean;
  formatter?: GridColumn['formatter'];
  accessor?: GridColumn['accessor'];
}

export const DEFAULT_COLUMN_WIDTH = 140;
export const MIN_COLUMN_WIDTH = 24;
export const MAX_COLUMN_WIDTH = 4000;

/** Text of a cell whose value is missing, NaN or not finite. */
export const MISSING_TEXT = '\u2014';

const BUILT_IN_KEYS = ['timestamp', 'category', 'source', 'value', 'id'];
const METADATA_PREFIX = 'metadata.';

export const DEFAULT_COLUMNS: readonly GridColumn[] = [
  { key: 'timestamp', label: 'Time (UTC)', width: 200 },
  { key: 'category', label: 'Category', width: 140 },
  { key: 'source', label: 'Source', width: 140 },
  { key: 'value', label: 'Value', width: 110, align: 'end' },
  { key: 'id', label: 'Id', width: 220 },
];

/** Rounds and clamps a column width in pixels; anything but a finite number gives the default. */
export function clampWidth(width: unknown): number {
  if (typeof width !== 'number' || !Number.isFinite(width)) return DEFAULT_COLUMN_WIDTH;
  return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, Math.round(width)));
}

function resolveColumn(column: GridColumn): ResolvedColumn {
  const key = column.key;
  const known = BUILT_IN_KEYS.includes(key) || key.startsWith(METADATA_PREFIX);
  if (!known && typeof column.accessor !== 'function' && typeof column.formatter !== 'function') {
    warnOnce(
      `grid-unknown-column-${key}`,
      `<obs-grid> column '${key}' names no point field and has no accessor or formatter, so its cells show a dash. Use timestamp, category, source, value, id or metadata.<key>.`,
    );
  }
  const align = column.align === 'center' || column.align === 'end' ? column.align : 'start';
  return {
    key,
    label: typeof column.label === 'string' ? column.label : key,
    width: clampWidth(column.width),
    align: column.align === undefined && key === 'value' ? 'end' : align,
    sortable: column.sortable !== false,
    formatter: typeof column.formatter === 'function' ? column.formatter : undefined,
    accessor: typeof column.accessor === 'function' ? column.accessor : undefined,
  };
}

/**
 * Validates the `columns` property. Entries without a string key, and repeats
 * of a key, are dropped with a warning; anything but an array means the
 * default columns.
 */
export function resolveColumns(columns: unknown): ResolvedColumn[] {
  if (columns === null || columns === undefined) return DEFAULT_COLUMNS.map(resolveColumn);
  if (!Array.isArray(columns)) {
    warnOnce('grid-columns-type', '<obs-grid> columns must be an array; showing the defaults.');
    return DEFAULT_COLUMNS.map(resolveColumn);
  }
  const seen = new Set<string>();
  const resolved: ResolvedColumn[] = [];
  for (const column of columns as unknown[]) {
    const key = (column as Partial<GridColumn> | null)?.key;
    if (typeof key !== 'string' || key === '' || seen.has(key)) {
      warnOnce(
        'grid-column-key',
        '<obs-grid> dropped a column without a unique, non-empty string key.',
      );
      continue;
    }
    seen.add(key);
    resolved.push(resolveColumn(column as GridColumn));
  }
  return resolved;
}

/** Reads an own metadata field, so keys such as `__proto__` never reach the prototype. */
function readMetadata(store: Store, row: number, name: string): unknown {
  const metadata = store.metadataAt(row);
  if (metadata === undefined || !Object.hasOwn(metadata, name)) return undefined;
  return metadata[name];
}

/**
 * Reads the value a column shows for a logical row. A throwing accessor yields
 * `undefined` and warns once, so one bad row never stops the grid.
 */
export function readCell(store: Store, column: ResolvedColumn, row: number): unknown {
  if (column.accessor !== undefined) {
    try {
      return column.accessor(store.pointAt(row));
    } catch (error) {
      warnOnce(
        `grid-accessor-${column.key}`,
        `<obs-grid> accessor of column '${column.key}' threw: ${String(error)}`,
      );
      return undefined;
    }
  }
  switch (column.key) {
    case 'timestamp':
      return store.timeAt(row);
    case 'value':
      return store.valueAt(row);
    case 'category':
      return store.categoryAt(row);
    case 'source':
      return store.sourceAt(row);
    case 'id':
      return store.idAt(row);
  }
  if (column.key.startsWith(METADATA_PREFIX)) {
    return readMetadata(store, row, column.key.slice(METADATA_PREFIX.length));
  }
  return undefined;
}
