// Entry of the chart benchmark bundle: draws the same data with <obs-chart>
// and with uPlot in one page and exposes the measurements to page.evaluate.
import uPlot from 'uplot';
import { Store, type Point } from '../src/core/index.js';
import { ObsChart } from '../src/obs-chart.js';
import { mulberry32 } from '../src/generator/prng.js';

/** Canvas size of both charts, in CSS pixels. */
const WIDTH = 1200;
const HEIGHT = 400;
/** Spacing of the points' timestamps, in milliseconds. */
const STEP_MS = 100;
const START = Date.UTC(2024, 0, 1);
const BATCH = 1000;

/** Returns the value of point `index` of a noisy wave. */
function valueAt(index: number, noise: () => number): number {
  return 50 + 30 * Math.sin(index / 5000) + 10 * Math.sin(index / 37) + 8 * (noise() - 0.5);
}

/** The data of one run: times and values of `count` points, plus further points for appends. */
interface Series {
  times: number[];
  values: number[];
}

/** Returns `count` points of the wave, seeded so both charts and every run get the same data. */
function makeSeries(count: number, seed = 42): Series {
  const noise = mulberry32(seed);
  const times: number[] = new Array(count);
  const values: number[] = new Array(count);
  for (let i = 0; i < count; i++) {
    times[i] = START + i * STEP_MS;
    values[i] = valueAt(i, noise);
  }
  return { times, values };
}

function toPoints(series: Series, from: number, to: number): Point[] {
  const points: Point[] = [];
  for (let i = from; i < to; i++) {
    points.push({
      id: `b${i}`,
      timestamp: series.times[i],
      value: series.values[i],
      category: 'value',
      source: 'bench',
    });
  }
  return points;
}

function fillStore(series: Series, count: number): Store {
  const store = new Store({ capacity: count });
  for (let from = 0; from < count; from += 100_000) {
    store.append(toPoints(series, from, Math.min(count, from + 100_000)));
  }
  return store;
}

/** Resolves once the next frame has run its animation callbacks and been rendered. */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      // A message task runs after the frame's style, layout and paint.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  });
}

/** Main-thread and wall-clock milliseconds that an action and the frame showing it took. */
interface FrameCost {
  busy: number;
  wall: number;
}

/** Resolves with the time at which a message posted now arrives, which is after the current task ends. */
function afterTask(): Promise<number> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  });
}

/**
 * Runs `action` and waits for the frame that shows its result. `busy` is the
 * main-thread time: the task that runs the action, to its end, plus the
 * frame from its first animation callback to the end of its rendering. The
 * task's end includes its microtasks, where uPlot draws, and the flush of
 * any canvas drawn outside a frame, which Chromium runs when the task ends.
 * The frame includes the animation callbacks, where <obs-chart> draws, and
 * the rasterising of canvases drawn in them. `busy` leaves out the idle wait
 * for the next frame, which is up to a frame interval and the same for both
 * charts. `wall` includes it.
 */
async function measureFrame(action: () => void): Promise<FrameCost> {
  let frameStart = 0;
  // Registered before the action, this callback runs before any the action requests.
  const frameEnd = new Promise<number>((resolve) => {
    requestAnimationFrame(() => {
      frameStart = performance.now();
      resolve(afterTask());
    });
  });
  const taskEnd = afterTask();
  const start = performance.now();
  action();
  const actionEnd = await taskEnd;
  const end = await frameEnd;
  // A frame that ran before the message followed the action's task with no idle time between.
  const busy = frameStart < actionEnd ? end - start : actionEnd - start + (end - frameStart);
  return { busy, wall: end - start };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

function host(): HTMLElement {
  const element = document.createElement('div');
  document.body.append(element);
  return element;
}

function createChart(store: Store): ObsChart {
  const chart = document.createElement('obs-chart') as ObsChart;
  chart.store = store;
  chart.label = 'Benchmark';
  host().append(chart);
  return chart;
}

/**
 * uPlot's options. The series line is 1 CSS pixel wide, uPlot's default, as
 * <obs-chart> draws a line with more points than pixel columns one device
 * pixel wide. A wider line over such a zigzag rasterises many times slower
 * on Chromium's software canvas.
 */
function uplotOptions(): uPlot.Options {
  return {
    width: WIDTH,
    height: HEIGHT,
    ms: 1,
    series: [{}, { label: 'value', stroke: '#2563eb', width: 1 }],
  };
}

/** Medians of first render and update of both charts at `count` points, over `runs` runs. */
async function renderAndUpdate(count: number, runs: number): Promise<Record<string, number>> {
  const series = makeSeries(count + runs * BATCH);
  const store = fillStore(series, count);
  const costs: Record<string, FrameCost[]> = {
    chart_first_render: [],
    uplot_first_render: [],
    chart_update: [],
    uplot_update: [],
  };

  for (let run = 0; run < runs; run++) {
    await afterNextFrame();
    let chart: ObsChart | null = null;
    costs.chart_first_render.push(await measureFrame(() => (chart = createChart(store))));
    chart!.parentElement!.remove();

    const data: uPlot.AlignedData = [series.times.slice(0, count), series.values.slice(0, count)];
    await afterNextFrame();
    let plot: uPlot | null = null;
    costs.uplot_first_render.push(
      await measureFrame(() => (plot = new uPlot(uplotOptions(), data, host()))),
    );
    plot!.root.parentElement!.remove();
    plot!.destroy();
  }

  const chart = createChart(store);
  const times = series.times.slice(0, count);
  const values = series.values.slice(0, count);
  const plot = new uPlot(uplotOptions(), [times, values], host());
  await afterNextFrame();
  await afterNextFrame();
  for (let run = 0; run < runs; run++) {
    const from = count + run * BATCH;
    const points = toPoints(series, from, from + BATCH);
    await afterNextFrame();
    costs.chart_update.push(await measureFrame(() => store.append(points)));

    await afterNextFrame();
    costs.uplot_update.push(
      await measureFrame(() => {
        for (let i = from; i < from + BATCH; i++) {
          times.push(series.times[i]);
          values.push(series.values[i]);
        }
        plot.setData([times, values]);
      }),
    );
  }
  chart.parentElement!.remove();
  plot.root.parentElement!.remove();
  plot.destroy();

  const suffix = count >= 1_000_000 ? '1m' : `${count / 1000}k`;
  const metrics: Record<string, number> = {};
  for (const [name, list] of Object.entries(costs)) {
    metrics[`${name}_${suffix}_ms`] = median(list.map((cost) => cost.busy));
    metrics[`${name}_${suffix}_wall_ms`] = median(list.map((cost) => cost.wall));
  }
  return metrics;
}

/**
 * Streams `rate` points per second into a full window of `count` points for
 * `seconds` and measures the frames. It returns their rate and the p95 of the
 * interval between frames. It also returns the p95 of each frame's
 * main-thread work, from its first animation callback to the end of its
 * rendering.
 */
async function stream(
  count: number,
  rate: number,
  seconds: number,
): Promise<Record<string, number>> {
  const series = makeSeries(count + rate * seconds + rate);
  const store = fillStore(series, count);
  const chart = createChart(store);
  await afterNextFrame();
  await afterNextFrame();

  let appended = 0;
  let appendMs = 0;
  const started = performance.now();
  const timer = setInterval(() => {
    const due = Math.min(rate * seconds, Math.floor(((performance.now() - started) / 1000) * rate));
    if (due <= appended) return;
    const points = toPoints(series, count + appended, count + due);
    const before = performance.now();
    store.append(points);
    appendMs += performance.now() - before;
    appended = due;
  }, 10);

  const stamps: number[] = [];
  const work: number[] = [];
  await new Promise<void>((resolve) => {
    const frame = (stamp: number) => {
      stamps.push(stamp);
      const begin = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => work.push(performance.now() - begin);
      channel.port2.postMessage(null);
      if (performance.now() - started < seconds * 1000) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame(frame);
  });
  clearInterval(timer);
  chart.parentElement!.remove();

  const intervals = stamps.slice(1).map((stamp, index) => stamp - stamps[index]);
  const elapsed = (stamps[stamps.length - 1] - stamps[0]) / 1000;
  return {
    chart_stream_fps: intervals.length / elapsed,
    chart_frame_p95_ms: percentile(intervals, 0.95),
    chart_frame_work_p95_ms: percentile(work, 0.95),
    chart_stream_points_per_s: appended / ((performance.now() - started) / 1000),
    chart_stream_append_ms_per_s: appendMs / seconds,
  };
}

/** p95 of the intervals between frames of a page with nothing to draw, as a baseline for `stream`. */
async function idleFrames(seconds: number): Promise<Record<string, number>> {
  const stamps: number[] = [];
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const frame = (stamp: number) => {
      stamps.push(stamp);
      if (performance.now() - started < seconds * 1000) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame(frame);
  });
  const intervals = stamps.slice(1).map((stamp, index) => stamp - stamps[index]);
  return { chart_idle_frame_p95_ms: percentile(intervals, 0.95) };
}

/** Main-thread milliseconds of one pointer move, without and with the browser's rendering. */
interface MoveCost {
  move: number;
  frame: number;
}

/**
 * Dispatches `move` and measures what it costs the main thread. `move` counts
 * the task that handles it, to its end, including the flush of a canvas drawn
 * outside a frame. It adds the next frame's animation callbacks, where work
 * deferred to that frame runs, and the style and layout that the move's
 * changes to the page need, forced at the end of those callbacks, wherever
 * the chart shows its tooltip. `frame` adds the frame's paint and commit, as
 * `measureFrame` counts them.
 */
async function measureMove(move: () => void): Promise<MoveCost | null> {
  let frameStart = 0;
  let callbacksEnd = 0;
  const frameEnd = new Promise<number>((resolve) => {
    requestAnimationFrame(() => {
      frameStart = performance.now();
      resolve(afterTask());
    });
  });
  const taskEnd = afterTask().then((time) => {
    // Requested after every callback the move requested, this one runs last in the frame.
    requestAnimationFrame(() => {
      // Reading any box brings the whole page's style and layout up to date.
      document.body.getBoundingClientRect();
      callbacksEnd = performance.now();
    });
    return time;
  });
  const start = performance.now();
  move();
  const moveEnd = await taskEnd;
  const end = await frameEnd;
  // The move is short and follows a frame, so its task ends long before the next one.
  if (frameStart < moveEnd) return null;
  const task = moveEnd - start;
  return { move: task + (callbacksEnd - frameStart), frame: task + (end - frameStart) };
}

/**
 * Mean main-thread time of a pointer move over a chart of `count` points,
 * one move per frame, as `measureMove` counts it, with and without the
 * frame's paint and commit. `hover_floor_ms` is the same moves over an empty
 * element of the chart's size, with nothing listening: what any move costs
 * under this measurement.
 */
async function hover(count: number, moves: number): Promise<Record<string, number>> {
  const series = makeSeries(count);
  const store = fillStore(series, count);
  const chart = createChart(store);
  await afterNextFrame();
  await afterNextFrame();
  const costs = await measureMoves(chart.shadowRoot!.querySelector('canvas.overlay')!, moves);
  chart.parentElement!.remove();
  const empty = document.createElement('div');
  empty.style.cssText = 'width: 1200px; height: 400px';
  host().append(empty);
  const floor = await measureMoves(empty, moves);
  empty.parentElement!.remove();
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    chart_hover_ms: mean(costs.map((cost) => cost.move)),
    chart_hover_frame_ms: mean(costs.map((cost) => cost.frame)),
    chart_hover_moves: costs.length,
    hover_floor_ms: mean(floor.map((cost) => cost.move)),
  };
}

/** Dispatches `moves` pointer moves across `target`, one per frame, and measures each. */
async function measureMoves(target: Element, moves: number): Promise<MoveCost[]> {
  const box = target.getBoundingClientRect();
  const costs: MoveCost[] = [];
  for (let move = 0; move < moves; move++) {
    await afterNextFrame();
    const clientX = box.left + 60 + ((move * 7919) % (box.width - 80));
    const clientY = box.top + box.height / 2;
    const cost = await measureMove(() => {
      target.dispatchEvent(new PointerEvent('pointermove', { clientX, clientY, bubbles: true }));
    });
    if (cost !== null) costs.push(cost);
  }
  return costs;
}

// The package marks only its built files as having side effects, so a bare
// import of the registration module would be dropped from the bundle.
if (customElements.get('obs-chart') !== ObsChart) {
  throw new Error('<obs-chart> is not registered in the benchmark bundle.');
}

Object.assign(globalThis, {
  chartBench: { renderAndUpdate, stream, hover, idleFrames },
});
