// The build step that minifies Lit templates in the script-tag bundles.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  minifyCssParts,
  minifyHtmlParts,
  minifyTemplates,
} from '../../scripts/minify-templates.mjs';

describe('minifyHtmlParts', () => {
  it('collapses whitespace in text to one space', () => {
    const [out] = minifyHtmlParts(['<p>\n    two  words\n  </p>\n  <b>x</b> <i>y</i>']);

    assert.equal(out, '<p> two words </p> <b>x</b> <i>y</i>');
  });

  it('drops whitespace before the end of a tag', () => {
    const out = minifyHtmlParts(['<input\n    type="text"\n    .value=', '\n  >']);

    assert.deepEqual(out, ['<input type="text" .value=', '>']);
  });

  it('keeps the space before a self-closing slash', () => {
    const out = minifyHtmlParts(['<input .value=', ' />']);

    assert.deepEqual(out, ['<input .value=', ' />']);
  });

  it('keeps attribute values as written', () => {
    const [out] = minifyHtmlParts(['<div title="a   b\n  c" data-x=\'  y  \'>z</div>']);

    assert.equal(out, '<div title="a   b\n  c" data-x=\'  y  \'>z</div>');
  });

  it('tracks a quoted value across expressions', () => {
    const out = minifyHtmlParts(['<a title="one  ', '  two">  ', '  </a>']);

    assert.deepEqual(out, ['<a title="one  ', '  two"> ', ' </a>']);
  });

  it('keeps pre, textarea and comments as written', () => {
    const [out] = minifyHtmlParts([
      '<pre>  a\n   b </pre>  <textarea>\n  x  </textarea><!--  keep   this  --> <style> p  { } </style>',
    ]);

    assert.equal(
      out,
      '<pre>  a\n   b </pre> <textarea>\n  x  </textarea><!--  keep   this  --> <style> p  { } </style>',
    );
  });

  it('leaves hostile markup meaning the same', () => {
    const [out] = minifyHtmlParts(['<img   src=x   onerror=alert(1)  >\n  __proto__']);

    assert.equal(out, '<img src=x onerror=alert(1)> __proto__');
  });

  it('leaves a lone less-than sign in text', () => {
    const [out] = minifyHtmlParts(['a  <  b', '<', 'c']);

    assert.equal(out, 'a < b');
  });

  it('closes a tag split by a closing-tag break', () => {
    const [out] = minifyHtmlParts(['<code\n  >x</code\n>  y']);

    assert.equal(out, '<code>x</code> y');
  });
});

describe('minifyCssParts', () => {
  it('removes comments and needless whitespace', () => {
    const [out] = minifyCssParts([
      '\n  /* note */\n  :host {\n    display: block;\n    color: red;\n  }\n  a > b,\n  c {\n    margin: 0 auto;\n  }\n',
    ]);

    assert.equal(out, ':host{display:block;color:red}a>b,c{margin:0 auto}');
  });

  it('keeps the space of a descendant pseudo-class', () => {
    const [out] = minifyCssParts(['.list :hover {\n  color: red;\n}']);

    assert.equal(out, '.list :hover{color:red}');
  });

  it('keeps spaces in calc and strings', () => {
    const [out] = minifyCssParts([
      'a {\n  width: calc(100% - 2px);\n  content: "  two  spaces ; }";\n}',
    ]);

    assert.equal(out, 'a{width:calc(100% - 2px);content:"  two  spaces ; }"}');
  });

  it('keeps whitespace next to an expression', () => {
    const out = minifyCssParts(['a {\n  margin: ', ' ', ';\n}']);

    assert.deepEqual(out, ['a{margin: ', ' ', '}']);
  });
});

describe('minifyTemplates', () => {
  it('minifies templates tagged by lit imports only', () => {
    const code = [
      "import { html as h, css } from 'lit';",
      "import { html } from './other.js';",
      'const a = h`<p>\n  x\n</p>`;',
      'const b = html`<p>\n  y\n</p>`;',
      'const c = css`a {\n  color: red;\n}`;',
    ].join('\n');

    const result = minifyTemplates(code, 'example.ts');

    assert.ok(result !== null);
    assert.match(result.code, /h`<p> x <\/p>`/);
    assert.match(result.code, /html`<p>\n {2}y\n<\/p>`/);
    assert.match(result.code, /css`a\{color:red\}`/);
    assert.ok(result.map.mappings.length > 0);
  });

  it('returns null without lit templates', () => {
    assert.equal(minifyTemplates('const a = `<p>\n  x\n</p>`;', 'plain.ts'), null);
    assert.equal(
      minifyTemplates("import { html } from './own.js';\nhtml`<p>\n</p>`;", 'own.ts'),
      null,
    );
  });
});
