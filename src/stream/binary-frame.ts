import { NO_METADATA, type PointColumns } from '../core/column-append.js';

export { NO_METADATA };

/**
 * A batch of points as columns. Strings are codes into the connection's string table. An id
 * is `strings[idPrefix] + idNumber`, or only the prefix when `idNumber` is NaN, so numbered ids
 * such as `g7-1042` cost one number instead of a string each. Metadata codes are NO_METADATA
 * for a point without metadata, otherwise the code of its JSON text.
 */
export interface ColumnBatch extends PointColumns {
  /** Sequence number of the last point. */
  seq: number;
}

/** First four bytes of every binary frame: `OBS` and the protocol version. */
const MAGIC = [0x4f, 0x42, 0x53, 0x02];
export const FRAME_KIND_DATA = 1;
/** Bytes before the columns, a multiple of 8 so the Float64 columns stay aligned. */
export const FRAME_HEADER_BYTES = 24;
/** Bytes per point: three Float64 columns and four Uint32 columns. */
export const FRAME_BYTES_PER_POINT = 3 * 8 + 4 * 4;
/** Most points one binary frame may carry. */
export const MAX_FRAME_POINTS = 1_000_000;

/** Bytes per entry of the four code columns: Uint8, Uint16 or Uint32. */
export type CodeBytes = 1 | 2 | 4;

/**
 * Returns the narrowest code width for a string table of `length` entries. The largest value
 * of a width is NO_METADATA, so a table of 255 entries still fits one byte.
 */
export function codeBytesFor(length: number): CodeBytes {
  if (length <= 0xff) return 1;
  return length <= 0xffff ? 2 : 4;
}

/** Bytes per entry of the idNumber column: Float64, or Uint32 with 0xFFFFFFFF for none. */
export type IdBytes = 4 | 8;

/** Largest id number a Uint32 id column can contain. The next value means no number. */
const MAX_NARROW_ID = 0xfffffffe;

/**
 * Returns 4 when every id number of a column is missing (NaN) or a whole number from 0 to
 * 0xFFFFFFFE, so the column fits Uint32, and 8 otherwise.
 */
export function idBytesFor(idNumber: Float64Array): IdBytes {
  for (let i = 0; i < idNumber.length; i++) {
    const number = idNumber[i];
    if (Number.isNaN(number)) continue;
    if (number < 0 || number > MAX_NARROW_ID || number % 1 !== 0) return 8;
  }
  return 4;
}

/** Bytes a frame of `count` points takes with code and id columns of the given widths. */
export function frameBytes(count: number, codeBytes: CodeBytes = 4, idBytes: IdBytes = 8): number {
  return FRAME_HEADER_BYTES + count * (2 * 8 + idBytes + 4 * codeBytes);
}

/** Creates an empty batch of `count` points. */
export function allocateBatch(count: number): ColumnBatch {
  return {
    seq: 0,
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
 * Creates an empty batch of `count` points whose columns lie in one buffer in the order and at
 * the offsets of a binary frame, after room for its header. `encodeBinaryFrame` then writes the
 * header in front and sends the buffer itself instead of copying every column.
 */
export function allocateFrameBatch(count: number): ColumnBatch {
  const buffer = new ArrayBuffer(FRAME_HEADER_BYTES + count * FRAME_BYTES_PER_POINT);
  let offset = FRAME_HEADER_BYTES;
  const float64 = () => {
    const column = new Float64Array(buffer, offset, count);
    offset += count * 8;
    return column;
  };
  const uint32 = () => {
    const column = new Uint32Array(buffer, offset, count);
    offset += count * 4;
    return column;
  };
  const timestamp = float64();
  const value = float64();
  const idNumber = float64();
  const category = uint32();
  const source = uint32();
  const idPrefix = uint32();
  return {
    seq: 0,
    count,
    timestamp,
    value,
    idNumber,
    category,
    source,
    idPrefix,
    metadata: uint32(),
  };
}

/** Returns whether the columns of a batch already lie in one buffer in binary frame layout. */
function inFrameLayout(batch: ColumnBatch): boolean {
  const { count, timestamp } = batch;
  const { buffer } = timestamp;
  if (buffer.byteLength !== FRAME_HEADER_BYTES + count * FRAME_BYTES_PER_POINT) return false;
  let offset = FRAME_HEADER_BYTES;
  for (const column of frameColumns(batch)) {
    if (column.buffer !== buffer || column.byteOffset !== offset || column.length !== count) {
      return false;
    }
    offset += column.byteLength;
  }
  return true;
}

/** Returns the columns of a batch in binary frame order. */
function frameColumns(batch: ColumnBatch): (Float64Array | Uint32Array)[] {
  return [
    batch.timestamp,
    batch.value,
    batch.idNumber,
    batch.category,
    batch.source,
    batch.idPrefix,
    batch.metadata,
  ];
}

/**
 * Encodes a batch as one binary frame, little-endian:
 * bytes 0-3 `OBS\x02`, 4-7 kind (1 = data), 8-11 point count, 12 code width (0 for 4 bytes,
 * or 1 or 2), 13 id width (0 for Float64, or 4), 14-15 zero, 16-23 seq (Float64), then the
 * columns timestamp, value (Float64), idNumber and category, source, idPrefix, metadata
 * (codes), each `count` entries long.
 * With `codeBytes` below 4, every code must lie under the largest value of that width, except
 * NO_METADATA, which becomes that value. `codeBytesFor` of the string table's length gives
 * such a width. `idBytes` 4 needs ids that `idBytesFor` accepts.
 */
export function encodeBinaryFrame(
  batch: ColumnBatch,
  codeBytes: CodeBytes = 4,
  idBytes: IdBytes = 8,
): Uint8Array {
  const { count } = batch;
  const inPlace = codeBytes === 4 && idBytes === 8 && inFrameLayout(batch);
  const bytes = inPlace
    ? new Uint8Array(batch.timestamp.buffer)
    : new Uint8Array(frameBytes(count, codeBytes, idBytes));
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint32(4, FRAME_KIND_DATA, true);
  view.setUint32(8, count, true);
  view.setUint32(
    12,
    (codeBytes === 4 ? 0 : codeBytes) | ((idBytes === 8 ? 0 : idBytes) << 8),
    true,
  );
  view.setFloat64(16, batch.seq, true);
  if (inPlace) return bytes;
  let offset = FRAME_HEADER_BYTES;
  for (const column of frameColumns(batch)) {
    if (column === batch.idNumber && idBytes === 4) {
      writeNarrowIds(new Uint32Array(bytes.buffer, offset, count), batch.idNumber);
      offset += count * 4;
      continue;
    }
    const width = column instanceof Float64Array ? 8 : codeBytes;
    const target = columnView(bytes.buffer, offset, count, width);
    // Typed-array copies keep the low bytes, which turns NO_METADATA into the width's largest value.
    target.set(column.subarray(0, count));
    offset += count * width;
  }
  return bytes;
}

function writeNarrowIds(target: Uint32Array, idNumber: Float64Array): void {
  for (let i = 0; i < target.length; i++) {
    const number = idNumber[i];
    target[i] = Number.isNaN(number) ? MAX_NARROW_ID + 1 : number;
  }
}

function columnView(buffer: ArrayBufferLike, offset: number, count: number, width: number) {
  if (width === 8) return new Float64Array(buffer, offset, count);
  if (width === 4) return new Uint32Array(buffer, offset, count);
  return width === 2
    ? new Uint16Array(buffer, offset, count)
    : new Uint8Array(buffer, offset, count);
}

/**
 * Reads a binary frame into a batch whose columns are views of `buffer`, so nothing is copied.
 * Returns an error message instead when the frame is not a well-formed data frame.
 * NOTE: the views assume a little-endian machine, which every current browser runs on.
 */
export function decodeBinaryFrame(buffer: ArrayBuffer): ColumnBatch | string {
  if (buffer.byteLength < FRAME_HEADER_BYTES) {
    return `binary frame of ${buffer.byteLength} bytes is shorter than its ${FRAME_HEADER_BYTES}-byte header`;
  }
  const view = new DataView(buffer);
  for (let i = 0; i < MAGIC.length; i++) {
    if (view.getUint8(i) !== MAGIC[i]) {
      return 'binary frame does not start with OBS and protocol version 2';
    }
  }
  const kind = view.getUint32(4, true);
  if (kind !== FRAME_KIND_DATA) return `binary frame kind ${kind} is unknown; expected 1 (data)`;
  const count = view.getUint32(8, true);
  if (count > MAX_FRAME_POINTS) {
    return `binary frame holds ${count} points, more than the limit of ${MAX_FRAME_POINTS}`;
  }
  const width = view.getUint8(12);
  if (width !== 0 && width !== 1 && width !== 2) {
    return `binary frame code width ${width} is unknown; expected 0 (4 bytes), 1 or 2`;
  }
  const idWidth = view.getUint8(13);
  if (idWidth !== 0 && idWidth !== 4) {
    return `binary frame id width ${idWidth} is unknown; expected 0 (8 bytes) or 4`;
  }
  if (view.getUint16(14, true) !== 0) return 'binary frame bytes 14 and 15 must be zero';
  const codeBytes: CodeBytes = width === 0 ? 4 : width;
  const idBytes: IdBytes = idWidth === 0 ? 8 : 4;
  const expected = frameBytes(count, codeBytes, idBytes);
  if (buffer.byteLength !== expected) {
    return `binary frame of ${count} points must be ${expected} bytes, got ${buffer.byteLength}`;
  }
  const seq = view.getFloat64(16, true);
  if (!Number.isSafeInteger(seq) || seq < count) {
    return `binary frame seq ${seq} must be a whole number of at least its point count ${count}`;
  }
  let offset = FRAME_HEADER_BYTES;
  const float64 = () => {
    const column = new Float64Array(buffer, offset, count);
    offset += count * 8;
    return column;
  };
  const codes = (isMetadata = false) => {
    const column = readCodes(buffer, offset, count, codeBytes, isMetadata);
    offset += count * codeBytes;
    return column;
  };
  const timestamp = float64();
  const value = float64();
  const idNumber = idBytes === 8 ? float64() : readNarrowIds(buffer, offset, count);
  if (idBytes === 4) offset += count * 4;
  return {
    seq,
    count,
    timestamp,
    value,
    idNumber,
    category: codes(),
    source: codes(),
    idPrefix: codes(),
    metadata: codes(true),
  };
}

/**
 * Returns a code column as Uint32, a view of the frame when it is 4 bytes wide and a widened
 * copy otherwise. In a narrow metadata column the width's largest value is NO_METADATA.
 */
function readCodes(
  buffer: ArrayBuffer,
  offset: number,
  count: number,
  codeBytes: CodeBytes,
  isMetadata: boolean,
): Uint32Array {
  if (codeBytes === 4) return new Uint32Array(buffer, offset, count);
  const narrow =
    codeBytes === 2
      ? new Uint16Array(buffer, offset, count)
      : new Uint8Array(buffer, offset, count);
  const wide = new Uint32Array(count);
  wide.set(narrow);
  if (isMetadata) {
    const none = codeBytes === 2 ? 0xffff : 0xff;
    for (let i = 0; i < count; i++) if (wide[i] === none) wide[i] = NO_METADATA;
  }
  return wide;
}

/** Returns a Uint32 id column as Float64, with NaN for the entries that have no number. */
function readNarrowIds(buffer: ArrayBuffer, offset: number, count: number): Float64Array {
  const narrow = new Uint32Array(buffer, offset, count);
  const ids = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const number = narrow[i];
    ids[i] = number > MAX_NARROW_ID ? NaN : number;
  }
  return ids;
}
