import { html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { DEFAULT_CAPACITY, Store } from '../../core/store.js';
import { DEFAULT_RATE, type ScenarioGenerator, type ScenarioName } from '../../generator/index.js';
import type { MockSource } from '../../stream/mock-source.js';
import type { Encoding, ServerMessage } from '../../stream/protocol.js';
import {
  DEFAULT_HEARTBEAT_TIMEOUT_MS,
  type ConnectionStatus,
  type WebSocketSource,
} from '../../stream/websocket-source.js';
import { warnOnce } from '../shared/dev-warnings.js';
import { CommandChannel } from './command-channel.js';
import type {
  ObsStatusChangeDetail,
  StreamEventDetails,
  StreamFallback,
  StreamStatus,
} from './events.js';
import { DEFAULT_STALE_AFTER_MS, FreshnessClock } from './freshness.js';
import { PointIntake, type IntakeResult } from './point-intake.js';
import {
  applyGeneratorOptions,
  checkBufferSize,
  checkedStaleAfter,
  createMockSource,
  deriveStatus,
  emptyAsNaN,
  scenarioError,
} from './stream-options.js';
import {
  createStreamSocket,
  resumePointOf,
  socketSettings,
  type ResumePoint,
} from './stream-socket.js';
import { renderStatus } from './status-view.js';
import { streamStyles } from './styles.js';

export type {
  ObsEndDetail,
  ObsGapDetail,
  ObsInvalidDataDetail,
  InvalidSample,
  ObsServerErrorDetail,
  ObsStaleChangeDetail,
  ObsStatusChangeDetail,
  StreamFallback,
  StreamStatus,
} from './events.js';
export type { IntakeResult } from './point-intake.js';
export { CommandError } from './command-channel.js';

/**
 * The data source of a dashboard: it owns a Store and fills it from a
 * WebSocket, or from the built-in generator when no `url` is set.
 *
 * Every incoming point is validated. Invalid points and unusable messages are
 * counted and reported in `obs-invalid-data`, and the valid points of the same
 * message are kept. JSON rows and generated points reach the store at most once per animation
 * frame (or every 500 ms in a background tab, which gets no frames). Columnar and binary data
 * are appended as each message arrives, without a point object per row.
 * Charts and grids placed inside the element find its store on their own.
 *
 * After a reconnect the element asks the server to resume after the last point it applied,
 * so nothing arrives twice. Points the server can no longer send are marked in the store with
 * a NaN-valued point in each series, which charts draw as a break, and reported in `obs-gap`.
 * One gap marks at most the larger of 16 and 1% of `buffer-size` series, the most recent ones.
 *
 * When the server sends `end`, as a replay without `--loop` does after its last point, the
 * status turns `ended`, the stream no longer turns stale, and no reconnect follows when the
 * server closes the socket. `connect()` or a new `url` connects again.
 *
 * @summary Connects a store to a WebSocket stream or to the generator.
 *
 * @slot - Elements that read this stream, such as `<obs-chart>` and `<obs-grid>`.
 *
 * @fires obs-status-change - The status changed. Detail: `{status, attempt?, nextTryAt?, reason?}`.
 * @fires obs-invalid-data - Points or messages were rejected. Detail: `{count, total, samples: [{index, reason}], origin}`.
 * @fires obs-gap - Points will never arrive. Detail: `{from, to, count, reason, series, lostTotal}`.
 * @fires obs-stale-change - No point arrived for `stale-after` ms, or points arrive again. Detail: `{stale, lastPointAt}`.
 * @fires obs-server-error - The server sent an error that answers no command. Detail: `{code, message}`.
 * @fires obs-end - The server sent its last point and the status turned `ended`. Detail: `{seq, total}`.
 *
 * @csspart status - The status indicator: a colored dot, a label and the freshness.
 *
 * @cssprop --obs-stream-status-font - Font shorthand of the status label.
 * @cssprop --obs-stream-live-color - Dot color while live. Default #1a7f37, dark #3fb950.
 * @cssprop --obs-stream-pending-color - Dot color while connecting or reconnecting. Default #9a6700, dark #d29922.
 * @cssprop --obs-stream-offline-color - Dot color while offline. Default #cf222e, dark #f85149.
 * @cssprop --obs-stream-mock-color - Dot color while the generator feeds the store. Default #8250df, dark #a371f7.
 * @cssprop --obs-stream-ended-color - Dot color once the server sent its last point. Default #59636e, dark #9198a1.
 * @cssprop --obs-stream-stale-color - Color of the freshness label while stale. Default #cf222e, dark #f85149.
 */
export class ObsStream extends LitElement {
  static override styles = streamStyles;

  /** WebSocket URL. A relative URL resolves against the page; http: becomes ws:. Unset runs the generator. */
  @property() url: string | null = null;

  /** Generator scenario, one of `normal`, `high_load`, `system_failure`, `maintenance`, `peak_hours`, `weekend`. */
  @property() scenario: ScenarioName = 'normal';

  /** Store capacity in points; the oldest points are evicted first. */
  @property({ attribute: 'buffer-size', type: Number }) bufferSize = DEFAULT_CAPACITY;

  /** Generator rate in points per second over all series. */
  @property({ type: Number }) rate = DEFAULT_RATE;

  /** `mock` runs the generator while the socket is offline; `none` (default) does not. */
  @property() fallback: StreamFallback = 'none';

  /** Data encoding asked of the server: `binary` (default), `columnar` or `json`. Applies from the next connection, reconnects included. */
  @property() encoding: Encoding = 'binary';

  /** Milliseconds without any message after which the connection is replaced. Applies from the next connection, reconnects included. */
  @property({ attribute: 'heartbeat-timeout', type: Number })
  heartbeatTimeout = DEFAULT_HEARTBEAT_TIMEOUT_MS;

  /** Forces the `light` or `dark` palette of the status indicator; unset follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | null = null;

  /** Milliseconds without a new point after which the stream counts as stale; 0 turns staleness off. */
  @property({ attribute: 'stale-after', converter: emptyAsNaN }) staleAfter =
    DEFAULT_STALE_AFTER_MS;

  /**
   * Token that lets this page send commands to a server started with `--control-token`.
   * Property only, so it never shows in the page's markup.
   */
  controlToken: string | null = null;

  /** The points of this stream. It exists from construction and is never replaced. */
  readonly store: Store;

  readonly #intake: PointIntake;
  readonly #generator: ScenarioGenerator;
  readonly #mock: MockSource;
  #socket: WebSocketSource | null = null;
  #socketStatus: ConnectionStatus = { state: 'offline', reason: 'not connected' };
  #status: StreamStatus | null = null;
  #statusDetail: ObsStatusChangeDetail | null = null;
  #running = false;
  #liveSince: number | null = null;
  /** `staleAfter` after validation. */
  #staleAfterMs = DEFAULT_STALE_AFTER_MS;
  #connectPending = false;
  /** The url the current connection was made for. */
  #connectedUrl: string | null = null;
  /** Where the last socket stopped, so a new socket to the same URL resumes instead of losing points. */
  #resume: ResumePoint | null = null;
  readonly #commands = new CommandChannel();
  readonly #freshness = new FreshnessClock(
    () => this.#checkFreshness(),
    (stale) => this.#onStaleChange(stale),
  );

  constructor() {
    super();
    this.store = new Store({ capacity: DEFAULT_CAPACITY });
    this.#intake = new PointIntake(this.store, (detail) => this.#fire('obs-invalid-data', detail));
    const feed = createMockSource((points) => this.#intake.acceptTrusted(points));
    this.#generator = feed.generator;
    this.#mock = feed.mock;
  }

  /** Current status; also reflected to the `status` attribute. Null before the first connection. */
  get status(): StreamStatus | null {
    return this.#status;
  }

  /** Points and messages rejected since the element was created. */
  get invalidCount(): number {
    return this.#intake.invalidCount;
  }

  /** Valid points received since the element was created, from any source. */
  get receivedCount(): number {
    return this.#intake.receivedCount;
  }

  /** Valid points dropped because the queue outgrew the store's capacity between two frames. */
  get droppedCount(): number {
    return this.#intake.droppedCount;
  }

  /** Valid points received and waiting for the next frame to reach the store. */
  get queuedCount(): number {
    return this.#intake.queuedCount;
  }

  /** Epoch milliseconds when the last valid point arrived, or null before the first. */
  get lastPointAt(): number | null {
    return this.#intake.lastPointAt;
  }

  /**
   * Milliseconds since the last valid point, or since the stream went live when no point came
   * yet; null before either.
   */
  get freshness(): number | null {
    const since = this.#intake.lastPointAt ?? this.#liveSince;
    return since === null ? null : Math.max(0, Date.now() - since);
  }

  /** True when `freshness` exceeds `stale-after`; reflected to the `stale` attribute. */
  get stale(): boolean {
    return this.#freshness.stale;
  }

  /** Points the server announced as lost since the element was created. */
  get lostCount(): number {
    return this.#intake.lostCount;
  }

  /** Sequence number of the last point applied from the server, 0 before the first. */
  get lastSeq(): number {
    return this.#socket?.lastSeq ?? 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#freshness.start();
    // Connecting in the first update lets a framework set url and the other properties right
    // after inserting the element, without a moment of generated data or a wasted socket.
    this.#connectPending = true;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#freshness.stop();
    this.#connectPending = false;
    this.#stop('element removed from the page');
  }

  /** Starts streaming, or restarts it with a fresh connection and backoff. */
  connect(): void {
    this.#connectPending = false;
    this.#stopSources();
    this.#running = true;
    this.#connectedUrl = this.url;
    this.#applyGeneratorOptions();
    const url = this.url?.trim();
    if (!url) {
      this.#mock.start();
      this.#updateStatus();
      return;
    }
    const socket = createStreamSocket({
      url,
      baseUrl: document.baseURI,
      encoding: this.encoding,
      heartbeatTimeout: this.heartbeatTimeout,
      resume: this.#resume,
      intake: this.#intake,
      onGap: (gap) => this.#fire('obs-gap', this.#intake.markGap(gap)),
      onMessage: (message) => this.#onServerMessage(message),
      // A replaced socket reports `offline` as it closes; only the current one sets the status.
      onStatus: (source, status) => {
        if (this.#socket === source) this.#onSocketStatus(status);
      },
    });
    if (typeof socket === 'string') {
      this.#onSocketStatus({ state: 'offline', reason: socket });
      return;
    }
    this.#socket = socket;
    socket.open();
  }

  /**
   * Sends a command to the server, such as `sendCommand('burst', {durationMs: 5000,
   * multiplier: 4})`. Resolves when the server applied it; rejects with a CommandError whose
   * `code` is the server's error code, or `not_connected` while the stream is not live.
   */
  sendCommand(name: string, args: Record<string, unknown> = {}): Promise<void> {
    return this.#commands.send(this.#socket, name, args);
  }

  /**
   * Switches the local generator to scenario `name` and, while connected to a server, sends the
   * server a `scenario` command too. Rejects with a RangeError for an unknown scenario.
   */
  changeScenario(name: ScenarioName): Promise<void> {
    const error = scenarioError(name);
    if (error !== null) return Promise.reject(error);
    this.scenario = name;
    if (this.#socketStatus.state !== 'live') return Promise.resolve();
    return this.sendCommand('scenario', { name });
  }

  /**
   * Multiplies the values of every point that arrives in the next `durationMs`, from the
   * server or the generator, by `multiplier`: a quick way to test thresholds and alerts.
   */
  simulateSpike(durationMs: number, multiplier: number): void {
    this.#intake.spike(durationMs, multiplier);
  }

  /** Closes the socket, stops the generator and reports `offline`. Points already received stay. */
  disconnect(): void {
    this.#stop('disconnected by the page');
  }

  /**
   * Validates points like network data and appends the valid ones on the
   * next frame. Rejections are counted and reported in `obs-invalid-data`.
   * Returns `{accepted, rejected, dropped}`; `dropped` counts the queued points, of this call or
   * earlier ones, that this call pushed out because the queue held more than `buffer-size`.
   */
  injectPoints(points: unknown[]): IntakeResult {
    return this.#intake.acceptUntrusted(points, 'inject');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('bufferSize')) this.#applyBufferSize();
    if (changed.has('scenario') || changed.has('rate')) this.#applyGeneratorOptions();
    if (changed.has('staleAfter')) this.#staleAfterMs = checkedStaleAfter(this.staleAfter);
    if (this.#connectPending) {
      this.connect();
      return;
    }
    if (!this.#running) return;
    // Comparing with the url connect() used, not with the old value, also catches a url set
    // after connectedCallback but before the first update, as frameworks do.
    if (changed.has('url') && this.url !== this.#connectedUrl) {
      this.connect();
      return;
    }
    if (changed.has('fallback')) this.#updateStatus();
    if (changed.has('encoding') || changed.has('heartbeatTimeout')) {
      this.#socket?.configure(socketSettings(this.encoding, this.heartbeatTimeout));
    }
  }

  protected override render() {
    const status = this.#status ?? 'offline';
    return html`
      ${renderStatus(status, this.#statusDetail, this.#intake.lastPointAt, this.stale)}
      <slot></slot>
    `;
  }

  #stop(reason: string): void {
    this.#running = false;
    this.#stopSources();
    this.#commands.rejectAll(`the stream was stopped: ${reason}`);
    this.#intake.flush();
    this.#setStatus({ status: 'offline', reason });
  }

  #stopSources(): void {
    this.#mock.stop();
    const socket = this.#socket;
    this.#socket = null;
    const resume = socket === null ? null : resumePointOf(socket);
    if (resume !== null) this.#resume = resume;
    socket?.close();
    this.#socketStatus = { state: 'offline', reason: 'not connected' };
  }

  #onSocketStatus(status: ConnectionStatus): void {
    this.#socketStatus = status;
    if (status.state === 'live') {
      this.#liveSince = Date.now();
      // Sent first on every connection, so the commands that follow are authorized.
      if (this.controlToken !== null) {
        this.#socket?.send({ type: 'auth', token: this.controlToken });
      }
    } else if (status.state !== 'ended') {
      this.#commands.rejectAll(`the connection is ${status.state}`);
    } else if (!status.open) {
      // After `end` the socket stays open until the server closes it, so commands work until then.
      this.#commands.rejectAll('the connection closed after the stream ended');
    }
    this.#updateStatus();
    if (status.state === 'ended' && status.open) {
      // JSON rows wait in the queue for the next frame; a listener expects every point stored.
      this.#intake.flush();
      this.#checkFreshness();
      this.#fire('obs-end', { seq: status.seq, total: status.total });
    }
  }

  #onServerMessage(message: ServerMessage): void {
    if (this.#commands.settle(message) || message.type !== 'error') return;
    warnOnce(`stream-server-${message.code}`, `<obs-stream> server error: ${message.message}`);
    this.#fire('obs-server-error', { code: message.code, message: message.message });
  }

  #checkFreshness(): void {
    // A stream that ended sends no more points, so their absence is no sign of a broken feed.
    const age = this.#status === 'ended' ? null : this.freshness;
    this.#freshness.update(age, this.#staleAfterMs);
    if (this.freshness !== null) this.requestUpdate();
  }

  #onStaleChange(stale: boolean): void {
    this.toggleAttribute('stale', stale);
    this.requestUpdate();
    this.#fire('obs-stale-change', { stale, lastPointAt: this.#intake.lastPointAt });
  }

  /** Derives the element status from the socket and starts or stops the fallback generator. */
  #updateStatus(): void {
    if (!this.#running) return;
    const detail = deriveStatus(this.#socketStatus, Boolean(this.url?.trim()), this.fallback);
    if (detail.status === 'mock') this.#mock.start();
    else this.#mock.stop();
    this.#setStatus(detail);
  }

  #setStatus(detail: ObsStatusChangeDetail): void {
    const previous = this.#statusDetail;
    this.#statusDetail = detail;
    if (previous?.status === detail.status && previous.attempt === detail.attempt) return;
    this.#status = detail.status;
    this.setAttribute('status', detail.status);
    this.requestUpdate();
    this.#fire('obs-status-change', detail);
  }

  #applyBufferSize(): void {
    if (!checkBufferSize(this.bufferSize, this.store.capacity)) return;
    this.#intake.flush();
    this.store.resize(this.bufferSize);
  }

  #applyGeneratorOptions(): void {
    applyGeneratorOptions(this.#generator, this.scenario, this.rate);
  }

  #fire<K extends keyof StreamEventDetails & string>(type: K, detail: StreamEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
