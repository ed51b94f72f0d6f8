/**
 * M4 downsampling: per pixel column, keep the first, last, minimum and maximum
 * point of each series. Drawn as a line, the result covers the same pixels as
 * drawing every point. Inside one column the segments only span the vertical
 * range [min, max]. Between columns, a segment joins the last point of one
 * column to the first point of the next, and M4 keeps both.
 * Reference: Jugel, Jerzak, Hackenbroich and Markl, "M4: A Visualization-Oriented
 * Time Series Data Aggregation", PVLDB 7(10), 2014, doi:10.14778/2732951.2732953.
 */

/** Points of one series in time order, read by index. */
export interface SampleSource {
  readonly length: number;
  timeAt(index: number): number;
  valueAt(index: number): number;
}

/**
 * A growable polyline of (time, value) pairs. A NaN value marks a gap: the
 * line stops before it and starts again after it.
 */
export class Polyline {
  times: Float64Array;
  values: Float64Array;
  length = 0;

  constructor(initialCapacity = 256) {
    this.times = new Float64Array(Math.max(4, initialCapacity));
    this.values = new Float64Array(Math.max(4, initialCapacity));
  }

  clear(): void {
    this.length = 0;
  }

  push(time: number, value: number): void {
    if (this.length === this.times.length) {
      const times = new Float64Array(this.times.length * 2);
      const values = new Float64Array(this.values.length * 2);
      times.set(this.times);
      values.set(this.values);
      this.times = times;
      this.values = values;
    }
    this.times[this.length] = time;
    this.values[this.length] = value;
    this.length++;
  }

  /** Appends a gap marker unless the polyline is empty or already ends in one. */
  pushGap(time: number): void {
    if (this.length === 0 || Number.isNaN(this.values[this.length - 1])) return;
    this.push(time, NaN);
  }
}

/**
 * Reduces `source` to at most four points per pixel column and per run of
 * finite values, writing them to `output` (cleared first) and returning it.
 *
 * Columns split the time `domain` [t0, t1] into `columns` equal parts of
 * width w, and column k covers [t0 + k * w, t0 + (k + 1) * w). Points outside the domain fall in
 * columns below 0 or from `columns` on, so a caller that passes one point on
 * each side of the domain gets lines that run to the edges. A non-finite
 * value is a gap and is kept as one NaN marker. Points with a non-finite time
 * are skipped. A non-positive or non-finite `columns`, or an empty or
 * inverted domain, puts every point in the column of its exact time.
 */
export function downsampleM4(
  source: SampleSource,
  domain: readonly [number, number],
  columns: number,
  output: Polyline = new Polyline(),
): Polyline {
  output.clear();
  const [t0, t1] = domain;
  const span = t1 - t0;
  const usable = Number.isFinite(span) && span > 0 && Number.isFinite(columns) && columns > 0;
  const columnsPerMs = usable ? columns / span : 0;
  const bucket = new M4Bucket(source, output);

  for (let index = 0; index < source.length; index++) {
    const time = source.timeAt(index);
    if (!Number.isFinite(time)) continue;
    const value = source.valueAt(index);
    if (!Number.isFinite(value)) {
      bucket.flush();
      output.pushGap(time);
      continue;
    }
    // Without a usable scale, only points at the same instant share a column.
    const column = usable ? Math.floor((time - t0) * columnsPerMs) : time;
    if (column !== bucket.column) bucket.flush();
    bucket.add(index, column, value);
  }
  bucket.flush();
  return output;
}

/**
 * First, last, min and max of the points added to one column since the last
 * flush. Indices refer to `source`; on equal values the earliest index wins.
 * Exported so that callers with precomputed block extremes can run M4
 * without visiting every point.
 */
export class M4Bucket {
  column = NaN;
  #first = -1;
  #last = -1;
  #min = -1;
  #max = -1;
  #minValue = Infinity;
  #maxValue = -Infinity;
  readonly #picked = [0, 0, 0, 0];

  readonly #source: SampleSource;
  readonly #output: Polyline;

  constructor(source: SampleSource, output: Polyline) {
    this.#source = source;
    this.#output = output;
  }

  add(index: number, column: number, value: number): void {
    if (this.#first < 0) {
      this.column = column;
      this.#first = index;
    }
    this.#last = index;
    if (value < this.#minValue) {
      this.#minValue = value;
      this.#min = index;
    }
    if (value > this.#maxValue) {
      this.#maxValue = value;
      this.#max = index;
    }
  }

  /**
   * Adds the points `first` to `last` (inclusive, all finite) at once, given
   * the index and value of their minimum and maximum.
   */
  addRange(
    first: number,
    last: number,
    column: number,
    min: number,
    minValue: number,
    max: number,
    maxValue: number,
  ): void {
    if (this.#first < 0) {
      this.column = column;
      this.#first = first;
    }
    this.#last = last;
    if (minValue < this.#minValue) {
      this.#minValue = minValue;
      this.#min = min;
    }
    if (maxValue > this.#maxValue) {
      this.#maxValue = maxValue;
      this.#max = max;
    }
  }

  /** Writes the kept points in time order, each once, and empties the bucket. */
  flush(): void {
    if (this.#first < 0) return;
    const picked = this.#picked;
    picked[0] = this.#first;
    picked[1] = Math.min(this.#min, this.#max);
    picked[2] = Math.max(this.#min, this.#max);
    picked[3] = this.#last;
    let previous = -1;
    for (const index of picked) {
      // first <= min, max <= last, so the four are already sorted; skip repeats.
      if (index === previous) continue;
      previous = index;
      this.#output.push(this.#source.timeAt(index), this.#source.valueAt(index));
    }
    this.column = NaN;
    this.#first = -1;
    this.#minValue = Infinity;
    this.#maxValue = -Infinity;
  }
}

/** Occupancy of pixel cells, reused between calls to avoid a new array per frame. */
let occupied = new Uint8Array(0);

/**
 * Reduces `source` to the first point in each pixel cell, writing them to
 * `output` (cleared first) and returning it. This suits scatter plots, where
 * M4 would drop points between a column's minimum and maximum.
 *
 * The plot is a grid of `columns` x `rows` cells over the time `domain` and
 * the `values` range. Points outside the grid and points with a non-finite
 * time or value are skipped, so the output has at most columns * rows points.
 * An empty or inverted domain or range, or a grid with no cells, gives an
 * empty output.
 */
export function downsamplePixelGrid(
  source: SampleSource,
  domain: readonly [number, number],
  columns: number,
  values: readonly [number, number],
  rows: number,
  output: Polyline = new Polyline(),
): Polyline {
  output.clear();
  const width = Math.floor(columns);
  const height = Math.floor(rows);
  const span = domain[1] - domain[0];
  const range = values[1] - values[0];
  if (!(width > 0 && height > 0 && span > 0 && range > 0)) return output;
  if (!Number.isFinite(width * height * span * range)) return output;
  if (occupied.length < width * height) occupied = new Uint8Array(width * height);
  else occupied.fill(0, 0, width * height);

  for (let index = 0; index < source.length; index++) {
    const time = source.timeAt(index);
    const value = source.valueAt(index);
    if (!Number.isFinite(time) || !Number.isFinite(value)) continue;
    const column = Math.floor(((time - domain[0]) / span) * width);
    const row = Math.floor(((value - values[0]) / range) * height);
    // The top edge of the domain and range belongs to the last cell.
    const x = column === width && time === domain[1] ? width - 1 : column;
    const y = row === height && value === values[1] ? height - 1 : row;
    if (x < 0 || x >= width || y < 0 || y >= height) continue;
    const cell = y * width + x;
    if (occupied[cell] === 1) continue;
    occupied[cell] = 1;
    output.push(time, value);
  }
  return output;
}
