import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { validatePoints } from '../core/point-schema.js';
import type { Point } from '../core/types.js';
import { encodeBatch } from './frame-encoder.js';
import { errorMessage, type Logger } from './logger.js';
import type { SharedBatch } from './point-source.js';
import { Retention } from './retention.js';
import { ServerStringTable } from './string-table.js';

const STREAM_FILE = 'stream.json';
const LOG_FILE = 'retention.ndjson';

/** A retention restored from a state folder, and the log that keeps it up to date. */
export interface RestoredRetention {
  stream: string;
  retention: Retention;
  log: RetentionLog;
  /** Points read back from the log. */
  restored: number;
}

interface LoggedBatch {
  seq: number;
  points: Point[];
}

/**
 * Reads the log's lines, each a `data` message of JSON rows. A line that does not parse, such
 * as the last one when the process was killed while writing it, is skipped with a warning.
 */
function readLog(path: string, logger: Logger): LoggedBatch[] {
  if (!existsSync(path)) return [];
  const batches: LoggedBatch[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const message = JSON.parse(line) as { seq?: unknown; points?: unknown };
      if (typeof message.seq !== 'number' || !Array.isArray(message.points))
        throw new Error('not a data message');
      const { points, invalid } = validatePoints(message.points, () => `restored-${message.seq}`);
      if (invalid.length > 0) throw new Error(`point ${invalid[0].index}: ${invalid[0].reason}`);
      batches.push({ seq: message.seq, points });
    } catch (error) {
      logger.warn('retention_line_skipped', { line: index + 1, error: errorMessage(error) });
    }
  });
  return batches;
}

/** Returns the newest run of consecutive sequence numbers, at most `capacity` points long. */
function newestRun(batches: LoggedBatch[], capacity: number): { first: number; points: Point[] } {
  const points: Point[] = [];
  let first = 0;
  for (let i = batches.length - 1; i >= 0 && points.length < capacity; i--) {
    const { seq, points: batch } = batches[i];
    if (first !== 0 && seq !== first - 1) break;
    first = seq - batch.length + 1;
    for (let j = batch.length - 1; j >= 0; j--) points.push(batch[j]);
  }
  points.reverse();
  const excess = points.length - capacity;
  if (excess > 0) return { first: first + excess, points: points.slice(excess) };
  return { first, points };
}

/**
 * Opens a state folder: reads or creates the stream id and restores the newest `capacity`
 * points with their sequence numbers, so a restarted server offers the same stream and clients
 * resume where they stopped.
 */
export function openRetention(folder: string, capacity: number, logger: Logger): RestoredRetention {
  mkdirSync(folder, { recursive: true });
  const streamPath = join(folder, STREAM_FILE);
  let stream: string;
  if (existsSync(streamPath)) {
    stream = (JSON.parse(readFileSync(streamPath, 'utf8')) as { stream: string }).stream;
  } else {
    stream = `live-${randomBytes(8).toString('hex')}`;
    writeAtomically(streamPath, `${JSON.stringify({ stream })}\n`);
  }
  const logPath = join(folder, LOG_FILE);
  const { first, points } = newestRun(readLog(logPath, logger), capacity);
  const table = new ServerStringTable();
  const retention = new Retention(capacity, table, Math.max(0, first - 1));
  if (points.length > 0) retention.append(points);
  const log = new RetentionLog(logPath, retention);
  // Rewriting drops lines older than the retention and any torn last line.
  log.compact();
  return { stream, retention, log, restored: points.length };
}

function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, text);
  const fd = openSync(temporary, 'r');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temporary, path);
}

/**
 * Appends every live batch to `retention.ndjson` before any client receives it, with a
 * synchronous write. The data is then in the operating system's cache when the process dies,
 * even by SIGKILL, so a point a client saw is never numbered again. It is not flushed to the
 * disk on every write, so a power loss can lose the last seconds.
 * When the log contains twice the retention it is rewritten with the retained points only.
 */
export class RetentionLog {
  readonly #path: string;
  readonly #retention: Retention;
  #fd: number;
  #logged = 0;

  constructor(path: string, retention: Retention) {
    this.#path = path;
    this.#retention = retention;
    this.#fd = openSync(path, 'a');
  }

  append(shared: SharedBatch): void {
    const lines = shared.frames('json').join('\n');
    writeSync(this.#fd, `${lines}\n`);
    this.#logged += shared.batch.count;
    if (this.#logged > 2 * this.#retention.capacity) this.compact();
  }

  /** Rewrites the log with only the retained points. */
  compact(): void {
    const retention = this.#retention;
    let text = '';
    if (retention.size > 0) {
      const batch = retention.read(retention.firstSeq, retention.size);
      text = `${encodeBatch(batch, 'json', retention.table).join('\n')}\n`;
    }
    closeSync(this.#fd);
    writeAtomically(this.#path, text);
    this.#fd = openSync(this.#path, 'a');
    this.#logged = retention.size;
  }

  close(): void {
    closeSync(this.#fd);
  }
}
