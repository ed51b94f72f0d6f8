import { builtinModules } from 'node:module';
import nodeResolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

const tsconfig = 'tsconfig.json';

/** The script-tag bundle: one self-contained ES module that registers every element. */
const browserBundle = {
  input: 'src/index.ts',
  // The virtualizer loads its ResizeObserver polyfill with a dynamic import; inlining keeps
  // the bundle one file, as a script tag needs.
  output: {
    file: 'dist/observatory.min.js',
    format: 'es',
    sourcemap: true,
    inlineDynamicImports: true,
  },
  plugins: [
    nodeResolve({ browser: true }),
    esbuild({ tsconfig, target: 'es2022', minify: true, legalComments: 'none' }),
  ],
};

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

export default [browserBundle, serverBundle];
