import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebSocket, type RawData } from 'ws';
import type { DataMessage, ServerMessage } from '../../src/stream/protocol.js';

/** A message of type `T`; data messages are JSON rows, the encoding TestClient asks for. */
export type MessageOf<T extends ServerMessage['type']> = T extends 'data'
  ? DataMessage
  : Extract<ServerMessage, { type: T }>;

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NAB_FOLDER = fileURLToPath(
  new URL('../../../shared/datasets/nab/realAWSCloudwatch/', import.meta.url),
);
export const NAB_FILE = `${NAB_FOLDER}ec2_cpu_utilization_24ae8d.csv`;

const CLI = ['--import', 'tsx', 'src/server/cli.ts'];
const START_TIMEOUT_MS = 20_000;
const running = new Set<ChildProcess>();

export interface RunningServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Polls `condition` every 10 ms until it returns true, or rejects after `timeoutMs`. `refresh`,
 * when given, runs before each check, such as a request that updates what the condition reads.
 */
export async function waitUntil(
  condition: () => boolean,
  message: string,
  timeoutMs = 10_000,
  refresh?: () => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await refresh?.();
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await refresh?.();
  }
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Starts the server from source on a free port and resolves once it prints its URL. */
export function startServer(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, [...CLI, '--port', '0', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server printed no URL within ${START_TIMEOUT_MS} ms; stderr: ${stderr}`));
    }, START_TIMEOUT_MS);
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const match = /^Observatory demo: (http:\/\/[^\s]+:(\d+)\/)$/m.exec(stdout);
      if (match === null) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        port: Number(match[2]),
        child,
        stderr: () => stderr,
        stop: () => {
          child.kill('SIGTERM');
          return exitCode(child);
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code}; stderr: ${stderr}`));
    });
  });
}

/** Runs the CLI to completion and returns its exit code and output. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...CLI, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => {
    child.once('close', (code) => {
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Kills every child process a test started and did not stop; call it in an `after` hook. */
export async function killAll(): Promise<void> {
  const children = [...running];
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map(exitCode));
}

/** A WebSocket client that records every message the server sends. */
export class TestClient {
  readonly socket: WebSocket;
  readonly messages: ServerMessage[] = [];
  closeCode: number | undefined;

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('message', (data: RawData) =>
      this.messages.push(JSON.parse(data.toString()) as ServerMessage),
    );
    this.socket.on('close', (code) => {
      this.closeCode = code;
    });
  }

  /** Opens a client on the server's /ws endpoint and waits for the connection. */
  static async connect(server: { port: number }): Promise<TestClient> {
    const client = new TestClient(`ws://127.0.0.1:${server.port}/ws`);
    await new Promise<void>((resolve, reject) => {
      client.socket.once('open', () => resolve());
      client.socket.once('error', reject);
    });
    return client;
  }

  of<T extends ServerMessage['type']>(type: T): MessageOf<T>[] {
    return this.messages.filter((message) => message.type === type) as MessageOf<T>[];
  }

  async waitFor(
    condition: (client: TestClient) => boolean,
    message: string,
    timeoutMs?: number,
  ): Promise<void> {
    await waitUntil(() => condition(this), message, timeoutMs);
  }

  close(): void {
    this.socket.terminate();
  }
}
