// Helpers that turn points into the columns of `Store.appendColumns`, for tests.
import {
  copyMetadata,
  NO_METADATA,
  type ColumnStrings,
  type Metadata,
  type Point,
  type PointColumns,
} from '../../src/core/index.js';

/** A string table that parses metadata entries once, as a stream connection's table does. */
export class TestStrings implements ColumnStrings {
  readonly entries: string[] = [];
  readonly #metadata = new Map<number, Metadata | string>();

  constructor(entries: readonly string[] = []) {
    this.entries.push(...entries);
  }

  get length(): number {
    return this.entries.length;
  }

  /** Returns the code of `text`, adding it when new. */
  code(text: string): number {
    const index = this.entries.indexOf(text);
    return index >= 0 ? index : this.entries.push(text) - 1;
  }

  /** Adds `text` as a new entry even when an equal one exists, and returns its code. */
  add(text: string): number {
    return this.entries.push(text) - 1;
  }

  at(code: number): string | undefined {
    return this.entries[code];
  }

  metadata(code: number): Metadata | string {
    let entry = this.#metadata.get(code);
    if (entry === undefined) {
      entry = parse(this.entries[code]);
      this.#metadata.set(code, entry);
    }
    return entry;
  }
}

function parse(text: string | undefined): Metadata | string {
  if (text === undefined) return 'metadata: string code is not in the table';
  try {
    return copyMetadata(JSON.parse(text)) ?? 'metadata: must be an object of primitive values';
  } catch {
    return 'metadata: is not valid JSON';
  }
}

/** Allocates columns of `count` rows, every entry zero. */
export function emptyColumns(count: number): PointColumns {
  return {
    count,
    timestamp: new Float64Array(count),
    value: new Float64Array(count),
    idNumber: new Float64Array(count),
    category: new Uint32Array(count),
    source: new Uint32Array(count),
    idPrefix: new Uint32Array(count),
    metadata: new Uint32Array(count),
  };
}

/**
 * Encodes points as columns. An id whose trailing digits read back as the same number is split
 * into a prefix and that number, and any other id becomes a prefix alone.
 */
export function toColumns(points: readonly Point[], strings: TestStrings): PointColumns {
  const columns = emptyColumns(points.length);
  points.forEach((point, i) => {
    columns.timestamp[i] = point.timestamp;
    columns.value[i] = point.value;
    columns.category[i] = strings.code(point.category);
    columns.source[i] = strings.code(point.source);
    const match = /^(.*?)(\d+)$/.exec(point.id);
    const digits = match?.[2];
    if (match !== null && digits !== undefined && String(Number(digits)) === digits) {
      columns.idPrefix[i] = strings.code(match[1]);
      columns.idNumber[i] = Number(digits);
    } else {
      columns.idPrefix[i] = strings.code(point.id);
      columns.idNumber[i] = NaN;
    }
    columns.metadata[i] =
      point.metadata === undefined ? NO_METADATA : strings.code(JSON.stringify(point.metadata));
  });
  return columns;
}
