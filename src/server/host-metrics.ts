import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Metadata, Point } from '../core/types.js';
import type { Logger } from './logger.js';

/** Cumulative CPU time of all cores, in the clock ticks /proc/stat counts in. */
export interface CpuTimes {
  idle: number;
  total: number;
}

/** Cumulative bytes received and sent over every interface except loopback. */
export interface NetworkBytes {
  rx: number;
  tx: number;
}

/**
 * Reads the aggregate `cpu` line of /proc/stat. Idle time includes iowait. The guest columns
 * are left out because the kernel already counts them in user and nice.
 */
export function parseCpuTimes(text: string): CpuTimes | undefined {
  const line = text.split('\n').find((entry) => /^cpu\s/.test(entry));
  if (line === undefined) return undefined;
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (fields.length < 4 || fields.some((field) => !Number.isFinite(field))) return undefined;
  const [, , , idle, iowait = 0] = fields;
  return { idle: idle + iowait, total: fields.reduce((sum, field) => sum + field, 0) };
}

/** Returns the busy share of CPU time between two samples, in percent, or undefined if no time passed. */
export function cpuPercent(previous: CpuTimes, current: CpuTimes): number | undefined {
  const total = current.total - previous.total;
  const idle = current.idle - previous.idle;
  if (!(total > 0) || idle < 0) return undefined;
  return Math.min(100, Math.max(0, 100 * (1 - idle / total)));
}

/**
 * Reads /proc/meminfo and returns the used share of memory in percent: MemTotal minus
 * MemAvailable. Kernels before 3.14 lack MemAvailable, so MemFree + Buffers + Cached replaces it there.
 */
export function parseMemoryUsedPercent(text: string): number | undefined {
  const kib = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\w+):\s+(\d+)/.exec(line);
    if (match !== null) kib.set(match[1], Number(match[2]));
  }
  const total = kib.get('MemTotal');
  if (total === undefined || total <= 0) return undefined;
  const available =
    kib.get('MemAvailable') ??
    (kib.get('MemFree') ?? 0) + (kib.get('Buffers') ?? 0) + (kib.get('Cached') ?? 0);
  return Math.min(100, Math.max(0, (100 * (total - available)) / total));
}

/** Reads the one-minute load average from /proc/loadavg. */
export function parseLoad1(text: string): number | undefined {
  const load = Number(text.trim().split(/\s+/)[0]);
  return text.trim() !== '' && Number.isFinite(load) ? load : undefined;
}

/** Sums the received and sent byte counters of /proc/net/dev over every interface except `lo`. */
export function parseNetworkBytes(text: string): NetworkBytes | undefined {
  let rx = 0;
  let tx = 0;
  let interfaces = 0;
  for (const line of text.split('\n')) {
    const match = /^\s*([^:\s]+):\s*(.*)$/.exec(line);
    if (match === null || match[1] === 'lo') continue;
    const counters = match[2].trim().split(/\s+/).map(Number);
    // Columns: 8 receive counters (bytes first), then 8 transmit counters (bytes first).
    if (counters.length < 16 || !Number.isFinite(counters[0]) || !Number.isFinite(counters[8]))
      continue;
    rx += counters[0];
    tx += counters[8];
    interfaces++;
  }
  return interfaces > 0 ? { rx, tx } : undefined;
}

/**
 * Returns bytes per second between two samples. Undefined when a counter went down, which
 * happens when an interface disappears or a 32-bit counter wraps.
 */
export function networkRates(
  previous: NetworkBytes,
  current: NetworkBytes,
  seconds: number,
): NetworkBytes | undefined {
  const rx = current.rx - previous.rx;
  const tx = current.tx - previous.tx;
  if (!(seconds > 0) || rx < 0 || tx < 0) return undefined;
  return { rx: rx / seconds, tx: tx / seconds };
}

const PROC_FILES = { cpu: 'stat', memory: 'meminfo', load: 'loadavg', network: 'net/dev' } as const;
type MetricName = keyof typeof PROC_FILES;

/**
 * Samples this machine's CPU, memory, load and network metrics from /proc. A metric whose file
 * is missing or unparsable, as on macOS or in a restricted container, is skipped, and the
 * first failure of each is logged once.
 */
export class HostMetrics {
  readonly #procRoot: string;
  readonly #hostname: string;
  readonly #logger: Logger;
  readonly #failed = new Set<MetricName>();
  #cpu: CpuTimes | undefined;
  #network: { bytes: NetworkBytes; time: number } | undefined;

  constructor(options: { hostname: string; logger: Logger; procRoot?: string }) {
    this.#procRoot = options.procRoot ?? '/proc';
    this.#hostname = options.hostname;
    this.#logger = options.logger;
  }

  /** Reads every metric once and returns the points it produced at `time`. CPU and network need two samples, so the first call returns no points for them. */
  async sample(time: number): Promise<Point[]> {
    const [stat, meminfo, loadavg, netDev] = await Promise.all(
      (Object.keys(PROC_FILES) as MetricName[]).map((name) => this.#read(name)),
    );
    const points: Point[] = [];
    const add = (category: string, value: number | undefined, unit: string) => {
      if (value === undefined) return;
      points.push(this.#point(category, time, value, { unit }));
    };

    const cpu = stat === undefined ? undefined : parseCpuTimes(stat);
    if (cpu !== undefined && this.#cpu !== undefined)
      add('host_cpu', cpuPercent(this.#cpu, cpu), 'percent');
    this.#cpu = cpu;

    add(
      'host_memory',
      meminfo === undefined ? undefined : parseMemoryUsedPercent(meminfo),
      'percent',
    );
    add('host_load', loadavg === undefined ? undefined : parseLoad1(loadavg), 'load1');

    const bytes = netDev === undefined ? undefined : parseNetworkBytes(netDev);
    if (bytes !== undefined && this.#network !== undefined) {
      const rates = networkRates(this.#network.bytes, bytes, (time - this.#network.time) / 1000);
      add('host_network_rx', rates?.rx, 'bytes/s');
      add('host_network_tx', rates?.tx, 'bytes/s');
    }
    this.#network = bytes === undefined ? undefined : { bytes, time };
    return points;
  }

  #point(category: string, timestamp: number, value: number, metadata: Metadata): Point {
    const source = this.#hostname;
    return {
      id: `${category}/${source}/${timestamp}`,
      timestamp,
      value,
      category,
      source,
      metadata,
    };
  }

  async #read(name: MetricName): Promise<string | undefined> {
    if (this.#failed.has(name)) return undefined;
    const path = join(this.#procRoot, PROC_FILES[name]);
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      this.#failed.add(name);
      const reason = error instanceof Error ? error.message : String(error);
      this.#logger.warn('host_metric_unavailable', { metric: name, path, error: reason });
      return undefined;
    }
  }
}
