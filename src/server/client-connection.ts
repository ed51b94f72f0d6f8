import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, type ServerMessage } from '../stream/protocol.js';

/** Called once a frame has been written to the socket, or with the error that stopped it. */
export type WriteCallback = (error?: Error | null) => void;

/**
 * One WebSocket client and its outbound sequence. `seq` counts the data and end messages sent
 * on this connection, starting at 1, so a client can tell a missing message from a late one.
 */
export class ClientConnection {
  readonly id: number;
  readonly remoteAddress: string;
  readonly #socket: WebSocket;
  #seq = 0;
  #sentPoints = 0;

  constructor(id: number, socket: WebSocket, remoteAddress: string) {
    this.id = id;
    this.#socket = socket;
    this.remoteAddress = remoteAddress;
  }

  get isOpen(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  /** Bytes queued for this client and not yet handed to the operating system. */
  get bufferedAmount(): number {
    return this.#socket.bufferedAmount;
  }

  /** Points sent on this connection so far. */
  get sentPoints(): number {
    return this.#sentPoints;
  }

  sendHello(sources: string[]): void {
    this.#send({ type: 'hello', protocol: PROTOCOL_VERSION, sources });
  }

  /**
   * Sends one data message. `pointsJson` is the JSON text of the points array, built once by
   * the caller and shared between clients, so a batch is serialized once however many listen.
   */
  sendPoints(pointsJson: string, count: number, onWritten?: WriteCallback): void {
    if (!this.isOpen) return;
    this.#seq++;
    this.#sentPoints += count;
    this.#socket.send(`{"type":"data","seq":${this.#seq},"points":${pointsJson}}`, onWritten);
  }

  sendEnd(): void {
    this.#seq++;
    this.#send({ type: 'end', seq: this.#seq, total: this.#sentPoints });
  }

  sendError(code: string, message: string): void {
    this.#send({ type: 'error', code, message });
  }

  close(code: number, reason: string): void {
    this.#socket.close(code, reason);
  }

  #send(message: ServerMessage): void {
    if (this.isOpen) this.#socket.send(JSON.stringify(message));
  }
}
