import type { Point } from '../core/types.js';
import { MAX_RATE, SCENARIOS, type PointGenerator, type ScenarioName } from '../generator/index.js';
import type { CommandMessage } from '../stream/protocol.js';
import type { ClientConnection } from './client-connection.js';
import { describeValue, quoteForMessage, type ClientMessageError } from './client-messages.js';
import type { HostMetrics } from './host-metrics.js';
import { errorMessage, type Logger } from './logger.js';

/** How often collected points go out as one data message, in milliseconds. */
export const BATCH_INTERVAL_MS = 100;
/** How often host metrics are sampled, in milliseconds. */
export const HOST_SAMPLE_INTERVAL_MS = 1000;
/** Maximum number of points in one data message; a larger batch is split over several messages. */
export const MAX_POINTS_PER_MESSAGE = 1000;
/**
 * Bytes queued for one client above which its live batches are dropped instead of queued, so a
 * client that reads slower than the feed produces cannot grow the server's memory without bound.
 */
export const MAX_LIVE_BUFFERED_BYTES = 4 * 1024 * 1024;

/** The part of a client connection the live feed uses. */
export type LiveClient = Pick<
  ClientConnection,
  'id' | 'bufferedAmount' | 'sendPoints' | 'sendError'
>;

export interface LiveFeedOptions {
  generator?: PointGenerator;
  hostMetrics?: HostMetrics;
  logger: Logger;
}

/**
 * The live sources shared by every client: the generator runs on one clock and host metrics are
 * sampled once, so every connected client receives the same points. Each client still gets its
 * own `seq` numbers.
 */
export class LiveFeed {
  readonly #generator: PointGenerator | undefined;
  readonly #hostMetrics: HostMetrics | undefined;
  readonly #logger: Logger;
  readonly #clients = new Set<LiveClient>();
  /** Points dropped per client since its last `points_dropped` error message. */
  readonly #dropped = new Map<LiveClient, number>();
  #hostPoints: Point[] = [];
  #sampling = false;
  #batchTimer: NodeJS.Timeout | undefined;
  #hostTimer: NodeJS.Timeout | undefined;

  constructor(options: LiveFeedOptions) {
    this.#generator = options.generator;
    this.#hostMetrics = options.hostMetrics;
    this.#logger = options.logger;
  }

  /** Source names announced in the hello message. */
  get sources(): string[] {
    const sources: string[] = [];
    if (this.#generator !== undefined) sources.push('generator');
    if (this.#hostMetrics !== undefined) sources.push('host');
    return sources;
  }

  start(): void {
    // The first call starts the generator's clock at the current time.
    this.#generator?.next(Date.now());
    this.#batchTimer = setInterval(() => this.#flush(), BATCH_INTERVAL_MS);
    if (this.#hostMetrics !== undefined) {
      this.#hostTimer = setInterval(() => this.#sampleHost(), HOST_SAMPLE_INTERVAL_MS);
      this.#sampleHost();
    }
  }

  stop(): void {
    clearInterval(this.#batchTimer);
    clearInterval(this.#hostTimer);
  }

  add(client: LiveClient): void {
    this.#clients.add(client);
  }

  remove(client: LiveClient): void {
    this.#clients.delete(client);
    this.#dropped.delete(client);
  }

  /** Applies a `scenario` or `rate` command to the shared generator, so it changes the points of every client. */
  runCommand(command: CommandMessage): ClientMessageError | undefined {
    const generator = this.#generator;
    if (generator === undefined) {
      return {
        code: 'command_unavailable',
        message: 'This server runs no generator, so it has no scenario or rate to change.',
      };
    }
    const args = command.args ?? {};
    if (command.name === 'scenario') {
      const name = args.name;
      if (typeof name !== 'string' || !(SCENARIOS as readonly string[]).includes(name)) {
        const received = typeof name === 'string' ? quoteForMessage(name) : 'missing';
        return {
          code: 'invalid_command_args',
          message: `Scenario name is ${received}; send args {"name": one of ${SCENARIOS.join(', ')}}.`,
        };
      }
      generator.setScenario(name as ScenarioName);
      return undefined;
    }
    if (command.name === 'rate') {
      const rate = args.rate;
      if (typeof rate !== 'number' || !(rate > 0 && rate <= MAX_RATE)) {
        return {
          code: 'invalid_command_args',
          message: `Rate is ${describeValue(rate)}; send args {"rate": points per second above 0 and at most ${MAX_RATE}}.`,
        };
      }
      generator.setRate(rate);
      return undefined;
    }
    return {
      code: 'unknown_command',
      message: `Command ${quoteForMessage(command.name)} is unknown; the server accepts "scenario" and "rate".`,
    };
  }

  #sampleHost(): void {
    const hostMetrics = this.#hostMetrics;
    // A slow /proc read must not pile up overlapping samples.
    if (hostMetrics === undefined || this.#sampling) return;
    this.#sampling = true;
    hostMetrics
      .sample(Date.now())
      .then((points) => this.#hostPoints.push(...points))
      .catch((error: unknown) =>
        this.#logger.error('host_metrics_failed', { error: errorMessage(error) }),
      )
      .finally(() => {
        this.#sampling = false;
      });
  }

  #flush(): void {
    const now = Date.now();
    if (this.#clients.size === 0) {
      this.#hostPoints = [];
      this.#skipGenerator(now);
      return;
    }
    const points = this.#generator?.next(now) ?? [];
    if (this.#hostPoints.length > 0) {
      points.push(...this.#hostPoints);
      this.#hostPoints = [];
    }
    if (points.length === 0) return;
    for (let start = 0; start < points.length; start += MAX_POINTS_PER_MESSAGE) {
      const batch = points.slice(start, start + MAX_POINTS_PER_MESSAGE);
      // JSON.stringify writes NaN as null, which is how the protocol marks a gap.
      this.#broadcast(JSON.stringify(batch), batch.length);
    }
  }

  /**
   * Moves the generator's clock to `now` without building points that no client would receive. The
   * PointGenerator interface has no skipTo, so a generator without one generates and drops them.
   */
  #skipGenerator(now: number): void {
    const generator = this.#generator as
      (PointGenerator & { skipTo?(time: number): void }) | undefined;
    if (generator?.skipTo !== undefined) generator.skipTo(now);
    else generator?.next(now);
  }

  #broadcast(pointsJson: string, count: number): void {
    for (const client of this.#clients) {
      if (client.bufferedAmount > MAX_LIVE_BUFFERED_BYTES) {
        this.#dropped.set(client, (this.#dropped.get(client) ?? 0) + count);
        continue;
      }
      const dropped = this.#dropped.get(client);
      if (dropped !== undefined) {
        this.#dropped.delete(client);
        this.#logger.warn('points_dropped', { client: client.id, points: dropped });
        client.sendError(
          'points_dropped',
          `Dropped ${dropped} points because this connection read slower than the server produced them.`,
        );
      }
      client.sendPoints(pointsJson, count);
    }
  }
}
