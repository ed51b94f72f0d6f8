import { parseArgs } from 'node:util';
import { checkScenario, MAX_RATE, SCENARIOS, type ScenarioName } from '../generator/index.js';
import { DEFAULT_RETAIN } from './retention.js';
import { DEFAULT_HEARTBEAT_TIMEOUT_MS } from './stream-endpoint.js';

export const DEFAULT_PORT = 8080;
/** Most points --retain accepts: 40 bytes each, so 400 MB of retention. */
export const MAX_RETAIN = 10_000_000;
export const MIN_HEARTBEAT_TIMEOUT_MS = 1000;
export const MAX_HEARTBEAT_TIMEOUT_MS = 600_000;
/** Environment variable read for the control token, which keeps it out of the process list. */
export const CONTROL_TOKEN_VARIABLE = 'OBSERVATORY_CONTROL_TOKEN';
/** Loopback by default, because the WebSocket accepts control commands from any client that reaches it. */
export const DEFAULT_HOST = '127.0.0.1';

/** Settings of one server run, read from the command line and the environment. */
export interface ServerOptions {
  port: number;
  host: string;
  scenario?: ScenarioName;
  /** Generator points per second over all series; undefined keeps the generator's default. */
  rate?: number;
  /** CSV files or folders to replay instead of the generator and host metrics. */
  replay: string[];
  /** Replay speed as a multiple of real time, or 'max' to send as fast as each client reads. */
  speed: number | 'max';
  /** Start a replay again after its last point. */
  loop: boolean;
  hostMetrics: boolean;
  /** Browser origins allowed to open the WebSocket besides the server's own; empty allows every origin. */
  allowOrigins: string[];
  /** Live points kept for clients that resume. */
  retain: number;
  /** Folder that keeps the retention and the stream id across restarts; unset keeps them in memory. */
  stateDir?: string;
  heartbeatTimeoutMs: number;
  /** Token that commands need; unset lets every client send commands. */
  controlToken?: string;
  help: boolean;
}

/** An invalid command line or environment. The message is one line that names the value and the fix. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const HELP_TEXT = `Usage: observatory-server [options]

Serves the Observatory demo dashboard over HTTP and streams points over a
WebSocket at /ws on the same port.

Options:
  --port N            TCP port to listen on, 0 to 65535; 0 picks a free port.
                      Default: the PORT environment variable, else ${DEFAULT_PORT}.
  --host ADDRESS      Address to listen on. Default: ${DEFAULT_HOST} (this machine only);
                      use 0.0.0.0 to accept connections from other machines.
  --scenario NAME     Generator scenario: ${SCENARIOS.join(', ')}.
                      Default: normal.
  --rate N            Generator points per second over all series. Default: 50.
  --no-host-metrics   Do not stream this machine's CPU, memory, load and network
                      metrics beside the generator.
  --replay PATH       Replay a CSV file (header timestamp,value) or every .csv file
                      in a folder instead of the generator. Repeat to replay more.
  --speed N|max       Replay speed as a multiple of real time (300 plays five
                      minutes per second), or max to send as fast as each client
                      reads. Default: max.
  --loop              Start the replay again after its last point, with later
                      timestamps and new ids, instead of ending it.
  --retain N          Live points kept so clients that reconnect get what they
                      missed, 1 to ${MAX_RETAIN}. Memory: 40 bytes per point.
                      Default: ${DEFAULT_RETAIN}.
  --state-dir DIR     Keep the retained points and the stream id in DIR, so clients
                      resume without loss from a restarted server. Default: memory
                      only, lost on restart.
  --heartbeat-timeout MS
                      Milliseconds of silence after which a client counts as dead,
                      ${MIN_HEARTBEAT_TIMEOUT_MS} to ${MAX_HEARTBEAT_TIMEOUT_MS}. Heartbeats go out every quarter of it.
                      Default: ${DEFAULT_HEARTBEAT_TIMEOUT_MS}.
  --control-token T   Require token T (an auth message) before a client may send
                      commands; others stay read-only. Default: the
                      ${CONTROL_TOKEN_VARIABLE} environment variable, else no token.
  --allow-origin URL  Accept WebSocket connections from browser pages of this origin,
                      such as https://portal.example.com, and from the server's own
                      pages only. Repeat for more. Default: accept every origin.
  -h, --help          Print this help and exit.
`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  scenario: { type: 'string' },
  rate: { type: 'string' },
  'no-host-metrics': { type: 'boolean' },
  replay: { type: 'string', multiple: true },
  speed: { type: 'string' },
  loop: { type: 'boolean' },
  'allow-origin': { type: 'string', multiple: true },
  retain: { type: 'string' },
  'state-dir': { type: 'string' },
  'heartbeat-timeout': { type: 'string' },
  'control-token': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const STRING_OPTIONS = [
  '--port',
  '--host',
  '--scenario',
  '--rate',
  '--replay',
  '--speed',
  '--allow-origin',
  '--retain',
  '--state-dir',
  '--heartbeat-timeout',
  '--control-token',
];
const DEFAULTS: ServerOptions = {
  port: DEFAULT_PORT,
  host: DEFAULT_HOST,
  replay: [],
  speed: 'max',
  loop: false,
  hostMetrics: true,
  allowOrigins: [],
  retain: DEFAULT_RETAIN,
  heartbeatTimeoutMs: DEFAULT_HEARTBEAT_TIMEOUT_MS,
  help: false,
};
const HELP_HINT = 'Run observatory-server --help to list the options.';

/**
 * Parses command-line arguments (without the node and script paths) and the environment.
 * Throws a UsageError whose message names the bad value and how to fix it.
 */
export function parseServerOptions(argv: string[], env: NodeJS.ProcessEnv = {}): ServerOptions {
  const values = parseOrExplain(joinNegativeValues(argv));
  if (values.help === true) return { ...DEFAULTS, help: true };
  const replay = values.replay ?? [];
  if (replay.length > 0 && values.scenario !== undefined) {
    throw new UsageError(
      '--scenario has no effect with --replay, which streams only the replayed files; remove one of them.',
    );
  }
  if (replay.length > 0 && values.rate !== undefined) {
    throw new UsageError(
      '--rate has no effect with --replay, which plays at --speed; remove --rate or use --speed.',
    );
  }
  if (replay.length === 0 && values.speed !== undefined) {
    throw new UsageError('--speed applies only to --replay; add --replay PATH or remove --speed.');
  }
  if (replay.length === 0 && values.loop === true) {
    throw new UsageError('--loop applies only to --replay; add --replay PATH or remove --loop.');
  }
  for (const option of ['retain', 'state-dir'] as const) {
    if (replay.length > 0 && values[option] !== undefined) {
      throw new UsageError(
        `--${option} has no effect with --replay, which can always resume from the files; remove --${option}.`,
      );
    }
  }
  if (values['state-dir'] !== undefined && values['state-dir'].trim() === '') {
    throw new UsageError('--state-dir needs a folder path, got an empty value.');
  }
  for (const path of replay) {
    if (path.trim() === '') {
      throw new UsageError('--replay needs a file or folder path, got an empty value.');
    }
  }
  return {
    port: readPort(values.port, env.PORT),
    host: readHost(values.host),
    scenario: values.scenario === undefined ? undefined : readScenario(values.scenario),
    rate: values.rate === undefined ? undefined : readRate(values.rate),
    replay,
    speed: values.speed === undefined ? 'max' : readSpeed(values.speed),
    loop: values.loop === true,
    hostMetrics: values['no-host-metrics'] !== true,
    allowOrigins: (values['allow-origin'] ?? []).map(readOrigin),
    retain: values.retain === undefined ? DEFAULT_RETAIN : readRetain(values.retain),
    stateDir: values['state-dir'],
    heartbeatTimeoutMs:
      values['heartbeat-timeout'] === undefined
        ? DEFAULT_HEARTBEAT_TIMEOUT_MS
        : readHeartbeatTimeout(values['heartbeat-timeout']),
    controlToken: readControlToken(values['control-token'], env[CONTROL_TOKEN_VARIABLE]),
    help: false,
  };
}

function readRetain(text: string): number {
  const retain = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(retain >= 1 && retain <= MAX_RETAIN)) {
    throw new UsageError(
      `--retain is '${text}', but it must be a whole number of points from 1 to ${MAX_RETAIN}.`,
    );
  }
  return retain;
}

function readHeartbeatTimeout(text: string): number {
  const timeout = parseDecimal(text);
  if (!(timeout >= MIN_HEARTBEAT_TIMEOUT_MS && timeout <= MAX_HEARTBEAT_TIMEOUT_MS)) {
    throw new UsageError(
      `--heartbeat-timeout is '${text}', but it must be milliseconds from ${MIN_HEARTBEAT_TIMEOUT_MS} to ${MAX_HEARTBEAT_TIMEOUT_MS}.`,
    );
  }
  return timeout;
}

/** Reads the control token from the option, else the environment. The message never quotes it. */
function readControlToken(
  flag: string | undefined,
  fromEnv: string | undefined,
): string | undefined {
  const token = flag ?? (fromEnv === '' ? undefined : fromEnv);
  if (token !== undefined && token.trim().length < 8) {
    throw new UsageError(
      'The control token must be at least 8 characters without surrounding spaces; pass a longer --control-token.',
    );
  }
  return token?.trim();
}

/**
 * Rewrites `--rate -5` as `--rate=-5`. Otherwise parseArgs reads `-5` as an unknown short
 * option, and the user sees a message about option syntax instead of one about the value.
 */
function joinNegativeValues(argv: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (STRING_OPTIONS.includes(argv[i]) && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${argv[i]}=${next}`);
      i++;
    } else {
      joined.push(argv[i]);
    }
  }
  return joined;
}

function parseOrExplain(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false })
      .values;
  } catch (error) {
    throw new UsageError(explainParseError(error));
  }
}

/** Turns a parseArgs error, whose message can span several lines, into one line with the fix. */
function explainParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'(?:-\w, )?([^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `Unknown option ${quoted}. ${HELP_HINT}`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return `Unexpected argument '${quoted}': observatory-server takes only options (to replay a file, pass --replay ${quoted}). ${HELP_HINT}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /does not take an argument/.test(message)) {
    return `Option ${quoted} takes no value; remove the value after it.`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return `Option ${quoted} is missing its value, such as ${quoted} ${exampleValue(quoted)}. ${HELP_HINT}`;
  }
  return `${message.split('\n')[0]} ${HELP_HINT}`;
}

function exampleValue(option: string): string {
  const examples: Record<string, string> = {
    '--port': '8080',
    '--host': '127.0.0.1',
    '--scenario': 'high_load',
    '--rate': '100',
    '--replay': 'data.csv',
    '--speed': '60',
    '--allow-origin': 'https://portal.example.com',
    '--retain': '100000',
    '--state-dir': 'observatory-state',
    '--heartbeat-timeout': '10000',
    '--control-token': 'a-long-secret',
  };
  return examples[option] ?? 'VALUE';
}

function readPort(flag: string | undefined, fromEnv: string | undefined): number {
  if (flag !== undefined) return checkPort(flag, '--port');
  if (fromEnv !== undefined && fromEnv !== '')
    return checkPort(fromEnv, 'The PORT environment variable');
  return DEFAULT_PORT;
}

function checkPort(text: string, label: string): number {
  const port = /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UsageError(
      `${label} is '${text}', but a port must be a whole number from 0 to 65535 (0 picks a free port).`,
    );
  }
  return port;
}

function readHost(text: string | undefined): string {
  if (text === undefined) return DEFAULT_HOST;
  const host = text.trim();
  if (host === '' || /[\s/]/.test(host)) {
    throw new UsageError(
      `--host is '${text}', but it must be an IP address or host name such as 127.0.0.1 or 0.0.0.0.`,
    );
  }
  return host;
}

function readScenario(text: string): ScenarioName {
  try {
    return checkScenario(text);
  } catch {
    throw new UsageError(
      `--scenario is '${text}', an unknown scenario; use one of ${SCENARIOS.join(', ')}.`,
    );
  }
}

function readRate(text: string): number {
  const rate = parseDecimal(text);
  if (!(rate > 0 && rate <= MAX_RATE)) {
    throw new UsageError(
      `--rate is '${text}', but it must be a number of points per second above 0 and at most ${MAX_RATE}.`,
    );
  }
  return rate;
}

function readSpeed(text: string): number | 'max' {
  if (text.trim().toLowerCase() === 'max') return 'max';
  const speed = parseDecimal(text);
  if (!(speed > 0) || !Number.isFinite(speed)) {
    throw new UsageError(
      `--speed is '${text}', but it must be a positive multiple of real time, such as 1 or 60, or max.`,
    );
  }
  return speed;
}

/**
 * Reads an origin (scheme, host and optional port) and returns it in the form a browser sends
 * in the Origin header, such as `https://portal.example.com`.
 */
function readOrigin(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const isOrigin =
    url !== undefined &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '';
  if (url === undefined || !isOrigin) {
    throw new UsageError(
      `--allow-origin is '${text}', but it must be an http or https origin without a path, such as https://portal.example.com or http://localhost:3000.`,
    );
  }
  return url.origin;
}

/** Parses a plain decimal such as `12`, `0.5` or `1e3`; returns NaN for anything else, including hex and blanks. */
function parseDecimal(text: string): number {
  const trimmed = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : NaN;
}
