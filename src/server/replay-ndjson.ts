import { validatePoint } from '../core/point-schema.js';
import type { Point } from '../core/types.js';
import { ReplayFileError } from './replay-csv.js';

/** Maximum length of a bad line quoted in an error message. */
const MAX_QUOTED = 80;

/**
 * Parses the text of an NDJSON replay file: one wire point per line, as in a `data` message,
 * such as `{"timestamp":"2024-05-01T12:00:00Z","value":3.5,"category":"cpu","source":"web-1"}`.
 * Blank lines are skipped. A point without an id gets `<fileId>/<line>`. Throws a
 * ReplayFileError that names `fileLabel` and the line of the first invalid point.
 */
export function parseReplayNdjson(text: string, fileLabel: string, fileId: string): Point[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const points: Point[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const where = `Replay file ${fileLabel}, line ${i + 1}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      const quoted = line.length > MAX_QUOTED ? `${line.slice(0, MAX_QUOTED)}...` : line;
      throw new ReplayFileError(`${where}: '${quoted}' is not valid JSON; fix or remove the line.`);
    }
    const point = validatePoint(parsed, () => `${fileId}/${i + 1}`);
    if (typeof point === 'string') {
      throw new ReplayFileError(`${where}: ${point}; fix or remove the line.`);
    }
    points.push(point);
  }
  return points;
}
