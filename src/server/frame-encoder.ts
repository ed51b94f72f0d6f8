import {
  codeBytesFor,
  encodeBinaryFrame,
  NO_METADATA,
  idBytesFor,
  type CodeBytes,
  type ColumnBatch,
} from '../stream/binary-frame.js';
import type { Encoding } from '../stream/protocol.js';
import type { ServerStringTable } from './string-table.js';

/** One WebSocket message: JSON text, or bytes with the binary encoding. */
export type Frame = string | Buffer;

/** Most points in one data message, per encoding. Rows are larger, so they get fewer. */
export const MAX_POINTS_PER_MESSAGE: Record<Encoding, number> = {
  json: 1000,
  columnar: 4096,
  binary: 8192,
};

/** Returns `value` as JSON, with null for NaN, which the protocol reads as a gap. */
function numberJson(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

function idJson(batch: ColumnBatch, table: ServerStringTable, i: number): string {
  const prefix = table.json(batch.idPrefix[i]);
  const number = batch.idNumber[i];
  if (Number.isNaN(number)) return prefix;
  // The prefix literal without its closing quote, then the digits, then the quote.
  return `${prefix.slice(0, -1)}${number}"`;
}

/** Encodes points `start` to `end` of a batch as a `data` message of JSON rows. */
function rowsMessage(batch: ColumnBatch, table: ServerStringTable, start: number, end: number) {
  const rows: string[] = [];
  for (let i = start; i < end; i++) {
    const metadata = batch.metadata[i];
    const metadataJson = metadata === NO_METADATA ? '' : `,"metadata":${table.at(metadata)}`;
    rows.push(
      `{"id":${idJson(batch, table, i)},"timestamp":${batch.timestamp[i]},"value":${numberJson(batch.value[i])},"category":${table.json(batch.category[i])},"source":${table.json(batch.source[i])}${metadataJson}}`,
    );
  }
  const seq = batch.seq - batch.count + end;
  return `{"type":"data","seq":${seq},"points":[${rows.join(',')}]}`;
}

/**
 * Returns entries `start` to `end` of a column as a JSON array. `JSON.stringify` formats the
 * numbers natively, faster than `String` per entry and a join, and writes null for NaN and the
 * infinities, which the protocol reads as a gap or an invalid entry.
 */
function columnJson(column: Float64Array | Uint32Array, start: number, end: number): string {
  return JSON.stringify(Array.from(column.subarray(start, end)));
}

function metadataColumnJson(column: Uint32Array, start: number, end: number): string {
  const codes: number[] = [];
  for (let i = start; i < end; i++) codes.push(column[i] === NO_METADATA ? -1 : column[i]);
  return JSON.stringify(codes);
}

/** Encodes points `start` to `end` of a batch as a columnar `data` message. */
function columnarMessage(batch: ColumnBatch, start: number, end: number): string {
  const seq = batch.seq - batch.count + end;
  const columns = [
    `"timestamp":${columnJson(batch.timestamp, start, end)}`,
    `"value":${columnJson(batch.value, start, end)}`,
    `"category":${columnJson(batch.category, start, end)}`,
    `"source":${columnJson(batch.source, start, end)}`,
    `"idPrefix":${columnJson(batch.idPrefix, start, end)}`,
    `"idNumber":${columnJson(batch.idNumber, start, end)}`,
    `"metadata":${metadataColumnJson(batch.metadata, start, end)}`,
  ];
  return `{"type":"data","encoding":"columnar","seq":${seq},"count":${end - start},"columns":{${columns.join(',')}}}`;
}

function binaryMessage(
  batch: ColumnBatch,
  start: number,
  end: number,
  codeBytes: CodeBytes | undefined,
) {
  const part: ColumnBatch = {
    seq: batch.seq - batch.count + end,
    count: end - start,
    timestamp: batch.timestamp.subarray(start, end),
    value: batch.value.subarray(start, end),
    idNumber: batch.idNumber.subarray(start, end),
    category: batch.category.subarray(start, end),
    source: batch.source.subarray(start, end),
    idPrefix: batch.idPrefix.subarray(start, end),
    metadata: batch.metadata.subarray(start, end),
  };
  // Wide frames keep Float64 ids. Compact ones use Uint32 when every id of the frame fits.
  const bytes =
    codeBytes === undefined
      ? encodeBinaryFrame(part)
      : encodeBinaryFrame(part, codeBytes, idBytesFor(part.idNumber));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Encodes a batch as data messages of at most MAX_POINTS_PER_MESSAGE points each. With
 * `compactColumns`, binary frames carry the string codes in the fewest bytes the table needs,
 * and the id numbers as Uint32 when they fit.
 */
export function encodeBatch(
  batch: ColumnBatch,
  encoding: Encoding,
  table: ServerStringTable,
  compactColumns = false,
): Frame[] {
  const frames: Frame[] = [];
  const step = MAX_POINTS_PER_MESSAGE[encoding];
  const codeBytes = compactColumns ? codeBytesFor(table.length) : undefined;
  for (let start = 0; start < batch.count; start += step) {
    const end = Math.min(batch.count, start + step);
    if (encoding === 'json') frames.push(rowsMessage(batch, table, start, end));
    else if (encoding === 'columnar') frames.push(columnarMessage(batch, start, end));
    else frames.push(binaryMessage(batch, start, end, codeBytes));
  }
  return frames;
}

/** Returns the `strings` message that brings a client's table from `base` entries to the full table. */
export function stringsMessage(table: ServerStringTable, base: number): string {
  return JSON.stringify({ type: 'strings', base, strings: table.from(base) });
}
