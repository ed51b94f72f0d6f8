// Checks the gzipped size of the script-tag bundles against the budget, or with --report
// measures what each dependency adds to the ES bundle. Run `npm run build` first for the check.
//
//   node scripts/bundle-size.mjs            exit 1 when a bundle is over the ceiling
//   node scripts/bundle-size.mjs --report   print a Markdown table of dependency costs
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { scriptTagBundle } from '../rollup.config.mjs';

/** Budget for each script-tag bundle, gzipped, in bytes (1 KB = 1000 bytes). */
export const BUDGET_BYTES = 100_000;
/**
 * Size above which the check fails, so the bundle cannot grow unnoticed while it is over
 * BUDGET_BYTES. The IIFE bundle, the larger one, was 114.0 KB gzipped when measured for
 * docs/bundle.md, which lists what would meet the budget and what raised the ceiling.
 */
export const CEILING_BYTES = 115_000;
/** Size the bundle should reach, gzipped, in bytes. */
export const GOAL_BYTES = 80_000;

const BUNDLES = ['dist/observatory.min.js', 'dist/observatory.iife.min.js'];

/** Gzipped size at level 9, what `gzip -9` and most precompressing static servers produce. */
export function gzipSize(text) {
  return gzipSync(text, { level: 9 }).length;
}

function kilobytes(bytes) {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

function checkBudget() {
  let over = 0;
  for (const file of BUNDLES) {
    if (!existsSync(file)) {
      console.error(`${file} is missing; run npm run build first.`);
      over++;
      continue;
    }
    const code = readFileSync(file);
    const size = gzipSize(code);
    const verdict = size <= BUDGET_BYTES ? 'within' : 'OVER';
    console.log(
      `${file}: ${kilobytes(code.length)} minified, ${kilobytes(size)} gzipped, ${verdict} the ${kilobytes(BUDGET_BYTES)} budget (goal ${kilobytes(GOAL_BYTES)})`,
    );
    if (size > CEILING_BYTES) {
      console.error(`${file} grew past the ${kilobytes(CEILING_BYTES)} ceiling.`);
      over++;
    }
  }
  return over === 0;
}

/** Builds the production ES bundle in memory and returns its code. */
async function buildBundle({ root, external = () => false, skippedPlugins = [] }) {
  // Without terser, which would make the 20 builds of the report take minutes; the shipped
  // bundle is about 4% smaller than these builds.
  const options = scriptTagBundle({
    file: 'unused.js',
    format: 'es',
    production: true,
    root,
    terserPass: false,
  });
  const plugins = options.plugins.filter((plugin) => !skippedPlugins.includes(plugin.name));
  const bundle = await rollup({ ...options, plugins, external, onwarn: () => {} });
  const { output } = await bundle.generate(options.output);
  await bundle.close();
  return output[0].code;
}

/**
 * Packages measured one by one; the packages of a group are left out together. The bundles
 * replace d3-transition, d3-interpolate, d3-path and d3-format with src/build-shims/, and
 * d3-time, d3-time-format, d3-color, d3-timer and d3-ease no longer reach them.
 */
const PACKAGE_GROUPS = [
  ['zod', ['zod']],
  [
    'lit, lit-html, lit-element, @lit/reactive-element',
    ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'],
  ],
  ['@lit-labs/virtualizer', ['@lit-labs/virtualizer']],
  ['d3-shape', ['d3-shape']],
  ['d3-scale, d3-array', ['d3-scale', 'd3-array']],
  [
    'd3-zoom, d3-selection, d3-drag, d3-dispatch',
    ['d3-zoom', 'd3-selection', 'd3-drag', 'd3-dispatch'],
  ],
];

/** Build steps of rollup.config.mjs measured one by one, by the plugin names that run them. */
const BUILD_STEPS = [
  ['Shims of src/build-shims/', ['bundle-shims']],
  ['d3-selection, d3-zoom and d3-shape trimming', ['trim-d3']],
  ['Lit template minification', ['minify-lit-templates']],
  ['Module order of scripts/module-order.mjs', ['cluster-modules']],
];

/** Source folders measured one by one, with everything they import from other folders kept. */
const SOURCE_FOLDERS = [
  'src/components/obs-chart',
  'src/components/obs-grid',
  'src/components/obs-filter',
  'src/components/obs-stream',
  'src/components/obs-perf',
  'src/components/shared',
  'src/core',
  'src/stream',
  'src/generator',
];

function excludingPackages(packages) {
  return (id) => packages.some((name) => id === name || id.startsWith(`${name}/`));
}

function excludingFolder(root, folder) {
  const prefix = resolve(root, folder) + sep;
  return (id, importer) => {
    const path = id.startsWith('.') && importer ? resolve(dirname(importer), id) : id;
    return path.startsWith(prefix);
  };
}

/**
 * Copies src/ and tsconfig.json into a temporary folder, so every build of the report reads
 * the same sources even while they are being edited.
 */
function snapshot() {
  const root = mkdtempSync(join(tmpdir(), 'observatory-size-'));
  cpSync('src', join(root, 'src'), { recursive: true });
  cpSync('tsconfig.json', join(root, 'tsconfig.json'));
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

async function report() {
  const root = snapshot();
  try {
    await measure(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function measure(root) {
  const full = await buildBundle({ root });
  const fullSize = gzipSize(full);
  const rows = [['Whole ES bundle', full.length, fullSize]];
  const parts = [
    ...PACKAGE_GROUPS.map(([label, packages]) => [label, excludingPackages(packages)]),
    ...SOURCE_FOLDERS.map((folder) => [`${folder}/`, excludingFolder(root, folder)]),
  ];
  for (const [label, external] of parts) {
    const without = await buildBundle({ root, external });
    rows.push([label, full.length - without.length, fullSize - gzipSize(without)]);
  }
  const savings = [];
  for (const [label, skippedPlugins] of BUILD_STEPS) {
    const without = await buildBundle({ root, skippedPlugins });
    savings.push([label, without.length - full.length, gzipSize(without) - fullSize]);
  }
  console.log('Measured without the terser pass of the shipped bundle.\n');
  // Each row is what the bundle loses without that part, including the packages and modules
  // only that part imports, so rows overlap and do not add up to the whole.
  printTable('Part', rows);
  console.log('');
  // What the bundle would gain if that step of the build were skipped.
  printTable('Build step', savings, 'Saves');
}

function printTable(heading, rows, prefix = '') {
  const column = (name) => (prefix === '' ? name : `${prefix} ${name.toLowerCase()}`);
  console.log(`| ${heading} | ${column('Minified')} | ${column('Gzipped')} |`);
  console.log('| --- | ---: | ---: |');
  for (const [label, minified, gzipped] of rows) {
    console.log(`| ${label} | ${kilobytes(minified)} | ${kilobytes(gzipped)} |`);
  }
}

// Only when run, not when scripts/bundle-sources.mjs imports gzipSize.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--report')) {
    await report();
  } else if (!checkBudget()) {
    process.exit(1);
  }
}
