// The d3-format shim of the script-tag bundles, checked against the installed d3-format, also
// with the specifier objects that d3-scale's tickFormat, its only caller there, passes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as realFormat from 'd3-format';
import fc from 'fast-check';
import * as shimFormat from '../../src/build-shims/d3-format.js';

const SPECIFIERS = ['f', ',f', '%', ',%', '.0f', ',.2f', '.1%', ',.0%', '.20f', ',.25f', '-,.3f'];
const VALUES = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.0004,
  1234567.891,
  -9876543210.5,
  1e21,
  -2.5e22,
  1e-7,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  NaN,
  Infinity,
  -Infinity,
];

describe('d3-format shim', () => {
  it('formats listed values as d3-format does', () => {
    for (const specifier of SPECIFIERS) {
      const shim = shimFormat.format(specifier);
      const real = realFormat.format(specifier);
      for (const value of VALUES) {
        assert.equal(shim(value), real(value), `${specifier} of ${value}`);
      }
    }
  });

  it('formats random values as d3-format does', () => {
    const specifier = fc
      .tuple(fc.boolean(), fc.option(fc.integer({ min: 0, max: 25 })), fc.constantFrom('f', '%'))
      .map(
        ([comma, precision, type]) =>
          `${comma ? ',' : ''}${precision === null ? '' : `.${precision}`}${type}`,
      );
    fc.assert(
      fc.property(specifier, fc.double(), (text, value) => {
        assert.equal(shimFormat.format(text)(value), realFormat.format(text)(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('formats a specifier object that d3-scale changed', () => {
    for (const [text, precision] of [
      [',f', 3],
      ['%', 1],
      [',f', 0],
    ] as const) {
      const shim = shimFormat.formatSpecifier(text);
      const real = realFormat.formatSpecifier(text);
      shim.precision = precision;
      real.precision = precision;

      assert.equal(String(shim), String(real));
      // d3-scale passes the object; d3-format reads it as its text, which the types spell out.
      const realFormatter = realFormat.format(String(real));
      assert.equal(shimFormat.format(shim)(-1234.5678), realFormatter(-1234.5678));
    }
  });

  it('computes tick precisions as d3-format does', () => {
    for (const step of [0.001, 0.25, 1, 20, 5e6, 0, NaN]) {
      assert.equal(shimFormat.precisionFixed(step), realFormat.precisionFixed(step));
      for (const value of [1, 999, 1e9, -3e-5]) {
        assert.equal(
          shimFormat.precisionPrefix(step, value),
          realFormat.precisionPrefix(step, value),
        );
        assert.equal(
          shimFormat.precisionRound(step, value),
          realFormat.precisionRound(step, value),
        );
      }
    }
  });

  it('rejects the specifiers it leaves out', () => {
    for (const specifier of [
      '$,.2f',
      '.2s',
      '08.2f',
      '>10f',
      '+f',
      '(.1f',
      '.3~f',
      'e',
      'd',
      'x',
      '',
    ]) {
      assert.throws(() => shimFormat.format(specifier), /is not included in the Observatory/);
    }
    assert.throws(() => shimFormat.formatPrefix(',.0'), /formatPrefix\(',\.0'\) is not included/);
  });

  it('rejects an invalid specifier as d3-format does', () => {
    for (const specifier of ['<img src=x onerror=alert(1)>', '__proto__', '.f.']) {
      assert.throws(() => shimFormat.format(specifier), /^Error: invalid format: /);
      assert.throws(() => realFormat.format(specifier), /^Error: invalid format: /);
    }
  });
});
