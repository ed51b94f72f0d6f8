import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { bundleShims, trimD3 } from './scripts/bundle-shims.mjs';
import { minifyLitTemplates } from './scripts/minify-templates.mjs';
import { clusterModules } from './scripts/module-order.mjs';
import { mangleVirtualizerNames } from './scripts/virtualizer-names.mjs';

const tsconfig = 'tsconfig.json';
const packageJson = JSON.parse(readFileSync('package.json', 'utf8'));

/**
 * Entry points of the npm build: src/index.ts, which registers every element, and the
 * src/obs-<name>.ts module that registers each one.
 */
export const ELEMENT_ENTRIES = Object.fromEntries([
  ['index', 'src/index.ts'],
  ...readdirSync('src')
    .filter((name) => /^obs-[a-z-]+\.ts$/.test(name))
    .map((name) => [name.slice(0, -'.ts'.length), `src/${name}`]),
]);

/**
 * Compiles TypeScript with esbuild. Production builds define OBSERVATORY_DEV_BUILD as false,
 * so the minifier drops the development warnings of `warnOnce`.
 */
function typescript({ production, minify, root = '.' }) {
  return esbuild({
    tsconfig: `${root}/${tsconfig}`,
    target: 'es2022',
    minify,
    legalComments: 'none',
    define: production ? { OBSERVATORY_DEV_BUILD: 'false' } : {},
  });
}

/**
 * Returns the options of a script-tag bundle: every dependency inside, every element registered. `root` is the
 * folder holding src/ and tsconfig.json; scripts/bundle-size.mjs builds patched copies.
 * Production bundles go through terser after esbuild: two compress passes take about 10 s
 * more per bundle and save about 4% gzipped (5.6 KB of 149 KB, measured with
 * scripts/bundle-size.mjs on a 2-core machine). `terserPass: false` skips it. Every
 * script-tag bundle uses the d3 shims and trimming of scripts/bundle-shims.mjs and the module
 * order of scripts/module-order.mjs; production bundles also minify their Lit templates
 * (scripts/minify-templates.mjs).
 */
export function scriptTagBundle({ file, format, production, root = '.', terserPass = production }) {
  return {
    input: `${root}/src/index.ts`,
    output: {
      file,
      format,
      name: format === 'iife' ? 'Observatory' : undefined,
      sourcemap: true,
      // A script tag loads one file, so any dynamic import of a dependency is inlined.
      inlineDynamicImports: true,
    },
    plugins: [
      bundleShims(root),
      trimD3(),
      clusterModules(root),
      ...(production ? [minifyLitTemplates()] : []),
      nodeResolve({ browser: true }),
      typescript({ production, minify: production, root }),
      ...(terserPass ? terserPlugins(format) : []),
    ],
  };
}

/**
 * Returns the plugins of the terser pass. Terser also shortens the private property names of
 * @lit-labs/virtualizer, which ships unminified (see scripts/virtualizer-names.mjs).
 */
function terserPlugins(format) {
  const virtualizerNames = mangleVirtualizerNames();
  return [
    virtualizerNames.plugin,
    terser({
      ecma: 2022,
      module: format === 'es',
      // pure_getters lets terser drop an unused property read even when the object might be
      // null. That is safe because no code reads a property only to throw. It saves 0.15 KB.
      compress: { passes: 2, pure_getters: true },
      mangle: { properties: virtualizerNames.properties },
      format: { comments: false },
    }),
  ];
}

/**
 * Adds `import './obs-x.js'` for each element to the npm build's index.js. With preserveModules,
 * rollup 4 points the `export *` of index.ts straight at the element classes and drops the
 * import of the registering modules, so importing the package would define no element.
 */
function importRegisteringModules() {
  return {
    name: 'import-registering-modules',
    renderChunk(code, chunk) {
      if (chunk.fileName !== 'index.js') return null;
      const missing = Object.keys(ELEMENT_ENTRIES)
        .filter((name) => name !== 'index' && !chunk.imports.includes(`${name}.js`))
        .map((name) => `import './${name}.js';\n`);
      // The map shifts the original lines down by one line per added import.
      const lines = code.split('\n').length;
      const mappings = ';'.repeat(missing.length) + 'AAAA' + ';AACA'.repeat(lines - 1);
      return { code: missing.join('') + code, map: { mappings } };
    },
  };
}

const REGISTERING_MODULE = /[\\/]src[\\/](index|obs-[a-z-]+)\.ts$/;

const dependencies = Object.keys(packageJson.dependencies ?? {});

/** True for `lit`, `lit/decorators.js`, `d3-scale` and the other runtime dependencies. */
function isDependency(id) {
  return dependencies.some((name) => id === name || id.startsWith(`${name}/`));
}

/**
 * Returns the options of the npm build: one ES module per source module, with the runtime dependencies left as
 * imports so an application bundles one copy of lit and d3 for everything it uses.
 */
function npmBuild({ dir, production }) {
  return {
    input: ELEMENT_ENTRIES,
    external: isDependency,
    // As the sideEffects field of package.json declares, only the registering modules act when
    // imported, so a module imported for types alone leaves no bare import behind.
    treeshake: {
      moduleSideEffects: (id, external) => external || REGISTERING_MODULE.test(id),
    },
    output: {
      dir,
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'src',
      sourcemap: true,
    },
    plugins: [
      nodeResolve({ browser: true }),
      typescript({ production, minify: false }),
      importRegisteringModules(),
    ],
  };
}

const nodeExternals = [
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  'ws',
  'zod',
];

/** The `observatory-server` command. Runtime dependencies stay external, installed by npm. */
const serverBundle = {
  input: 'src/server/cli.ts',
  external: (id) => nodeExternals.includes(id) || id.startsWith('zod/'),
  output: {
    file: 'dist/observatory-server.js',
    format: 'es',
    banner: '#!/usr/bin/env node',
    sourcemap: true,
  },
  plugins: [nodeResolve({ preferBuiltins: true }), esbuild({ tsconfig, target: 'node20' })],
};

export default [
  scriptTagBundle({ file: 'dist/observatory.min.js', format: 'es', production: true }),
  scriptTagBundle({ file: 'dist/observatory.iife.min.js', format: 'iife', production: true }),
  scriptTagBundle({ file: 'dist/observatory.dev.js', format: 'es', production: false }),
  npmBuild({ dir: 'dist/npm', production: true }),
  npmBuild({ dir: 'dist/npm-dev', production: false }),
  serverBundle,
];
