import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Point } from '../core/types.js';
import { allocateBatch, NO_METADATA, type ColumnBatch } from '../stream/binary-frame.js';
import { parseReplayCsv, ReplayFileError } from './replay-csv.js';
import { parseReplayNdjson } from './replay-ndjson.js';
import { splitId } from './retention.js';
import { ServerStringTable } from './string-table.js';

/** One replayed file and the series its rows become. */
export interface ReplaySeries {
  file: string;
  /** Category and source of a CSV file; NDJSON points carry their own. */
  category: string;
  source: string;
  points: number;
}

/**
 * Every replayed point in play order, as columns with string codes, about 40 bytes per point.
 * `columns.timestamp` is sorted. `stream` is a digest of the points, so a restarted server that
 * replays the same files offers the same stream and clients can resume.
 */
export interface ReplayPlan {
  series: ReplaySeries[];
  count: number;
  columns: ColumnBatch;
  table: ServerStringTable;
  stream: string;
}

/** File extensions replayed from a folder, and read as NDJSON when named directly. */
const NDJSON_EXTENSIONS = ['.ndjson', '.jsonl'];
const REPLAY_EXTENSIONS = ['.csv', ...NDJSON_EXTENSIONS];

// A trailing `_` and 6 to 40 hex digits with at least one decimal digit, as in
// `ec2_cpu_utilization_24ae8d`. Requiring a digit keeps words such as `_facade` in the category.
const HASH_SUFFIX = /^(.+)_((?=[0-9a-f]*\d)[0-9a-f]{6,40})$/i;

/** Source of the points of a file whose name has no hash suffix. */
export const DEFAULT_REPLAY_SOURCE = 'replay';

/**
 * Maps a file name to a series. `ec2_cpu_utilization_24ae8d.csv` becomes category
 * `ec2_cpu_utilization` and source `24ae8d`. A name without a hash suffix becomes the
 * category, with source `replay`.
 */
export function seriesFromFileName(fileName: string): { category: string; source: string } {
  const name = basename(fileName, extname(fileName));
  const match = HASH_SUFFIX.exec(name);
  if (match === null) return { category: name, source: DEFAULT_REPLAY_SOURCE };
  return { category: match[1], source: match[2] };
}

function isNdjson(file: string): boolean {
  return NDJSON_EXTENSIONS.includes(extname(file).toLowerCase());
}

/** Lists the files a `--replay` path stands for: the file itself, or the replay files of a folder in name order. */
async function listReplayFiles(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new ReplayFileError(describeReadError(path, error));
  }
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path))
    .filter((name) => REPLAY_EXTENSIONS.includes(extname(name).toLowerCase()))
    .sort();
  if (names.length === 0) {
    throw new ReplayFileError(
      `Replay folder ${path} contains no .csv, .ndjson or .jsonl files; pass a folder with replay files or a single file.`,
    );
  }
  return names.map((name) => join(path, name));
}

function describeReadError(path: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT')
    return `Replay path ${path} does not exist; check the path passed to --replay.`;
  if (code === 'EACCES' || code === 'EPERM') {
    return `Replay path ${path} cannot be read (permission denied); fix its permissions or pass another path.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Replay path ${path} cannot be read (${message}); pass a readable file or folder.`;
}

/** Reads one file into points; CSV rows get ids `<category>/<source>/<row>`. */
async function readReplayFile(file: string, seen: Map<string, string>) {
  const { category, source } = seriesFromFileName(file);
  const key = `${category}/${source}`;
  const earlier = seen.get(key);
  if (earlier !== undefined) {
    throw new ReplayFileError(
      `Replay files ${earlier} and ${file} both map to series ${key}, so their point ids would clash; rename one.`,
    );
  }
  seen.set(key, file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ReplayFileError(describeReadError(file, error));
  }
  let points: Point[];
  if (isNdjson(file)) {
    points = parseReplayNdjson(text, file, key);
  } else {
    points = parseReplayCsv(text, file).map((row, index) => ({
      id: `${key}/${index + 1}`,
      timestamp: row.timestamp,
      value: row.value,
      category,
      source,
    }));
  }
  return { series: { file, category, source, points: points.length }, points };
}

/**
 * Reads and validates every replay file before the server starts, so a malformed row stops
 * the start-up instead of a client's replay. Points from several files are merged in timestamp
 * order; points with equal timestamps keep the file and row order.
 * Throws a ReplayFileError naming the file and line of the first problem.
 */
export async function loadReplayPlan(paths: string[]): Promise<ReplayPlan> {
  const files = (await Promise.all(paths.map(listReplayFiles))).flat();
  const series: ReplaySeries[] = [];
  const merged: Point[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const result = await readReplayFile(file, seen);
    series.push(result.series);
    for (const point of result.points) merged.push(point);
  }
  if (merged.length === 0) {
    throw new ReplayFileError(
      `Replay files ${files.join(', ')} contain no data rows; add rows below the header 'timestamp,value' or points to the NDJSON file.`,
    );
  }
  // Array.prototype.sort is stable, so equal timestamps keep the order of files and rows.
  merged.sort((a, b) => a.timestamp - b.timestamp);
  return buildPlan(series, merged);
}

function buildPlan(series: ReplaySeries[], points: Point[]): ReplayPlan {
  const table = new ServerStringTable();
  const columns = allocateBatch(points.length);
  const digest = createHash('sha256');
  points.forEach((point, i) => {
    const { prefix, number } = splitId(point.id);
    columns.timestamp[i] = point.timestamp;
    columns.value[i] = point.value;
    columns.idNumber[i] = number;
    columns.idPrefix[i] = table.code(prefix);
    columns.category[i] = table.code(point.category);
    columns.source[i] = table.code(point.source);
    columns.metadata[i] =
      point.metadata === undefined ? NO_METADATA : table.code(JSON.stringify(point.metadata));
    digest.update(`${point.id}\u0000${point.timestamp}\u0000${point.value}\n`);
  });
  columns.seq = points.length;
  const stream = `replay-${digest.digest('hex').slice(0, 16)}`;
  return { series, count: points.length, columns, table, stream };
}

/** Returns point `index` of a plan as an object, for tests and logs. */
export function planPoint(plan: ReplayPlan, index: number): Point {
  const { columns, table } = plan;
  const number = columns.idNumber[index];
  const prefix = table.at(columns.idPrefix[index]);
  const point: Point = {
    id: Number.isNaN(number) ? prefix : `${prefix}${number}`,
    timestamp: columns.timestamp[index],
    value: columns.value[index],
    category: table.at(columns.category[index]),
    source: table.at(columns.source[index]),
  };
  const metadata = columns.metadata[index];
  if (metadata !== NO_METADATA) point.metadata = JSON.parse(table.at(metadata));
  return point;
}
