import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { createGenerator } from '../generator/index.js';
import { HostMetrics } from './host-metrics.js';
import { LiveFeed } from './live-feed.js';
import { createLogger, errorMessage, type Logger } from './logger.js';
import { HELP_TEXT, parseServerOptions, UsageError, type ServerOptions } from './options.js';
import { findPackageRoot } from './package-root.js';
import { ReplayFileError } from './replay-csv.js';
import { loadReplayPlan, type ReplayPlan } from './replay-files.js';
import { Retention } from './retention.js';
import { openRetention, type RetentionLog } from './retention-log.js';
import { startObservatoryServer, type ObservatoryServer } from './server.js';
import { ServerStringTable } from './string-table.js';

/** Exit code for an invalid command line or replay file, as distinct from a failure while running. */
const EXIT_USAGE = 2;
const EXIT_FAILURE = 1;

/**
 * Prints one line to stderr and exits; used before the server starts, when no log records exist
 * yet. Control characters from arguments or file contents are escaped so the message stays one line.
 */
function fail(message: string, code: number): never {
  const oneLine = message.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  process.stderr.write(`observatory-server: ${oneLine}\n`);
  process.exit(code);
}

async function readOptions(): Promise<{ options: ServerOptions; plan?: ReplayPlan }> {
  let options: ServerOptions;
  try {
    options = parseServerOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError) fail(error.message, EXIT_USAGE);
    throw error;
  }
  if (options.help) {
    process.stdout.write(HELP_TEXT);
    process.exit(0);
  }
  if (options.replay.length === 0) return { options };
  try {
    return { options, plan: await loadReplayPlan(options.replay) };
  } catch (error) {
    if (error instanceof ReplayFileError) fail(error.message, EXIT_USAGE);
    throw error;
  }
}

interface LiveSetup {
  live: LiveFeed;
  stream: string;
  log?: RetentionLog;
}

/** Creates the retention, restored from --state-dir when given, and the live feed that fills it. */
function createLiveFeed(options: ServerOptions, logger: Logger): LiveSetup {
  // A random seed gives each run its own point ids, so a client that reconnects to a restarted
  // server does not drop the new points as duplicates of the old ones.
  const seed = Math.floor(Math.random() * 2 ** 31);
  const generator = createGenerator({ scenario: options.scenario, rate: options.rate, seed });
  let retention: Retention;
  let stream: string;
  let log: RetentionLog | undefined;
  if (options.stateDir === undefined) {
    retention = new Retention(options.retain, new ServerStringTable());
    stream = `live-${randomBytes(8).toString('hex')}`;
  } else {
    try {
      const restored = openRetention(options.stateDir, options.retain, logger);
      ({ retention, stream, log } = restored);
      logger.info('retention_restored', {
        stateDir: options.stateDir,
        stream,
        points: restored.restored,
        lastSeq: retention.lastSeq,
      });
    } catch (error) {
      fail(`Cannot use --state-dir ${options.stateDir}: ${errorMessage(error)}`, EXIT_USAGE);
    }
  }
  let hostMetrics: HostMetrics | undefined;
  if (options.hostMetrics && existsSync('/proc/stat')) {
    hostMetrics = new HostMetrics({ hostname: hostname(), logger });
  } else if (options.hostMetrics) {
    logger.warn('host_metrics_unavailable', {
      reason: '/proc/stat not found; host metrics need Linux /proc',
    });
  }
  const live = new LiveFeed({
    generator,
    hostMetrics,
    logger,
    retention,
    onAppend: log === undefined ? undefined : (batch) => log.append(batch),
  });
  return { live, stream, log };
}

function explainListenError(error: unknown, options: ServerOptions): string {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') {
    return `Port ${options.port} on ${options.host} is already in use; pass --port with a free port, or --port 0 to pick one.`;
  }
  if (code === 'EACCES') {
    return `Permission denied to listen on port ${options.port}; ports below 1024 need privileges, so pass --port 8080 or higher.`;
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return `Cannot listen on host ${options.host}: it is not an address of this machine; pass --host 127.0.0.1 or 0.0.0.0.`;
  }
  return `Failed to listen on ${options.host}:${options.port}: ${errorMessage(error)}`;
}

function handleSignals(server: ObservatoryServer, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn('server_forced_exit', { signal });
      process.exit(EXIT_FAILURE);
    }
    stopping = true;
    logger.info('server_stopping', { signal });
    server
      .close()
      .then(() => {
        logger.info('server_stopped', { signal });
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error('server_stop_failed', { error: errorMessage(error) });
        process.exit(EXIT_FAILURE);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const { options, plan } = await readOptions();
  const logger = createLogger();
  process.on('uncaughtException', (error) => {
    logger.error('server_crashed', { error: errorMessage(error), stack: error.stack });
    process.exit(EXIT_FAILURE);
  });
  const setup = plan === undefined ? createLiveFeed(options, logger) : undefined;
  const live = setup?.live;
  let server: ObservatoryServer;
  try {
    server = await startObservatoryServer({
      host: options.host,
      port: options.port,
      root: findPackageRoot(),
      logger,
      live,
      replay: plan === undefined ? undefined : { plan, speed: options.speed, loop: options.loop },
      stream: setup?.stream ?? plan?.stream ?? 'none',
      durable: setup?.log !== undefined,
      allowOrigins: options.allowOrigins,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs,
      controlToken: options.controlToken,
    });
  } catch (error) {
    fail(explainListenError(error, options), EXIT_FAILURE);
  }
  logger.info('server_started', {
    url: server.url,
    host: options.host,
    port: server.port,
    sources: plan === undefined ? live?.sources.join(',') : 'replay',
    replayFiles: plan?.series.length,
    replayPoints: plan?.count,
    speed: plan === undefined ? undefined : String(options.speed),
    loop: plan === undefined ? undefined : options.loop,
    stream: setup?.stream ?? plan?.stream,
    retain: plan === undefined ? options.retain : undefined,
    stateDir: options.stateDir,
    controlToken: options.controlToken !== undefined,
  });
  process.stdout.write(`Observatory demo: ${server.url}\n`);
  handleSignals(server, logger);
}

main().catch((error: unknown) => fail(errorMessage(error), EXIT_FAILURE));
