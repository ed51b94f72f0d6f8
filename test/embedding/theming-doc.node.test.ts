// docs/theming.md lists every custom property and part that custom-elements.json, generated
// from the element classes, documents.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

interface Declaration {
  tagName?: string;
  cssProperties?: { name: string }[];
  cssParts?: { name: string }[];
}

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as {
  modules: { declarations?: Declaration[] }[];
};
const doc = readFileSync('docs/theming.md', 'utf8');

/** Text of the section `### \`<tag>\`` of the doc, up to the next heading. */
function section(tag: string): string {
  const start = doc.indexOf(`### \`<${tag}>\``);
  if (start < 0) return '';
  const next = doc.indexOf('\n#', start + 1);
  return next < 0 ? doc.slice(start) : doc.slice(start, next);
}

const elements = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration) => declaration.tagName !== undefined);

describe('theming reference', () => {
  it('covers every element', () => {
    assert.ok(elements.length >= 4, 'custom-elements.json lists fewer than four elements');
    for (const { tagName } of elements) {
      assert.notEqual(section(tagName!), '', `docs/theming.md has no section for <${tagName}>`);
    }
  });

  for (const { tagName, cssProperties = [], cssParts = [] } of elements) {
    it(`lists the properties and parts of <${tagName}>`, () => {
      const text = section(tagName!);
      for (const { name } of [...cssProperties, ...cssParts]) {
        assert.ok(text.includes(`\`${name}\``), `<${tagName}> section lacks \`${name}\``);
      }
    });
  }
});
