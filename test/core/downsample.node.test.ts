import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  downsampleM4,
  downsamplePixelGrid,
  Polyline,
  type SampleSource,
} from '../../src/core/downsample.js';
import { mulberry32 } from '../../src/generator/prng.js';

function source(times: number[], values: number[]): SampleSource {
  return {
    length: times.length,
    timeAt: (index) => times[index],
    valueAt: (index) => values[index],
  };
}

function pairs(line: Polyline): [number, number][] {
  const result: [number, number][] = [];
  for (let i = 0; i < line.length; i++) result.push([line.times[i], line.values[i]]);
  return result;
}

/**
 * Rasterises a polyline the way a one-pixel, non-antialiased line is drawn.
 * x is the pixel column of the time and y the rounded scaled value. Segments
 * are Bresenham lines, a NaN value ends a run, and a run of one point is one
 * pixel.
 */
function rasterise(
  line: { times: ArrayLike<number>; values: ArrayLike<number>; length: number },
  domain: [number, number],
  columns: number,
  valueRange: [number, number],
  rows: number,
): Set<string> {
  const pixels = new Set<string>();
  const toX = (t: number) => Math.floor(((t - domain[0]) * columns) / (domain[1] - domain[0]));
  const toY = (v: number) =>
    Math.round(((v - valueRange[0]) / (valueRange[1] - valueRange[0])) * (rows - 1));
  let previous: [number, number] | null = null;
  for (let i = 0; i < line.length; i++) {
    const value = line.values[i];
    if (!Number.isFinite(value)) {
      previous = null;
      continue;
    }
    const current: [number, number] = [toX(line.times[i]), toY(value)];
    if (previous === null) pixels.add(current.join(','));
    else for (const pixel of bresenham(previous, current)) pixels.add(pixel);
    previous = current;
  }
  return pixels;
}

function bresenham([x0, y0]: [number, number], [x1, y1]: [number, number]): string[] {
  const pixels: string[] = [];
  const dx = Math.abs(x1 - x0);
  const dy = -Math.abs(y1 - y0);
  const stepX = x0 < x1 ? 1 : -1;
  const stepY = y0 < y1 ? 1 : -1;
  let error = dx + dy;
  let x = x0;
  let y = y0;
  for (;;) {
    pixels.push(`${x},${y}`);
    if (x === x1 && y === y1) return pixels;
    const doubled = 2 * error;
    if (doubled >= dy) {
      error += dy;
      x += stepX;
    }
    if (doubled <= dx) {
      error += dx;
      y += stepY;
    }
  }
}

function randomSeries(seed: number, count: number, gapChance: number) {
  const next = mulberry32(seed);
  const times: number[] = [];
  const values: number[] = [];
  let time = 0;
  let value = 50;
  for (let i = 0; i < count; i++) {
    time += 1 + Math.floor(next() * 20);
    value += (next() - 0.5) * 30;
    times.push(time);
    values.push(next() < gapChance ? NaN : value);
  }
  return { times, values };
}

/** Reads a NAB CloudWatch CSV (`timestamp,value`, UTC times without a zone) into columns. */
function readCloudWatch(name: string): { times: number[]; values: number[] } {
  const folder = new URL('../../../shared/datasets/nab/realAWSCloudwatch/', import.meta.url);
  const lines = readFileSync(new URL(name, folder), 'utf8').trim().split('\n').slice(1);
  const times: number[] = [];
  const values: number[] = [];
  for (const line of lines) {
    const [timestamp, value] = line.split(',');
    times.push(Date.parse(`${timestamp.replace(' ', 'T')}Z`));
    values.push(Number(value));
  }
  return { times, values };
}

describe('downsampleM4', () => {
  it('returns an empty polyline for an empty source', () => {
    const line = downsampleM4(source([], []), [0, 10], 10);

    assert.equal(line.length, 0);
  });

  it('keeps first, min, max and last of one column in time order', () => {
    const times = [0, 1, 2, 3, 4, 5];
    const values = [5, 9, 1, 7, 3, 4];

    const line = downsampleM4(source(times, values), [0, 100], 10);

    assert.deepEqual(pairs(line), [
      [0, 5],
      [1, 9],
      [2, 1],
      [5, 4],
    ]);
  });

  it('keeps every point when each has its own column', () => {
    const times = [0, 10, 20, 30];
    const values = [1, 2, 3, 4];

    const line = downsampleM4(source(times, values), [0, 40], 4);

    assert.deepEqual(pairs(line), [
      [0, 1],
      [10, 2],
      [20, 3],
      [30, 4],
    ]);
  });

  it('writes one point once when first, min, max and last coincide', () => {
    const line = downsampleM4(source([3], [8]), [0, 10], 10);

    assert.deepEqual(pairs(line), [[3, 8]]);
  });

  it('keeps a NaN value as one gap marker', () => {
    const times = [0, 1, 2, 3, 4, 5];
    const values = [1, 2, NaN, NaN, 3, 4];

    const line = downsampleM4(source(times, values), [0, 6], 6);

    assert.equal(line.length, 5);
    assert.deepEqual(pairs(line).slice(0, 2), [
      [0, 1],
      [1, 2],
    ]);
    assert.ok(Number.isNaN(line.values[2]));
    assert.deepEqual(pairs(line).slice(3), [
      [4, 3],
      [5, 4],
    ]);
  });

  it('splits a column at a gap', () => {
    const times = [0, 1, 2, 3, 4];
    const values = [1, 9, NaN, 2, 8];

    const line = downsampleM4(source(times, values), [0, 100], 1);

    assert.deepEqual(pairs(line).slice(0, 2), [
      [0, 1],
      [1, 9],
    ]);
    assert.ok(Number.isNaN(line.values[2]));
    assert.deepEqual(pairs(line).slice(3), [
      [3, 2],
      [4, 8],
    ]);
  });

  it('treats Infinity as a gap', () => {
    const line = downsampleM4(source([0, 1, 2], [1, Infinity, 2]), [0, 3], 3);

    assert.equal(line.values[0], 1);
    assert.ok(Number.isNaN(line.values[1]));
    assert.equal(line.values[2], 2);
  });

  it('drops a leading gap', () => {
    const line = downsampleM4(source([0, 1], [NaN, 2]), [0, 2], 2);

    assert.deepEqual(pairs(line), [[1, 2]]);
  });

  it('skips points with a non-finite time', () => {
    const line = downsampleM4(source([0, NaN, 2], [1, 5, 3]), [0, 3], 3);

    assert.deepEqual(pairs(line), [
      [0, 1],
      [2, 3],
    ]);
  });

  it('gives points outside the domain their own columns', () => {
    const times = [-50, -40, 5, 150, 160];
    const values = [1, 2, 3, 4, 5];

    const line = downsampleM4(source(times, values), [0, 100], 10);

    assert.deepEqual(
      pairs(line).map(([time]) => time),
      [-50, -40, 5, 150, 160],
    );
  });

  it('groups only equal times when the domain is empty', () => {
    const times = [5, 5, 5, 6];
    const values = [1, 3, 2, 4];

    const line = downsampleM4(source(times, values), [5, 5], 10);

    assert.deepEqual(pairs(line), [
      [5, 1],
      [5, 3],
      [5, 2],
      [6, 4],
    ]);
  });

  it('groups only equal times when columns is not a positive number', () => {
    for (const columns of [0, -3, NaN, Infinity]) {
      const line = downsampleM4(source([0, 1, 2], [1, 2, 3]), [0, 3], columns);

      assert.equal(line.length, 3, `columns ${columns}`);
    }
  });

  it('writes at most four points per column and run', () => {
    const { times, values } = randomSeries(7, 20_000, 0);
    const domain: [number, number] = [times[0], times[times.length - 1] + 1];

    const line = downsampleM4(source(times, values), domain, 100);

    assert.ok(line.length <= 400, `wrote ${line.length} points`);
    assert.ok(line.length >= 200, `wrote ${line.length} points`);
  });

  it('reuses the output polyline it is given', () => {
    const output = new Polyline(4);
    const { times, values } = randomSeries(3, 50, 0);

    const first = downsampleM4(source(times, values), [0, 2000], 40, output);
    const second = downsampleM4(source([1], [2]), [0, 10], 10, output);

    assert.equal(first, output);
    assert.equal(second, output);
    assert.deepEqual(pairs(second), [[1, 2]]);
  });

  it('draws the same pixels as every point', () => {
    const cases = [
      { seed: 1, count: 500, columns: 20, gapChance: 0 },
      { seed: 2, count: 2000, columns: 50, gapChance: 0 },
      { seed: 3, count: 2000, columns: 37, gapChance: 0.02 },
      { seed: 4, count: 300, columns: 300, gapChance: 0.1 },
      { seed: 5, count: 40, columns: 64, gapChance: 0.3 },
    ];
    for (const { seed, count, columns, gapChance } of cases) {
      const { times, values } = randomSeries(seed, count, gapChance);
      const domain: [number, number] = [times[0], times[times.length - 1] + 1];
      const finite = values.filter(Number.isFinite);
      const valueRange: [number, number] = [Math.min(...finite), Math.max(...finite)];
      const all = { times, values, length: count };

      const line = downsampleM4(source(times, values), domain, columns);

      const expected = rasterise(all, domain, columns, valueRange, 40);
      const actual = rasterise(line, domain, columns, valueRange, 40);
      assert.deepEqual([...actual].sort(), [...expected].sort(), `seed ${seed}`);
    }
  });
});

describe('downsampleM4 on CloudWatch data', () => {
  it('draws the same pixels as every point', () => {
    for (const name of ['ec2_cpu_utilization_5f5533.csv', 'rds_cpu_utilization_cc0c53.csv']) {
      const { times, values } = readCloudWatch(name);
      const domain: [number, number] = [times[0], times[times.length - 1] + 1];
      const valueRange: [number, number] = [Math.min(...values), Math.max(...values)];
      const all = { times, values, length: times.length };

      for (const columns of [50, 300, 1000]) {
        const line = downsampleM4(source(times, values), domain, columns);

        assert.ok(line.length <= columns * 4, `${name}: ${line.length} points`);
        const expected = rasterise(all, domain, columns, valueRange, 200);
        const actual = rasterise(line, domain, columns, valueRange, 200);
        assert.deepEqual([...actual].sort(), [...expected].sort(), `${name} at ${columns}`);
      }
    }
  });
});

describe('downsamplePixelGrid', () => {
  it('keeps the first point of each cell', () => {
    const times = [0, 1, 2, 50, 99];
    const values = [0, 0.1, 9, 5, 10];

    const line = downsamplePixelGrid(source(times, values), [0, 100], 10, [0, 10], 10);

    assert.deepEqual(pairs(line), [
      [0, 0],
      [2, 9],
      [50, 5],
      [99, 10],
    ]);
  });

  it('skips points outside the grid and non-finite points', () => {
    const times = [-1, 5, 101, 6, NaN, 7];
    const values = [1, -1, 1, NaN, 2, 11];

    const line = downsamplePixelGrid(source(times, values), [0, 100], 10, [0, 10], 10);

    assert.equal(line.length, 0);
  });

  it('writes at most one point per cell', () => {
    const { times, values } = randomSeries(11, 5000, 0.05);
    const finite = values.filter(Number.isFinite);
    const range: [number, number] = [Math.min(...finite), Math.max(...finite)];
    const domain: [number, number] = [times[0], times[times.length - 1]];

    const line = downsamplePixelGrid(source(times, values), domain, 20, range, 10);

    assert.ok(line.length <= 200, `wrote ${line.length} points`);
    assert.ok(line.length > 0);
    const cells = new Set<string>();
    for (const [time, value] of pairs(line)) {
      const column = Math.min(19, Math.floor(((time - domain[0]) / (domain[1] - domain[0])) * 20));
      const row = Math.min(9, Math.floor(((value - range[0]) / (range[1] - range[0])) * 10));
      const cell = `${column},${row}`;
      assert.ok(!cells.has(cell), `cell ${cell} written twice`);
      cells.add(cell);
    }
  });

  it('returns an empty polyline for an empty grid or domain', () => {
    const input = source([0, 1], [0, 1]);
    const cases: [[number, number], number, [number, number], number][] = [
      [[0, 0], 10, [0, 1], 10],
      [[1, 0], 10, [0, 1], 10],
      [[0, 1], 0, [0, 1], 10],
      [[0, 1], 10, [1, 1], 10],
      [[0, 1], 10, [0, 1], NaN],
      [[0, Infinity], 10, [0, 1], 10],
    ];
    for (const [domain, columns, values, rows] of cases) {
      const line = downsamplePixelGrid(input, domain, columns, values, rows);

      assert.equal(line.length, 0, JSON.stringify([domain, columns, values, rows]));
    }
  });
});
