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

/**
 * Creates a logger that writes each record as one JSON line, such as
 * `{"time":"2024-05-01T12:00:00.000Z","level":"info","event":"client_connected","client":3}`.
 */
export function createLogger(
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const log = (level: LogLevel, event: string, fields: LogFields = {}) => {
    const record = { time: new Date().toISOString(), level, event, ...fields };
    write(`${JSON.stringify(record)}\n`);
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
