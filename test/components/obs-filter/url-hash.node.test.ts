import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readHashParam, writeHashParam } from '../../../src/components/obs-filter/url-hash.js';

describe('writeHashParam', () => {
  it('writes a readable parameter', () => {
    assert.equal(
      writeHashParam('', 'filter', 'category in (cpu, memory) and value > 80'),
      '#filter=category+in+(cpu,+memory)+and+value+%3E+80',
    );
  });

  it('keeps other parameters and anchors', () => {
    assert.equal(writeHashParam('#tab=2&filter=old', 'filter', 'x = 1'), '#tab=2&filter=x+%3D+1');
    assert.equal(writeHashParam('#section', 'filter', 'x = 1'), '#section&filter=x+%3D+1');
  });

  it('removes the parameter for null', () => {
    assert.equal(writeHashParam('#tab=2&filter=old', 'filter', null), '#tab=2');
    assert.equal(writeHashParam('#filter=old', 'filter', null), '');
  });

  it('escapes separators and plus signs', () => {
    const text = 'id = "a&b=c+d#e%"';
    const hash = writeHashParam('#other=1', 'filter', text);

    assert.equal(readHashParam(hash, 'filter'), text);
    assert.equal(readHashParam(hash, 'other'), '1');
  });
});

describe('readHashParam', () => {
  it('returns null for an absent key', () => {
    assert.equal(readHashParam('#tab=2', 'filter'), null);
    assert.equal(readHashParam('', 'filter'), null);
  });

  it('does not match a key that only ends with the name', () => {
    assert.equal(readHashParam('#myfilter=1', 'filter'), null);
  });

  it('throws URIError on a malformed escape', () => {
    assert.throws(() => readHashParam('#filter=%E0%A4%A', 'filter'), URIError);
  });

  it('round-trips hostile text', () => {
    const text = 'category = "<img src=x onerror=alert(1)>" and metadata.__proto__ exists';
    assert.equal(readHashParam(writeHashParam('', 'f', text), 'f'), text);
  });
});
