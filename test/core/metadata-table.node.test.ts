import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MetadataTable } from '../../src/core/metadata-table.js';
import type { Metadata } from '../../src/core/types.js';

/** Builds a table of 64 slots holding `objects` in its first slots. */
function tableOf(objects: Metadata[]): MetadataTable {
  const table = new MetadataTable();
  table.reserve(64);
  objects.forEach((metadata, slot) => table.set(slot, metadata));
  return table;
}

describe('MetadataTable', () => {
  it('shares fresh objects with equal contents', () => {
    const units = ['%', 'MB', 'ms'];
    const objects = Array.from({ length: 30 }, (_, i) => ({ unit: units[i % 3], on: true }));

    const table = tableOf(objects);

    assert.equal(table.distinct, 3);
    assert.equal(table.at(3), table.at(0));
    assert.notEqual(table.at(1), table.at(0));
    assert.deepEqual(table.at(29), { unit: 'ms', on: true });
  });

  it('keeps objects with other keys or values apart', () => {
    const objects: Metadata[] = [
      { unit: '%' },
      { unit: '%', extra: null },
      { unit: '%' },
      { n: 0 },
      { n: -0 },
      { n: 0 },
      { n: '0' },
      JSON.parse('{"__proto__":"%"}') as Metadata,
      { unit: '%' },
    ];

    const table = tableOf(objects);

    objects.forEach((metadata, slot) => assert.deepEqual(table.at(slot), metadata, `slot ${slot}`));
    assert.ok(Object.is(table.at(4)?.n, -0), 'negative zero stays apart');
    assert.equal(table.at(2), table.at(0));
    assert.equal(table.at(5), table.at(3));
    assert.equal(table.distinct, 6);
  });

  it('shares contents again after their rows left', () => {
    const table = tableOf([{ unit: '%' }, { unit: 'MB' }]);
    table.release(0);

    table.set(0, { unit: 'ms' });
    table.set(2, { unit: '%' });
    table.set(3, { unit: 'ms' });

    assert.deepEqual(table.at(2), { unit: '%' });
    assert.equal(table.at(3), table.at(0));
    assert.equal(table.distinct, 3);
  });
});
