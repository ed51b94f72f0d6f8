import type { ServerMessage } from '../../stream/protocol.js';
import type { WebSocketSource } from '../../stream/websocket-source.js';

/** Milliseconds a command waits for its `ack` or `error` before it is rejected. */
export const COMMAND_TIMEOUT_MS = 10_000;

/** A command the server rejected, or that could not be sent. `code` is the server's error code. */
export class CommandError extends Error {
  override name = 'CommandError';
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

interface Pending {
  resolve(): void;
  reject(error: CommandError): void;
  timer: ReturnType<typeof setTimeout>;
}

/** Sends commands with ids and settles each one's promise when its `ack` or `error` arrives. */
export class CommandChannel {
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  /** Sends a command; the promise resolves on `ack` and rejects with a CommandError. */
  send(
    socket: WebSocketSource | null,
    name: string,
    args: Record<string, unknown> = {},
  ): Promise<void> {
    const id = this.#nextId++;
    return new Promise<void>((resolve, reject) => {
      if (socket === null || !socket.send({ type: 'command', name, args, id })) {
        reject(
          new CommandError(
            'not_connected',
            `cannot send command '${name}': the stream is not live`,
          ),
        );
        return;
      }
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(
          new CommandError(
            'timed_out',
            `command '${name}' got no answer within ${COMMAND_TIMEOUT_MS} ms`,
          ),
        );
      }, COMMAND_TIMEOUT_MS);
      this.#pending.set(id, { resolve, reject, timer });
    });
  }

  /** Settles the command that `message` replies to. Returns false when it replies to none. */
  settle(message: ServerMessage): boolean {
    if (message.type !== 'ack' && message.type !== 'error') return false;
    if (typeof message.id !== 'number') return false;
    const pending = this.#pending.get(message.id);
    if (pending === undefined) return false;
    this.#pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.type === 'ack') pending.resolve();
    else pending.reject(new CommandError(message.code, message.message));
    return true;
  }

  /** Rejects every waiting command, because its connection is gone. */
  rejectAll(reason: string): void {
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new CommandError('disconnected', reason));
    }
    this.#pending.clear();
  }
}
