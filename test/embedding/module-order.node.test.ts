// The build step that places the style modules and src/core first in the script-tag bundles.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { parseAst } from 'rollup/parseAst';
import { clusteredModules, clusterModules, orderProblem } from '../../scripts/module-order.mjs';

function problemOf(code: string): string | null {
  return orderProblem(parseAst(code));
}

describe('clusteredModules', () => {
  const modules = clusteredModules('.').map((path) => relative('src', path));

  it('lists the style modules first', () => {
    assert.ok(modules.includes('components/obs-grid/styles.ts'));
    assert.ok(modules.includes('components/obs-perf/perf-styles.ts'));
    assert.ok(
      modules.indexOf('components/obs-filter/styles.ts') < modules.indexOf('core/store.ts'),
    );
  });

  it('lists every module of src/core', () => {
    assert.ok(modules.includes('core/store.ts'));
    assert.ok(modules.includes('core/criteria.ts'));
  });

  it('leaves out the registering modules', () => {
    assert.ok(modules.every((path) => !/^(index|obs-[a-z-]+)\.ts$/.test(path)));
    assert.ok(!modules.includes('components/obs-grid/obs-grid.ts'));
  });
});

describe('orderProblem', () => {
  const declaring: [string, string][] = [
    ['constants and tagged templates', 'const a = 1; export const s = css`a{}`, t = [s, a + 1];'],
    [
      'builder calls',
      "const n = z.string().check(z.maxLength(4)); const c = new Intl.Collator('en');",
    ],
    [
      'functions that use the page',
      'function f() { return document.body; } const g = () => window;',
    ],
    ['class methods that use the page', 'class A { m() { customElements.get("x"); } }'],
    ['imports and exports', "import { x } from './x.js'; export { x }; export * from './y.js';"],
    ['a directive', "'use strict'; const a = 1;"],
  ];
  for (const [name, code] of declaring) {
    it(`accepts ${name}`, () => {
      assert.equal(problemOf(code), null);
    });
  }

  const acting: [string, string, RegExp][] = [
    ['a registration', "customElements.define('obs-x', X);", /CallExpression statement/],
    ['a global assignment', 'window.observatory = 1;', /AssignmentExpression statement/],
    ['a call of its own', 'setUp();', /CallExpression statement/],
    ['a page read in an initializer', "const a = document.createElement('a');", /document/],
    ['the global object', 'const g = globalThis.x ?? 1;', /globalThis/],
    ['a static block', 'class A { static { self.x = 1; } }', /self/],
    ['a static field', 'class A { static n = navigator.language; }', /navigator/],
    [
      'an immediately called function',
      'const a = (() => 1)(); const b = location.href;',
      /location/,
    ],
  ];
  for (const [name, code, problem] of acting) {
    it(`rejects ${name}`, () => {
      assert.match(problemOf(code) ?? '', problem);
    });
  }
});

describe('clusterModules', () => {
  const root = mkdtempSync(join(tmpdir(), 'observatory-order-'));
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
  after(() => rmSync(root, { recursive: true, force: true }));

  function write(path: string, code: string): void {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), code);
  }

  async function bundle(): Promise<string> {
    writeFileSync(join(root, 'tsconfig.json'), '{}');
    const build = await rollup({
      input: join(root, 'src/index.ts'),
      plugins: [clusterModules(root), esbuild({ tsconfig: join(root, 'tsconfig.json') })],
      onwarn: () => {},
    });
    try {
      const { output } = await build.generate({ format: 'es' });
      return output[0].code;
    } finally {
      await build.close();
    }
  }

  it('places the style and core modules before the elements', async () => {
    write('src/index.ts', "export * from './obs-x.js';");
    write(
      'src/obs-x.ts',
      "import { X } from './components/x/x.js';\ncustomElements.define('obs-x', X);",
    );
    // Without the plugin, rollup would place helper.ts first, as x.ts imports it first.
    write(
      'src/components/x/x.ts',
      "import { helper } from './helper.js';\nimport { styles } from './styles.js';\n" +
        "import { store } from '../../core/store.js';\nexport const X = [helper, styles, store];",
    );
    write('src/components/x/helper.ts', "export const helper = 'helper-mark';");
    write(
      'src/components/x/styles.ts',
      'const css = (s: TemplateStringsArray) => s[0];\nexport const styles = css`:host{}`;',
    );
    write('src/core/store.ts', "export const store = 'store-mark';");

    const code = await bundle();

    const helper = code.indexOf('helper-mark');
    assert.ok(code.indexOf(':host{}') < helper);
    assert.ok(code.indexOf('store-mark') < helper);
    assert.ok(helper < code.indexOf('customElements.define'));
  });

  it('fails for a moved module that acts when it runs', async () => {
    write('src/core/store.ts', "import { hook } from './hook.js';\nexport const store = hook;");
    write('src/core/hook.ts', "export const hook = 1;\ndocument.title = 'changed';");

    await assert.rejects(bundle(), /src\/core\/hook\.ts runs earlier.*AssignmentExpression/s);
  });
});
