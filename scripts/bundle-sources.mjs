// Prints where the bytes of the shipped ES bundle go, by source file, folder and package. It
// builds the bundle as dist/observatory.min.js is built, terser pass included, into a temporary
// folder, and reads its source map.
//
//   node scripts/bundle-sources.mjs             print the 40 costliest files and every folder
//   node scripts/bundle-sources.mjs --top 100   print more files
//
// Each byte of the bundle belongs to the source of the nearest mapping before it. The gzipped
// column is what a source's bytes add to the gzipped bundle, measured by leaving them out.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { scriptTagBundle } from '../rollup.config.mjs';
import { gzipSize } from './bundle-size.mjs';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, index) => [char, index]));

/** Decodes one segment of a source map's `mappings` into its numbers (base64 VLQ). */
export function decodeSegment(text) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`"${char}" is not a base64 digit of a source map`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * Splits `code` into pieces by the source that `map` assigns them to, in order, as
 * `[source, text]` pairs. Text before the first mapping of a line belongs to the source of the
 * last mapping before it, and text of a segment without a source to '(no source)'.
 */
export function piecesBySource(code, map) {
  const pieces = [];
  const lines = code.split('\n');
  let sourceIndex = 0;
  let current = '(no source)';
  map.mappings.split(';').forEach((line, lineIndex) => {
    const text = lines[lineIndex] ?? '';
    let column = 0;
    let from = 0;
    for (const segment of line === '' ? [] : line.split(',')) {
      const values = decodeSegment(segment);
      column += values[0];
      pieces.push([current, text.slice(from, column)]);
      from = column;
      if (values.length >= 4) {
        sourceIndex += values[1];
        current = map.sources[sourceIndex];
      } else {
        current = '(no source)';
      }
    }
    pieces.push([current, text.slice(from) + '\n']);
  });
  return pieces.filter(([, text]) => text !== '');
}

/**
 * Returns, for each key that `keyOf` gives the sources, the minified bytes of its pieces and
 * what they add to the gzipped bundle: its gzipped size minus that of the bundle without them.
 * The second counts what the rest of the bundle repeats as cheap, as gzip does.
 */
export function costs(pieces, keyOf) {
  const whole = gzipSize(pieces.map(([, text]) => text).join(''));
  const keys = new Map();
  for (const [source, text] of pieces) {
    const key = keyOf(source);
    keys.set(key, (keys.get(key) ?? 0) + text.length);
  }
  return [...keys].map(([key, minified]) => {
    const rest = pieces.filter(([source]) => keyOf(source) !== key).map(([, text]) => text);
    return [key, minified, whole - gzipSize(rest.join(''))];
  });
}

/** Returns the package or source folder of a path from the source map. */
export function groupOf(source) {
  const modules = source.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope, name] = source.slice(modules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const src = source.indexOf('src/');
  if (src < 0) return source;
  const path = source.slice(src).split('/');
  return path.slice(0, path[1] === 'components' ? 3 : 2).join('/');
}

/** Returns a source of the map as a path from the project, or from node_modules for packages. */
function displayPath(folder, source) {
  if (source.startsWith('(')) return source;
  const path = relative('.', resolve(folder, source));
  const modules = path.lastIndexOf('node_modules/');
  return modules >= 0 ? path.slice(modules) : path;
}

function kilobytes(bytes) {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

function printTable(heading, rows) {
  console.log(`| ${heading} | Minified | Gzipped |`);
  console.log('| --- | ---: | ---: |');
  for (const [label, minified, gzipped] of rows) {
    console.log(`| ${label} | ${kilobytes(minified)} | ${kilobytes(gzipped)} |`);
  }
}

async function buildWithMap(folder) {
  const file = join(folder, 'observatory.min.js');
  const options = scriptTagBundle({ file, format: 'es', production: true });
  const bundle = await rollup({ ...options, onwarn: () => {} });
  await bundle.write(options.output);
  await bundle.close();
  return { code: readFileSync(file, 'utf8'), map: JSON.parse(readFileSync(`${file}.map`, 'utf8')) };
}

async function main() {
  const topIndex = process.argv.indexOf('--top');
  const top = topIndex >= 0 ? Number(process.argv[topIndex + 1]) : 40;
  const folder = mkdtempSync(join(tmpdir(), 'observatory-sources-'));
  try {
    const { code, map } = await buildWithMap(folder);
    // The map names each source relative to the bundle's folder.
    const pieces = piecesBySource(code, map).map(([source, text]) => [
      displayPath(folder, source),
      text,
    ]);
    const bySize = (a, b) => b[2] - a[2];
    console.log(
      `Bundle: ${kilobytes(code.length)} minified, ${kilobytes(gzipSize(code))} gzipped\n`,
    );
    printTable('Folder or package', costs(pieces, groupOf).sort(bySize));
    console.log('');
    printTable(
      'Source file',
      costs(pieces, (source) => source)
        .sort(bySize)
        .slice(0, top),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
