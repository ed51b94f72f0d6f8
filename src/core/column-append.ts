import { isEpochMs, MAX_NAME_LENGTH } from './limits.js';
import { nameProblem } from './point-check.js';
import type { PointRing } from './point-ring.js';
import type { AppendDetail, Metadata } from './types.js';

/** Metadata code of a row without metadata. */
export const NO_METADATA = 0xffffffff;

/**
 * Points as columns, the form in which columnar and binary stream data arrive. Category,
 * source, id prefix and metadata are codes into a `ColumnStrings` table. Row `i`'s id is
 * `strings.at(idPrefix[i]) + idNumber[i]`, or only the prefix when `idNumber[i]` is NaN.
 */
export interface PointColumns {
  /** Rows in the columns; every column has at least this many entries. */
  count: number;
  /** Epoch milliseconds. */
  timestamp: Float64Array;
  /** NaN marks a gap. */
  value: Float64Array;
  idNumber: Float64Array;
  category: Uint32Array;
  source: Uint32Array;
  idPrefix: Uint32Array;
  /** NO_METADATA for a row without metadata; otherwise the code of its metadata. */
  metadata: Uint32Array;
}

/** The string table that the codes of `PointColumns` refer to. */
export interface ColumnStrings {
  /** Number of entries; codes from 0 to `length - 1` may be in use. */
  readonly length: number;
  /** Entry `code`, or undefined when there is none. */
  at(code: number): string | undefined;
  /**
   * Returns entry `code` as metadata, an object of primitive values, or a reason starting with
   * `metadata:` when it is not valid metadata. Returns the same object for the same code, so
   * rows that share a code share one object.
   */
  metadata(code: number): Metadata | string;
}

/** A row or point that was not appended because it is invalid: its index in the batch and the reason. */
export interface RejectedRow {
  index: number;
  reason: string;
}

/** Counts and rejected rows of one `ColumnAppender.append` call, for the store's events. */
export interface ColumnOutcome {
  duplicates: number;
  evicted: number;
  invalid: RejectedRow[];
}

/** Result of `append` and `appendColumns`: the detail of their `append` event and the rejected rows. */
export interface AppendResult extends AppendDetail {
  invalid: RejectedRow[];
}

const COLUMN_NAMES = [
  'timestamp',
  'value',
  'idNumber',
  'category',
  'source',
  'idPrefix',
  'metadata',
] as const;

/** Throws a RangeError when a column is shorter than `count` or `start` is not a row index. */
export function checkColumns(columns: PointColumns, start: number): void {
  const { count } = columns;
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`columns.count must be a non-negative integer, got ${String(count)}`);
  }
  for (const name of COLUMN_NAMES) {
    const length = columns[name].length;
    if (length < count) {
      throw new RangeError(`columns.${name} has ${length} entries, fewer than count ${count}`);
    }
  }
  if (!Number.isInteger(start) || start < 0 || start > count) {
    throw new RangeError(`start must be an integer from 0 to count ${count}, got ${String(start)}`);
  }
}

// Exported for src/stream/column-points.ts, which checks decoded points the same way.
export const TIMESTAMP_REASON = 'timestamp: must be epoch milliseconds within ±8.64e15';
export const VALUE_REASON = 'value: must be a finite number or null';
export const ID_NUMBER_REASON = 'id: idNumber must be a non-negative whole number or null';
export const ID_LENGTH_REASON = `id: is longer than ${MAX_NAME_LENGTH} characters`;
/** Digits of the largest safe integer, the longest number an id can end in. */
const MAX_ID_DIGITS = 16;
/** Largest id number that the id index keeps as a number rather than as text. */
const MAX_CODED_NUMBER = 0xffffffff;

/**
 * A table from the codes of one batch's string table to what they resolve to, filled as rows
 * use them. Entry 0 means not yet resolved; only the entries a batch touched are cleared.
 */
class CodeTable {
  #entries = new Int32Array(64);
  readonly #touched: number[] = [];

  get(code: number): number {
    return code < this.#entries.length ? this.#entries[code] : 0;
  }

  set(code: number, entry: number): void {
    if (code >= this.#entries.length) {
      let length = this.#entries.length * 2;
      while (length <= code) length *= 2;
      const grown = new Int32Array(length);
      grown.set(this.#entries);
      this.#entries = grown;
    }
    this.#entries[code] = entry;
    this.#touched.push(code);
  }

  clear(): void {
    for (const code of this.#touched) this.#entries[code] = 0;
    this.#touched.length = 0;
  }
}

/**
 * Checks columns row by row and writes the valid rows into a store's ring, without building a
 * point object per row. Every distinct code of a batch is resolved once: category and source
 * to dictionary codes, an id prefix to the id index's prefix code, metadata to its object.
 * Rows are checked in the order and with the reasons of the point schema, so a row is
 * rejected here exactly when the same point would be rejected as an object.
 */
export class ColumnAppender {
  readonly #categories = new CodeTable();
  readonly #sources = new CodeTable();
  readonly #prefixes = new CodeTable();
  readonly #metadataCodes = new CodeTable();
  /** Reasons and metadata objects of the current batch; table entries point into them. */
  readonly #reasons: string[] = [];
  readonly #objects: Metadata[] = [];
  /**
   * False while checking rows that will not be appended, so their names reach neither the
   * store's dictionaries nor the code tables, as `append` never receives such points.
   */
  #resolving = true;
  #ring!: PointRing;
  #strings!: ColumnStrings;

  // The resolved fields of the row last passed to `#check`.
  #metadata: Metadata | undefined;
  /** Id index prefix code of a numbered id, or -1 for an id given by `#idText`. */
  #idPrefixCode = -1;
  #idNumber = 0;
  #idText = '';

  /**
   * Appends the valid rows from `start` to `columns.count` in order, like `Store.append`.
   * Duplicates of held ids are dropped and counted, and the oldest rows are evicted when the
   * ring is full. Of more valid rows than the capacity, only the newest stay. The caller has
   * checked the column lengths and `start`. Counts go into `outcome` as rows are written, so
   * they stay right when a call of `strings` throws midway.
   */
  append(
    ring: PointRing,
    columns: PointColumns,
    strings: ColumnStrings,
    start: number,
    outcome: ColumnOutcome,
  ): void {
    this.#ring = ring;
    this.#strings = strings;
    try {
      const first = this.#firstKept(columns, start, ring.capacity);
      ring.reserve(Math.min(ring.capacity, ring.size + columns.count - start));
      for (let i = start; i < columns.count; i++) {
        this.#resolving = i >= first;
        const reason = this.#check(columns, i);
        if (reason !== null) outcome.invalid.push({ index: i, reason });
        else if (i >= first) this.#write(columns, i, outcome);
      }
    } finally {
      this.#clear();
    }
  }

  #write(columns: PointColumns, i: number, outcome: ColumnOutcome): void {
    const ring = this.#ring;
    const duplicate =
      this.#idPrefixCode >= 0
        ? ring.ids.hasNumbered(this.#idPrefixCode, this.#idNumber)
        : ring.ids.has(this.#idText);
    if (duplicate) {
      outcome.duplicates++;
      return;
    }
    // Only a row that is appended adds its names to the store's dictionaries, as with `append`.
    const category = this.#encode(this.#categories, columns.category[i], 'category');
    const source = this.#encode(this.#sources, columns.source[i], 'source');
    if (ring.end - ring.start === ring.capacity) {
      ring.evictOne();
      outcome.evicted++;
    }
    ring.writeCoded(columns.timestamp[i], columns.value[i], category, source, this.#metadata);
  }

  /**
   * Index of the first row that may stay: with more valid rows than `capacity`, the rows before
   * the newest `capacity` valid ones are checked and reported but not appended.
   */
  #firstKept(columns: PointColumns, start: number, capacity: number): number {
    if (columns.count - start <= capacity) return start;
    this.#resolving = false;
    let valid = 0;
    for (let i = columns.count - 1; i >= start; i--) {
      if (this.#check(columns, i) === null && ++valid === capacity) return i;
    }
    return start;
  }

  /** Returns why row `i` is invalid, or null after leaving its resolved fields in this object. */
  #check(columns: PointColumns, i: number): string | null {
    const time = columns.timestamp[i];
    // NaN fails both comparisons.
    if (!isEpochMs(time)) return TIMESTAMP_REASON;
    const value = columns.value[i];
    if (value === Infinity || value === -Infinity) return VALUE_REASON;
    const category = this.#nameCode(this.#categories, columns.category[i], 'category');
    if (category < 0) return this.#reasons[-category - 1];
    const source = this.#nameCode(this.#sources, columns.source[i], 'source');
    if (source < 0) return this.#reasons[-source - 1];
    const idProblem = this.#checkId(columns.idPrefix[i], columns.idNumber[i]);
    if (idProblem !== null) return idProblem;
    const code = columns.metadata[i];
    if (code === NO_METADATA) {
      this.#metadata = undefined;
    } else {
      const entry = this.#metadataEntry(code);
      if (entry < 0) return this.#reasons[-entry - 1];
      this.#metadata = this.#objects[entry - 1];
    }
    return null;
  }

  /** Returns the dictionary code of a category or source that `#nameCode` found valid. */
  #encode(table: CodeTable, code: number, field: 'category' | 'source'): number {
    const entry = table.get(code);
    if (entry >= 2) return entry - 2;
    const text = this.#strings.at(code) as string;
    const ring = this.#ring;
    const resolved = field === 'category' ? ring.categoryCode(text) : ring.sourceCode(text);
    table.set(code, resolved + 2);
    return resolved;
  }

  /** Returns a positive number for a valid category or source code, or minus one more than its reason's index. */
  #nameCode(table: CodeTable, code: number, field: 'category' | 'source'): number {
    const entry = table.get(code);
    if (entry !== 0) return entry;
    const text = this.#strings.at(code);
    const problem =
      text === undefined || code >= this.#strings.length
        ? `${field}: string code ${code} is not in the table`
        : nameProblem(field, text);
    if (problem !== null) {
      // Codes past the table are not cached, so a hostile code cannot grow the table.
      const reason = this.#reason(problem);
      if (code < this.#strings.length) table.set(code, reason);
      return reason;
    }
    // Entry 1 marks a valid name not yet in the store's dictionary.
    table.set(code, 1);
    return 1;
  }

  /** Checks an id and leaves its form in `#idPrefixCode` and `#idNumber`, or `#idText`. */
  #checkId(prefixCode: number, number: number): string | null {
    const prefix = prefixCode < this.#strings.length ? this.#strings.at(prefixCode) : undefined;
    if (prefix === undefined) return `id: string code ${prefixCode} is not in the table`;
    if (Number.isNaN(number)) {
      if (prefix.length === 0) return 'id: must not be empty';
      if (prefix.length > MAX_NAME_LENGTH) return ID_LENGTH_REASON;
      this.#idPrefixCode = -1;
      this.#idText = prefix;
      return null;
    }
    if (!Number.isSafeInteger(number) || number < 0) return ID_NUMBER_REASON;
    if (
      prefix.length + MAX_ID_DIGITS > MAX_NAME_LENGTH &&
      prefix.length + String(number).length > MAX_NAME_LENGTH
    ) {
      return ID_LENGTH_REASON;
    }
    if (!this.#resolving) return null;
    let entry = this.#prefixes.get(prefixCode);
    if (entry === 0) {
      // Entry 1 marks a prefix whose numbered ids the id index keeps as text.
      entry = this.#ring.ids.numberedPrefixCode(prefix) + 2;
      this.#prefixes.set(prefixCode, entry);
    }
    if (entry > 1 && number <= MAX_CODED_NUMBER) {
      this.#idPrefixCode = entry - 2;
      this.#idNumber = number;
    } else {
      this.#idPrefixCode = -1;
      this.#idText = prefix + number;
    }
    return null;
  }

  /** Returns one more than the index of the metadata object of `code`, or minus one more than its reason's index. */
  #metadataEntry(code: number): number {
    let entry = this.#metadataCodes.get(code);
    if (entry !== 0) return entry;
    const metadata =
      code < this.#strings.length
        ? this.#strings.metadata(code)
        : `metadata: string code ${code} is not in the table`;
    if (typeof metadata === 'string') entry = this.#reason(metadata);
    else entry = this.#objects.push(metadata);
    if (code < this.#strings.length) this.#metadataCodes.set(code, entry);
    return entry;
  }

  #reason(text: string): number {
    return -this.#reasons.push(text);
  }

  #clear(): void {
    this.#categories.clear();
    this.#sources.clear();
    this.#prefixes.clear();
    this.#metadataCodes.clear();
    this.#reasons.length = 0;
    this.#objects.length = 0;
  }
}
