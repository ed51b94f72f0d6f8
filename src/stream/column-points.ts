import { copyMetadata, MAX_NAME_LENGTH } from '../core/point-schema.js';
import { isEpochMs } from '../core/limits.js';
import {
  ID_LENGTH_REASON,
  ID_NUMBER_REASON,
  TIMESTAMP_REASON,
  VALUE_REASON,
  type ColumnStrings,
} from '../core/column-append.js';
import type { Metadata, Point } from '../core/types.js';
import { allocateBatch, NO_METADATA, type ColumnBatch } from './binary-frame.js';
import type { ColumnarDataMessage } from './protocol.js';

/** Most entries a client keeps in one connection's string table. */
export const MAX_STRING_TABLE = 1_000_000;

/** A rejected point of a batch: its index in the batch and the reason. */
export interface RejectedPoint {
  index: number;
  reason: string;
}

/**
 * The strings of one connection, referred to by code from columnar and binary data. A metadata
 * entry is parsed once, when first used. `Store.appendColumns` checks names once per message,
 * and `pointsFromBatch` once per entry, not once per point.
 */
export class StringTable implements ColumnStrings {
  #strings: string[] = [];
  #nameProblems: (string | null | undefined)[] = [];
  #metadata: (Metadata | string | undefined | null)[] = [];

  get length(): number {
    return this.#strings.length;
  }

  /**
   * Applies a `strings` message. Returns an error message when `base` is past the end of the
   * table, which means this client missed strings, or when the table would grow too large.
   */
  extend(base: number, strings: readonly string[]): string | null {
    if (base > this.#strings.length) {
      return `strings.base ${base} is past the end of the string table (${this.#strings.length} entries)`;
    }
    if (base + strings.length > MAX_STRING_TABLE) {
      return `string table would hold ${base + strings.length} entries, more than the limit of ${MAX_STRING_TABLE}`;
    }
    this.#strings.length = base;
    this.#nameProblems.length = base;
    this.#metadata.length = base;
    for (const text of strings) this.#strings.push(text);
    return null;
  }

  at(code: number): string | undefined {
    return this.#strings[code];
  }

  /** Returns why entry `code` cannot be a category or source, or null when it can. */
  nameProblem(code: number): string | null {
    let problem = this.#nameProblems[code];
    if (problem === undefined) {
      const text = this.#strings[code];
      if (text === undefined) problem = `string code ${code} is not in the table`;
      else if (text.length === 0) problem = 'must not be empty';
      else if (text.length > MAX_NAME_LENGTH) {
        problem = `is ${text.length} characters long, more than ${MAX_NAME_LENGTH}`;
      } else problem = null;
      this.#nameProblems[code] = problem;
    }
    return problem;
  }

  /** Returns the metadata that entry `code` holds as JSON text, or an error message. */
  metadata(code: number): Metadata | string {
    let entry = this.#metadata[code];
    if (entry === undefined || entry === null) {
      entry = parseMetadata(this.#strings[code], code);
      this.#metadata[code] = entry;
    }
    return entry;
  }
}

function parseMetadata(text: string | undefined, code: number): Metadata | string {
  if (text === undefined) return `metadata: string code ${code} is not in the table`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'metadata: is not valid JSON';
  }
  const copy = copyMetadata(parsed);
  return copy ?? 'metadata: must be an object of primitive values';
}

function checkName(table: StringTable, code: number, field: string): string | null {
  const problem = table.nameProblem(code);
  return problem === null ? null : `${field}: ${problem}`;
}

/** Returns why the id of point `i` is invalid, or null. */
function idProblem(batch: ColumnBatch, table: StringTable, i: number): string | null {
  const prefix = table.at(batch.idPrefix[i]);
  if (prefix === undefined) return `id: string code ${batch.idPrefix[i]} is not in the table`;
  const number = batch.idNumber[i];
  if (Number.isNaN(number)) {
    return prefix.length === 0 ? 'id: must not be empty' : checkIdLength(prefix.length);
  }
  if (!Number.isSafeInteger(number) || number < 0) return ID_NUMBER_REASON;
  return checkIdLength(prefix.length + String(number).length);
}

function checkIdLength(length: number): string | null {
  return length > MAX_NAME_LENGTH ? ID_LENGTH_REASON : null;
}

/**
 * Builds points from a batch and checks each one as the point schema would: finite timestamp,
 * a finite value or NaN (a gap), known codes, valid names and metadata. Invalid points are
 * returned with their reason; the others are kept. Points before index `start` are skipped.
 */
export function pointsFromBatch(
  batch: ColumnBatch,
  table: StringTable,
  start = 0,
): { points: Point[]; invalid: RejectedPoint[] } {
  const points: Point[] = [];
  const invalid: RejectedPoint[] = [];
  for (let i = start; i < batch.count; i++) {
    const result = pointAt(batch, table, i);
    if (typeof result === 'string') invalid.push({ index: i, reason: result });
    else points.push(result);
  }
  return { points, invalid };
}

function pointAt(batch: ColumnBatch, table: StringTable, i: number): Point | string {
  const timestamp = batch.timestamp[i];
  if (!isEpochMs(timestamp)) return TIMESTAMP_REASON;
  const value = batch.value[i];
  if (value === Infinity || value === -Infinity) return VALUE_REASON;
  const category = batch.category[i];
  const source = batch.source[i];
  const problem =
    checkName(table, category, 'category') ??
    checkName(table, source, 'source') ??
    idProblem(batch, table, i);
  if (problem !== null) return problem;
  const prefix = table.at(batch.idPrefix[i]) as string;
  const number = batch.idNumber[i];
  const point: Point = {
    id: Number.isNaN(number) ? prefix : prefix + number,
    timestamp,
    value,
    category: table.at(category) as string,
    source: table.at(source) as string,
  };
  const code = batch.metadata[i];
  if (code !== NO_METADATA) {
    const metadata = table.metadata(code);
    if (typeof metadata === 'string') return metadata;
    point.metadata = metadata;
  }
  return point;
}

/**
 * Copies a columnar JSON message into a batch. Entries of the wrong type become values that
 * the point checks reject: Infinity for a value, NaN for a timestamp, an unknown code for a
 * string reference.
 */
export function batchFromColumnar(message: ColumnarDataMessage): ColumnBatch {
  const { count, columns } = message;
  const batch = allocateBatch(count);
  batch.seq = message.seq;
  for (let i = 0; i < count; i++) {
    const time = columns.timestamp[i];
    batch.timestamp[i] = typeof time === 'number' ? time : NaN;
    batch.value[i] = numberOrMarker(columns.value[i], Infinity);
    batch.idNumber[i] = numberOrMarker(columns.idNumber[i], -1);
    batch.category[i] = toCode(columns.category[i]);
    batch.source[i] = toCode(columns.source[i]);
    batch.idPrefix[i] = toCode(columns.idPrefix[i]);
    const metadata = columns.metadata[i];
    batch.metadata[i] = metadata === -1 ? NO_METADATA : toCode(metadata);
  }
  return batch;
}

/** Unknown codes map to one past the largest table, so the point checks reject them. */
const INVALID_CODE = MAX_STRING_TABLE;

function toCode(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < INVALID_CODE
    ? value
    : INVALID_CODE;
}

/**
 * Reads a columnar cell: null becomes NaN (a gap or no numeric id), a number
 * stays, and any other type becomes `invalid` so validation rejects the point.
 */
function numberOrMarker(cell: unknown, invalid: number): number {
  if (cell === null) return NaN;
  if (typeof cell === 'number') return cell;
  return invalid;
}
