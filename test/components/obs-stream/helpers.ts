import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/obs-stream.js';
import type {
  ObsGapDetail,
  ObsInvalidDataDetail,
  ObsStream,
  ObsStatusChangeDetail,
} from '../../../src/components/obs-stream/obs-stream.js';

interface MochaGlobals {
  describe(title: string, body: () => void): void;
  it(title: string, body: () => Promise<void> | void): void;
}

// NOTE: The project has no @types/mocha, so typed aliases of the runner's globals stand in.
export const { describe, it } = globalThis as unknown as MochaGlobals;

let port: number | undefined;
let keys = 0;

/** Port of the scripted WebSocket server that test/support/ws-test-server.mjs starts. */
async function testServerPort(): Promise<number> {
  if (port === undefined) {
    const response = await fetch('/__ws-test-port');
    port = ((await response.json()) as { port: number }).port;
  }
  return port;
}

export interface Scripted {
  url: string;
  key: string;
}

/** Returns a URL of the scripted server for `testCase`, with a key no other test uses. */
export async function scriptedUrl(testCase: string): Promise<Scripted> {
  const key = `t${Date.now()}-${keys++}`;
  const url = `ws://127.0.0.1:${await testServerPort()}/scripted?case=${testCase}&key=${key}`;
  return { url, key };
}

export interface Connections {
  /** Sockets of the key open now. */
  open: number;
  /** Sockets of the key accepted in all. */
  total: number;
  /** Query string of each connection, oldest first. */
  queries: string[];
}

/** Fetches what the server knows of the sockets of `key`. */
export async function serverConnections(key: string): Promise<Connections> {
  const response = await fetch(`/__ws-test/connections?key=${key}`);
  return (await response.json()) as Connections;
}

/** Makes the server accept connections of `key` under case=refuse. */
export async function acceptConnections(key: string): Promise<void> {
  await fetch(`/__ws-test/accept?key=${key}`);
}

/** Makes the server close every socket of `key`. */
export async function dropConnections(key: string): Promise<void> {
  await fetch(`/__ws-test/drop?key=${key}`);
}

export interface Observed {
  element: ObsStream;
  statuses: ObsStatusChangeDetail[];
  invalid: ObsInvalidDataDetail[];
  gaps: ObsGapDetail[];
}

/**
 * Renders an `<obs-stream>` with the given attributes inside a wrapper that
 * records its events from the start, so no early event is missed.
 */
export async function renderStream(attributes: Record<string, string> = {}): Promise<Observed> {
  const statuses: ObsStatusChangeDetail[] = [];
  const invalid: ObsInvalidDataDetail[] = [];
  const gaps: ObsGapDetail[] = [];
  const wrapper = await fixture<HTMLDivElement>(html`
    <div
      @obs-status-change=${(event: CustomEvent<ObsStatusChangeDetail>) => statuses.push(event.detail)}
      @obs-invalid-data=${(event: CustomEvent<ObsInvalidDataDetail>) => invalid.push(event.detail)}
      @obs-gap=${(event: CustomEvent<ObsGapDetail>) => gaps.push(event.detail)}
    ></div>
  `);
  const element = document.createElement('obs-stream');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  wrapper.append(element);
  await element.updateComplete;
  return { element, statuses, invalid, gaps };
}

export function waitForStatus(element: ObsStream, status: string, timeout = 5000): Promise<void> {
  return waitUntil(
    () => element.getAttribute('status') === status,
    `status never became ${status}`,
    {
      timeout,
    },
  );
}

export function waitForSize(element: ObsStream, size: number): Promise<void> {
  return waitUntil(() => element.store.size >= size, `store never held ${size} points`, {
    timeout: 5000,
  });
}

/** Returns every point the store contains, oldest first. */
export function storedPoints(element: ObsStream) {
  const { store } = element;
  const points = [];
  for (let row = store.start; row < store.end; row++) points.push(store.pointAt(row));
  return points;
}
