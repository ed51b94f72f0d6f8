/** Severity of a log record. */
export type LogLevel = 'info' | 'warn' | 'error';

/** Extra fields of a log record. Values must be JSON-serializable. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Writes one-line JSON log records. The server writes them to stderr so stdout stays free for the URL line. */
export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  /** Records of one event written per window; later ones are counted, not written. Default 50. */
  maxPerWindow?: number;
  /** Length of the rate-limit window in milliseconds. Default 10,000. */
  windowMs?: number;
  now?: () => number;
}

interface EventWindow {
  startedAt: number;
  written: number;
  suppressed: number;
}

/**
 * Creates a logger that writes each record as one JSON line, such as
 * `{"time":"2024-05-01T12:00:00.000Z","level":"info","event":"client_connected","client":3}`.
 *
 * Each event name may write `maxPerWindow` records per window, so a flood of bad messages or
 * reconnects cannot fill the disk. The first record of the next window of that event is
 * preceded by a `log_suppressed` record with the count of records left out.
 */
export function createLogger(
  write: (line: string) => void = (line) => process.stderr.write(line),
  options: LoggerOptions = {},
): Logger {
  const maxPerWindow = options.maxPerWindow ?? 50;
  const windowMs = options.windowMs ?? 10_000;
  const now = options.now ?? Date.now;
  const windows = new Map<string, EventWindow>();
  const emit = (level: LogLevel, event: string, fields: LogFields) => {
    const record = { time: new Date(now()).toISOString(), level, event, ...fields };
    write(`${JSON.stringify(record)}\n`);
  };
  const log = (level: LogLevel, event: string, fields: LogFields = {}) => {
    const time = now();
    let window = windows.get(event);
    if (window === undefined || time - window.startedAt >= windowMs) {
      if (window !== undefined && window.suppressed > 0) {
        emit('warn', 'log_suppressed', {
          suppressedEvent: event,
          suppressed: window.suppressed,
          windowMs,
        });
      }
      window = { startedAt: time, written: 0, suppressed: 0 };
      windows.set(event, window);
    }
    if (window.written >= maxPerWindow) {
      window.suppressed++;
      return;
    }
    window.written++;
    emit(level, event, fields);
  };
  return {
    info: (event, fields) => log('info', event, fields),
    warn: (event, fields) => log('warn', event, fields),
    error: (event, fields) => log('error', event, fields),
  };
}

/** Returns the message of a caught value for a log field. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
