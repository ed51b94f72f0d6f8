import { MAX_CAPACITY } from '../../core/store.js';
import type { Point } from '../../core/types.js';
import {
  createGenerator,
  DEFAULT_RATE,
  MAX_RATE,
  SCENARIOS,
  type ScenarioGenerator,
  type ScenarioName,
} from '../../generator/index.js';
import { MockSource } from '../../stream/mock-source.js';
import { ENCODINGS, type Encoding } from '../../stream/protocol.js';
import {
  DEFAULT_HEARTBEAT_TIMEOUT_MS,
  type ConnectionStatus,
} from '../../stream/websocket-source.js';
import { warnOnce } from '../shared/dev-warnings.js';
import type { ObsStatusChangeDetail, StreamFallback, StreamStatus } from './events.js';
import { DEFAULT_STALE_AFTER_MS } from './freshness.js';

/**
 * Returns whether `size` is a valid store capacity, after a development warning that names
 * the `current` capacity kept when it is not.
 */
export function checkBufferSize(size: number, current: number): boolean {
  if (Number.isInteger(size) && size >= 1 && size <= MAX_CAPACITY) return true;
  warnOnce(
    'stream-buffer-size',
    `<obs-stream> buffer-size must be an integer from 1 to ${MAX_CAPACITY}, got ${String(size)}; keeping ${current}`,
  );
  return false;
}

/** Returns the RangeError that `changeScenario` rejects with for an unknown scenario, or null. */
export function scenarioError(name: string): RangeError | null {
  if ((SCENARIOS as readonly string[]).includes(name)) return null;
  return new RangeError(
    `Unknown scenario '${String(name)}'; expected one of ${SCENARIOS.join(', ')}`,
  );
}

/** Shortest heartbeat timeout accepted; anything shorter would replace healthy connections. */
export const MIN_HEARTBEAT_TIMEOUT_MS = 100;

export const STATUS_LABELS: Record<StreamStatus, string> = {
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
  mock: 'Mock data',
  ended: 'Ended',
};

/**
 * Returns the element's status for a socket status. The generator feeds the store, and the
 * status is `mock`, when there is no url, or when `fallback` is `mock` and the socket is offline.
 */
export function deriveStatus(
  socket: ConnectionStatus,
  hasUrl: boolean,
  fallback: StreamFallback,
): ObsStatusChangeDetail {
  if (!hasUrl || (fallback === 'mock' && socket.state === 'offline')) return { status: 'mock' };
  if (socket.state === 'ended') return { status: 'ended' };
  if (socket.state === 'reconnecting') {
    return { status: 'reconnecting', attempt: socket.attempt, nextTryAt: socket.nextTryAt };
  }
  if (socket.state === 'offline') {
    return {
      status: 'offline',
      reason: socket.reason,
      attempt: socket.attempt,
      nextTryAt: socket.nextTryAt,
    };
  }
  return { status: socket.state };
}

/** Returns `encoding` when it is known; otherwise warns once and returns `binary`. */
export function checkedEncoding(encoding: string): Encoding {
  if ((ENCODINGS as readonly string[]).includes(encoding)) return encoding as Encoding;
  warnOnce(
    'stream-encoding',
    `<obs-stream> encoding '${encoding}' is unknown; expected one of ${ENCODINGS.join(', ')}; using binary`,
  );
  return 'binary';
}

/** Returns `timeout` when it is usable; otherwise warns once and returns the default. */
export function checkedHeartbeatTimeout(timeout: number): number {
  if (Number.isFinite(timeout) && timeout >= MIN_HEARTBEAT_TIMEOUT_MS) return timeout;
  warnOnce(
    'stream-heartbeat-timeout',
    `<obs-stream> heartbeat-timeout must be at least ${MIN_HEARTBEAT_TIMEOUT_MS} ms, got ${String(timeout)}; using ${DEFAULT_HEARTBEAT_TIMEOUT_MS}`,
  );
  return DEFAULT_HEARTBEAT_TIMEOUT_MS;
}

/**
 * Returns `staleAfter` when it is a finite number of milliseconds, 0 or more, where 0 turns
 * staleness off. Otherwise warns once and returns the default. Null, as after removing the
 * attribute, returns the default without a warning.
 */
export function checkedStaleAfter(staleAfter: number | null | undefined): number {
  if (staleAfter === null || staleAfter === undefined) return DEFAULT_STALE_AFTER_MS;
  if (Number.isFinite(staleAfter) && staleAfter >= 0) return staleAfter;
  warnOnce(
    'stream-stale-after',
    `<obs-stream> stale-after must be a number of milliseconds, 0 or more (0 turns staleness off), got ${String(staleAfter)}; using ${DEFAULT_STALE_AFTER_MS}`,
  );
  return DEFAULT_STALE_AFTER_MS;
}

/** Applies a valid scenario and rate to the generator, and warns once about invalid ones. */
export function applyGeneratorOptions(
  generator: ScenarioGenerator,
  scenario: ScenarioName,
  rate: number,
): void {
  if ((SCENARIOS as readonly string[]).includes(scenario)) {
    if (generator.scenario !== scenario) generator.setScenario(scenario);
  } else {
    warnOnce(
      'stream-scenario',
      `<obs-stream> scenario '${String(scenario)}' is unknown; expected one of ${SCENARIOS.join(', ')}`,
    );
  }
  if (Number.isFinite(rate) && rate > 0 && rate <= MAX_RATE) {
    if (generator.rate !== rate) generator.setRate(rate);
  } else {
    warnOnce(
      'stream-rate',
      `<obs-stream> rate must be a number of points per second above 0 and at most ${MAX_RATE}, got ${String(rate)}`,
    );
  }
}

let nextMockId = 0;

/** Creates the generator of an `<obs-stream>` and the timer that feeds its points to `onPoints`. */
export function createMockSource(onPoints: (points: Point[]) => void): {
  generator: ScenarioGenerator;
  mock: MockSource;
} {
  // Its own id prefix keeps mock points from colliding with a server that runs the same generator.
  const generator = createGenerator({ rate: DEFAULT_RATE, idPrefix: `obs-mock-${nextMockId++}-` });
  return { generator, mock: new MockSource({ generator, onPoints }) };
}

/**
 * Reads a numeric attribute as Lit's Number converter does, except that an empty value reads as
 * NaN rather than 0, so `stale-after=""` is reported as invalid instead of turning staleness off.
 */
export const emptyAsNaN = {
  fromAttribute: (value: string | null) =>
    value === null ? null : value.trim() === '' ? NaN : Number(value),
};
