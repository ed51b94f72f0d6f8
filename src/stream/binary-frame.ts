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

/** True when the columns of a batch already lie in one buffer as a binary frame holds them. */
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

/** The columns of a batch in the order a binary frame holds them. */
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
 * bytes 0-3 `OBS\x02`, 4-7 kind (1 = data), 8-11 point count, 12-15 zero, 16-23 seq (Float64),
 * then the columns timestamp, value, idNumber (Float64) and category, source, idPrefix,
 * metadata (Uint32), each `count` entries long.
 */
export function encodeBinaryFrame(batch: ColumnBatch): Uint8Array {
  const { count } = batch;
  const inPlace = inFrameLayout(batch);
  const bytes = inPlace
    ? new Uint8Array(batch.timestamp.buffer)
    : new Uint8Array(FRAME_HEADER_BYTES + count * FRAME_BYTES_PER_POINT);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint32(4, FRAME_KIND_DATA, true);
  view.setUint32(8, count, true);
  view.setUint32(12, 0, true);
  view.setFloat64(16, batch.seq, true);
  if (inPlace) return bytes;
  let offset = FRAME_HEADER_BYTES;
  for (const column of frameColumns(batch)) {
    const target =
      column instanceof Float64Array
        ? new Float64Array(bytes.buffer, offset, count)
        : new Uint32Array(bytes.buffer, offset, count);
    target.set(column.subarray(0, count));
    offset += count * column.BYTES_PER_ELEMENT;
  }
  return bytes;
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
  const expected = FRAME_HEADER_BYTES + count * FRAME_BYTES_PER_POINT;
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
  const uint32 = () => {
    const column = new Uint32Array(buffer, offset, count);
    offset += count * 4;
    return column;
  };
  const timestamp = float64();
  const value = float64();
  const idNumber = float64();
  return {
    seq,
    count,
    timestamp,
    value,
    idNumber,
    category: uint32(),
    source: uint32(),
    idPrefix: uint32(),
    metadata: uint32(),
  };
}
