// Builds the framework test apps from the snippets of docs/embedding.md, so the documented
// code is the code the browser tests run. Run `npm run build` first: the snippets import the
// package by its name, which resolves through the exports map to dist/.
//
//   node scripts/embedding-apps.mjs           bundle test-results/embedding/<framework>-app.js
//   node scripts/embedding-apps.mjs --types   type-check the snippets against dist/types
//
// A snippet is a fenced code block right after a line `<!-- snippet: NAME -->`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const DOC = 'docs/embedding.md';
const OUT = join('test-results', 'embedding');
const SNIPPETS = join(OUT, 'snippets');

/** Returns each snippet of the doc as [file name, code]. */
export function readSnippets(markdown) {
  const pattern = /<!-- snippet: ([\w.-]+) -->\s*\n```[\w-]*\n([\s\S]*?)\n```/g;
  return [...markdown.matchAll(pattern)].map(([, name, code]) => [name, `${code}\n`]);
}

function writeSnippets() {
  const snippets = readSnippets(readFileSync(DOC, 'utf8'));
  if (snippets.length === 0) throw new Error(`${DOC} has no <!-- snippet: NAME --> blocks.`);
  rmSync(SNIPPETS, { recursive: true, force: true });
  mkdirSync(SNIPPETS, { recursive: true });
  for (const [name, code] of snippets) writeFileSync(join(SNIPPETS, name), code);
  // Settings a consumer app would have: strict, JSX for React, decorators for Angular.
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'bundler',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      jsx: 'react-jsx',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      experimentalDecorators: true,
      useDefineForClassFields: false,
      types: [],
    },
    include: ['snippets'],
  };
  writeFileSync(join(OUT, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  return snippets.map(([name]) => name);
}

/**
 * Entry modules of the test apps: each re-exports its snippet and the framework functions the
 * test needs to mount, update and unmount it.
 */
const APPS = {
  react: `
export { Store } from 'observatory';
export { Dashboard } from './snippets/react-dashboard.tsx';
export { createElement } from 'react';
export { flushSync } from 'react-dom';
export { createRoot } from 'react-dom/client';
`,
  vue: `
export { Store } from 'observatory';
export { Dashboard, useObservatory } from './snippets/vue-dashboard.ts';
export { createApp, h, nextTick, shallowReactive } from 'vue';
`,
  angular: `
import '@angular/compiler';
export { Store } from 'observatory';
export { DashboardComponent } from './snippets/angular-dashboard.ts';
export { createComponent, provideZonelessChangeDetection } from '@angular/core';
export { createApplication } from '@angular/platform-browser';
`,
};

async function bundleApps() {
  for (const [framework, entry] of Object.entries(APPS)) {
    await build({
      stdin: {
        contents: entry,
        resolveDir: OUT,
        sourcefile: `${framework}-entry.ts`,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      target: 'es2022',
      outfile: join(OUT, `${framework}-app.js`),
      // Development builds of the frameworks and of Observatory report misuse on the console,
      // which the tests count as errors.
      conditions: ['development'],
      define: {
        'process.env.NODE_ENV': '"development"',
        __VUE_OPTIONS_API__: 'true',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
      // The Vue snippet has a template string, which needs Vue's runtime compiler.
      alias: { vue: 'vue/dist/vue.esm-bundler.js' },
      tsconfig: join(OUT, 'tsconfig.json'),
      logLevel: 'warning',
    });
  }
}

function typeCheck() {
  const result = spawnSync('npx', ['tsc', '--project', join(OUT, 'tsconfig.json')], {
    stdio: 'inherit',
  });
  return result.status === 0;
}

if (!existsSync(join('dist', 'types', 'index.d.ts'))) {
  console.error('dist/ is missing or incomplete; run npm run build first.');
  process.exit(1);
}
const names = writeSnippets();
if (process.argv.includes('--types')) {
  const ok = typeCheck();
  console.log(`Type-checked ${names.join(', ')}: ${ok ? 'no errors' : 'errors above'}.`);
  process.exit(ok ? 0 : 1);
}
await bundleApps();
console.log(`Bundled the apps of ${names.join(', ')} into ${OUT}.`);
