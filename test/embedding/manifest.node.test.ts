// custom-elements.json describes the public elements only, with a type for every event.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

interface Member {
  name: string;
  kind: string;
}

interface Declaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  members?: Member[];
  events?: { name: string; type?: { text: string } }[];
}

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as {
  modules: { path: string; declarations?: Declaration[] }[];
};
const elements = manifest.modules.flatMap((module) =>
  (module.declarations ?? []).filter((declaration) => declaration.customElement),
);
const registeredTags = readdirSync('src')
  .filter((name) => /^obs-[a-z-]+\.ts$/.test(name))
  .map((name) => name.slice(0, -'.ts'.length))
  .sort();

describe('custom-elements.json', () => {
  it('lists every registered tag once', () => {
    assert.deepEqual(elements.map(({ tagName }) => tagName).sort(), registeredTags);
  });

  it('lists no internal module', () => {
    for (const { path } of manifest.modules) {
      assert.match(path, /^dist\/npm\/(obs-[a-z-]+|components\/(obs-[a-z-]+)\/\2)\.js$/, path);
    }
  });

  it('lists no #private member', () => {
    for (const { tagName, members = [] } of elements) {
      const hidden = members.filter(({ name }) => name.startsWith('#')).map(({ name }) => name);
      assert.deepEqual(hidden, [], `<${tagName}>`);
    }
  });

  it('types the detail of every event', () => {
    for (const { tagName, events = [] } of elements) {
      for (const event of events) {
        assert.match(event.name, /^obs-[a-z-]+$/, `<${tagName}> event name`);
        assert.match(
          event.type?.text ?? 'untyped',
          /^CustomEvent<\w+>$/,
          `<${tagName}> ${event.name}: add it to the event map in src/${tagName}.ts`,
        );
      }
    }
  });
});
