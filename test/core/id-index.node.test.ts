import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { IdIndex } from '../../src/core/id-index.js';

const idArbitrary = fc.oneof(
  fc.nat({ max: 3000 }).map((n) => `g7-${n}`),
  fc.nat({ max: 50 }).map((n) => `host-${n % 3}-${n}`),
  fc.nat({ max: 99 }).map(String),
  fc.constantFrom('', '0', '00', '007', 'x', 'a1b', '4294967295', '4294967296', '__proto__'),
  fc.string({ maxLength: 6 }),
);

describe('IdIndex', () => {
  it('keeps the same ids as a Map through adds and removals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(idArbitrary, fc.constant(null)), { maxLength: 3000 }),
        (operations) => {
          const capacity = 64;
          const index = new IdIndex(capacity);
          index.reserve(capacity);
          // The model: slot -> id for held slots, filled and freed in ring order like the store.
          const held = new Map<number, string>();
          let start = 0;
          let end = 0;
          for (const id of operations) {
            if (id === null || end - start === capacity) {
              if (end > start) {
                index.remove(start % capacity);
                held.delete(start % capacity);
                start++;
              }
              if (id === null) continue;
            }
            const present = [...held.values()].includes(id);
            assert.equal(index.has(id), present, `has(${JSON.stringify(id)})`);
            if (present) continue;
            index.addChecked(end % capacity);
            held.set(end % capacity, id);
            end++;
          }
          assert.equal(index.size, held.size);
          for (const [slot, id] of held) {
            assert.equal(index.idAt(slot), id);
            assert.equal(index.has(id), true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps ids with and without a number apart', () => {
    const index = new IdIndex(16);
    index.reserve(16);
    const ids = ['7', '07', 'a7', 'a07', 'a', 'a70', 'a4294967295', 'a4294967296', '1.5'];
    ids.forEach((id, slot) => assert.equal(index.add(id, slot), true, id));

    for (const [slot, id] of ids.entries()) assert.equal(index.idAt(slot), id);
    assert.equal(index.add('a7', 12), false);
    assert.equal(index.has('a8'), false);
  });

  it('accepts an id again after it was removed', () => {
    const index = new IdIndex(4);
    index.reserve(4);
    index.add('p1', 0);

    index.remove(0);

    assert.equal(index.has('p1'), false);
    assert.equal(index.add('p1', 1), true);
  });

  it('finds counting ids after the run wraps and grows', () => {
    const capacity = 100;
    const index = new IdIndex(capacity);
    index.reserve(capacity);
    for (let n = 0; n < 1000; n++) {
      const slot = n % capacity;
      if (n >= capacity) index.remove(slot);
      assert.equal(index.has(`g-${n}`), false, `g-${n} is new`);
      index.addChecked(slot);
    }

    assert.equal(index.size, capacity);
    assert.equal(index.has('g-899'), false, 'an evicted id');
    assert.equal(index.has('g-900'), true, 'the oldest held id');
    assert.equal(index.has('g-950'), true);
    assert.equal(index.has('g-999'), true, 'the newest id');
    assert.equal(index.idAt(999 % capacity), 'g-999');
  });

  it('keeps the same ids as a Map when removed in any order', () => {
    const counting = fc.nat({ max: 40 }).map((n) => `c-${n}`);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(counting, idArbitrary), { maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 300 }),
        (ids, picks) => {
          const capacity = 32;
          const index = new IdIndex(capacity);
          index.reserve(capacity);
          const held = new Map<number, string>();
          const free = Array.from({ length: capacity }, (_, slot) => slot);
          ids.forEach((id, i) => {
            if (free.length === 0 || (picks[i] ?? 0) % 3 === 0) {
              const slots = [...held.keys()];
              if (slots.length > 0) {
                const slot = slots[(picks[i] ?? 0) % slots.length];
                index.remove(slot);
                held.delete(slot);
                free.push(slot);
              }
            }
            const present = [...held.values()].includes(id);
            assert.equal(index.has(id), present, `has(${JSON.stringify(id)})`);
            if (present) return;
            const slot = free.pop() as number;
            index.addChecked(slot);
            held.set(slot, id);
          });
          assert.equal(index.size, held.size);
          for (const [slot, id] of held) {
            assert.equal(index.idAt(slot), id);
            assert.equal(index.has(id), true, `has(${JSON.stringify(id)}) at the end`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
