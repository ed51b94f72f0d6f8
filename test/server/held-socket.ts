import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../src/stream/protocol.js';

/**
 * A stand-in for a ws socket whose queue drains only when the test says so, so tests control
 * `bufferedAmount` the way a slow network would.
 */
export class HeldSocket {
  readyState = 1;
  bufferedAmount = 0;
  maxBuffered = 0;
  readonly frames: (string | Buffer)[] = [];
  readonly #pending: { bytes: number; callback?: (error?: Error | null) => void }[] = [];

  asWebSocket(): WebSocket {
    return this as unknown as WebSocket;
  }

  send(data: string | Buffer, callback?: (error?: Error | null) => void): void {
    this.frames.push(data);
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    this.bufferedAmount += bytes;
    this.maxBuffered = Math.max(this.maxBuffered, this.bufferedAmount);
    this.#pending.push({ bytes, callback });
  }

  close(): void {
    this.readyState = 3;
  }

  /** Completes the oldest outstanding write. */
  drainOne(): void {
    const write = this.#pending.shift();
    if (write === undefined) return;
    this.bufferedAmount -= write.bytes;
    write.callback?.(null);
  }

  drainAll(): void {
    while (this.#pending.length > 0) this.drainOne();
  }

  /** The text frames parsed as messages, in order. */
  messages(): ServerMessage[] {
    return this.frames
      .filter((frame): frame is string => typeof frame === 'string')
      .map((frame) => JSON.parse(frame) as ServerMessage);
  }

  /** Ids of every point sent as JSON rows, in order. */
  pointIds(): string[] {
    return this.messages().flatMap((message) =>
      message.type === 'data' && 'points' in message
        ? message.points.map((point) => (point as { id: string }).id)
        : [],
    );
  }
}
