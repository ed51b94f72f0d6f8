import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseReplayCsv, ReplayFileError } from './replay-csv.js';

/** One replayed file and the series its rows become. */
export interface ReplaySeries {
  file: string;
  category: string;
  source: string;
  points: number;
}

/**
 * Every replayed point in play order, pre-serialized once so each client connection only
 * joins strings. `times[i]` is the epoch-millisecond timestamp of the point in `json[i]`.
 */
export interface ReplayPlan {
  series: ReplaySeries[];
  times: Float64Array;
  json: string[];
}

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

/** Lists the files a `--replay` path stands for: the file itself, or the .csv files of a folder in name order. */
async function listReplayFiles(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new ReplayFileError(describeReadError(path, error));
  }
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((name) => name.toLowerCase().endsWith('.csv')).sort();
  if (names.length === 0) {
    throw new ReplayFileError(
      `Replay folder ${path} contains no .csv files; pass a folder with CSV files or a single file.`,
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

/**
 * Reads and validates every replay file before the server starts, so a malformed row stops
 * the start-up instead of a client's replay. Points from several files are merged in timestamp
 * order; points with equal timestamps keep the file and row order.
 * Throws a ReplayFileError naming the file and line of the first problem.
 */
export async function loadReplayPlan(paths: string[]): Promise<ReplayPlan> {
  const files = (await Promise.all(paths.map(listReplayFiles))).flat();
  const series: ReplaySeries[] = [];
  const merged: { time: number; json: string }[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
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
    const rows = parseReplayCsv(text, file);
    rows.forEach((row, index) => {
      const point = {
        id: `${key}/${index + 1}`,
        timestamp: row.timestamp,
        value: row.value,
        category,
        source,
      };
      merged.push({ time: row.timestamp, json: JSON.stringify(point) });
    });
    series.push({ file, category, source, points: rows.length });
  }
  if (merged.length === 0) {
    throw new ReplayFileError(
      `Replay files ${files.join(', ')} contain no data rows; add rows below the header 'timestamp,value'.`,
    );
  }
  // Array.prototype.sort is stable, so equal timestamps keep the order of files and rows.
  merged.sort((a, b) => a.time - b.time);
  return {
    series,
    times: Float64Array.from(merged, (entry) => entry.time),
    json: merged.map((entry) => entry.json),
  };
}
