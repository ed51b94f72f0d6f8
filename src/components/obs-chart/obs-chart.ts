import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { Store } from '../../core/store.js';
import { StoreController, type StoreHost } from '../shared/store-controller.js';
import { FrameBuilder, type ChartFrame } from './chart-frame.js';
import { drawCrosshair, findHover, type Hover, type ObsHoverDetail } from './chart-hover.js';
import {
  buildLegend,
  legendSignature,
  renderLegend,
  summarizeChart,
  type LegendItem,
} from './chart-legend.js';
import {
  CHART_THEMES,
  CHART_TYPES,
  parseChoice,
  parseWindowSeconds,
  SERIES_BY,
} from './chart-options.js';
import { drawBackground, drawFrame } from './chart-renderer.js';
import type { ChartLayout } from './chart-scales.js';
import { chartStyles } from './chart-styles.js';
import { readChartColors, type ChartColors } from './chart-theme.js';
import { renderTooltip } from './chart-tooltip.js';
import { normalizeThresholds, type ChartThreshold } from './draw-thresholds.js';
import { devicePixelRatio, prepareCanvas, SurfaceController } from './surface-controller.js';
import { TimeZoom } from './time-zoom.js';

export type { ObsHoverDetail, ObsHoverValue } from './chart-hover.js';
export type { ObsZoomDetail } from './time-zoom.js';
export type { ChartThreshold } from './draw-thresholds.js';

/**
 * A Canvas 2D time-series chart of the filtered points of a store, one series
 * per category or source, following the newest data until the user zooms or
 * pans the time axis.
 *
 * @summary Real-time line, area, scatter or bar chart of a store's filtered points.
 *
 * @fires obs-hover - The pointer moved over the plot or left it. Detail
 *   `{time, values}`: the hovered time and the nearest value of each visible
 *   series, or `time: null` and no values when the pointer left.
 * @fires obs-zoom - The user zoomed or panned the time axis, or returned to
 *   live. Detail `{domain, live}`: the time range shown, or `domain: null`
 *   and `live: true` when the chart follows the newest data again.
 *
 * @csspart plot - The area holding the canvases, tooltip and empty-state text.
 * @csspart canvas - The canvas the data is drawn on.
 * @csspart overlay - The canvas the crosshair is drawn on.
 * @csspart empty - The text shown when there is no store or no data.
 * @csspart tooltip - The hover tooltip.
 * @csspart live-button - The "Back to live" button shown after a zoom or pan.
 * @csspart legend - The list of series.
 * @csspart legend-item - One series in the legend; a click hides or shows it.
 *
 * @cssprop --obs-series-0 - Colour of the first series; `--obs-series-1` to `--obs-series-7` colour the next ones.
 * @cssprop --obs-chart-background - Background of the chart.
 * @cssprop --obs-text - Colour of labels, axes and the crosshair.
 * @cssprop --obs-grid-line - Colour of grid lines.
 * @cssprop --obs-threshold-line - Default colour of threshold lines.
 */
export class ObsChart extends LitElement implements StoreHost {
  static override styles = chartStyles;

  /** Store to chart. Wins over `stream` and an ancestor `<obs-stream>`. Property only. */
  @property({ attribute: false }) store: Store | null = null;

  /** Id of the `<obs-stream>` in the same root whose store is charted. */
  @property() stream: string | null = null;

  /** Accessible name of the chart; the aria-label adds a summary of the series. */
  @property() label = '';

  /** Point field that names a series: `category` or `source`. */
  @property({ attribute: 'series-by' }) seriesBy = 'category';

  /** Comma-separated categories to draw, such as `cpu, memory`. Unset draws every category. */
  @property() categories: string | null = null;

  /** Comma-separated sources to draw, such as `web-1, web-2`. Unset draws every source. */
  @property() sources: string | null = null;

  /** Seconds of time shown, ending at the newest point. 0 shows the whole held range. */
  @property({ type: Number }) window = 0;

  /** `light` or `dark`. Unset or `auto`, the chart follows prefers-color-scheme. */
  @property({ reflect: true }) theme: string | null = null;

  /** `line`, `area`, `scatter` or `bar`. Area and bar fill toward zero. */
  @property() type = 'line';

  /** Horizontal reference lines, such as alert levels. Property only. */
  @property({ attribute: false }) thresholds: ChartThreshold[] = [];

  readonly #frames = new FrameBuilder();
  readonly #hidden = new Set<string>();
  #lastStore: Store | null = null;
  #frameRequest = 0;
  #frame: ChartFrame | null = null;
  #layout: ChartLayout | null = null;
  #colors: ChartColors | null = null;
  #legend: LegendItem[] = [];
  #legendSignature = '';
  #empty: string | null = null;
  #pointer: { x: number; y: number } | null = null;
  #hover: Hover | null = null;

  readonly #storeController = new StoreController(this, (store) => this.#onStore(store));
  readonly #surface = new SurfaceController(
    this,
    () => this.renderRoot?.querySelector('.plot') ?? null,
    () => this.#invalidate(),
  );
  readonly #zoom = new TimeZoom(
    this,
    () => ({ layout: this.#layout, domain: this.#frame?.domain ?? null }),
    () => {
      this.requestUpdate();
      this.#invalidate();
    },
  );

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('role')) this.setAttribute('role', 'img');
    this.#invalidate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#frameRequest !== 0) cancelAnimationFrame(this.#frameRequest);
    this.#frameRequest = 0;
    this.#pointer = null;
    this.#hover = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('store') || changed.has('stream')) this.#storeController.resolve();
    if (changed.has('seriesBy')) {
      this.#frames.reset();
      this.#hidden.clear();
    }
    if (changed.has('theme') && this.theme !== null) {
      // An unknown theme matches no style rule, so the chart follows prefers-color-scheme.
      parseChoice('theme', this.theme, CHART_THEMES, 'auto');
    }
    const redraws = [
      'seriesBy',
      'categories',
      'sources',
      'window',
      'theme',
      'label',
      'type',
      'thresholds',
    ] as const;
    if (redraws.some((name) => changed.has(name))) this.#invalidate();
  }

  protected override render() {
    const empty = this.#empty;
    return html`<div class="chart">
      <div class="plot" part="plot">
        <canvas class="data" part="canvas" width="0" height="0" aria-hidden="true"></canvas>
        <canvas
          class="overlay"
          part="overlay"
          width="0"
          height="0"
          aria-hidden="true"
          @pointerdown=${(event: PointerEvent) => this.#zoom.pointerDown(event)}
          @pointermove=${this.#onPointerMove}
          @pointerup=${(event: PointerEvent) => this.#zoom.pointerUp(event)}
          @pointercancel=${(event: PointerEvent) => this.#zoom.pointerUp(event)}
          @pointerleave=${this.#onPointerLeave}
          @wheel=${(event: WheelEvent) => this.#zoom.wheel(event)}
          @dblclick=${() => this.#zoom.goLive()}
        ></canvas>
        ${empty === null ? nothing : html`<div class="empty" part="empty">${empty}</div>`}
        ${renderTooltip(this.#hover, this.#surface.width)}
        ${
          this.#zoom.live
            ? nothing
            : html`<button
                type="button"
                class="live-button"
                part="live-button"
                @click=${() => this.#zoom.goLive()}
              >
                Back to live
              </button>`
        }
      </div>
      ${renderLegend(this.#legend, (key) => this.#toggleSeries(key))}
    </div>`;
  }

  readonly #onReset = () => this.#frames.markStale();

  /** Draws now when called from the store controller's frame; schedules a frame for a new store. */
  #onStore(store: Store | null): void {
    if (store !== this.#lastStore) {
      // Row numbers restart after a reset, so the series must be rebuilt rather than extended.
      this.#lastStore?.removeEventListener('reset', this.#onReset);
      store?.addEventListener('reset', this.#onReset);
      this.#lastStore = store;
      this.#frames.reset();
      this.#hidden.clear();
      this.#zoom.domain = null;
      this.requestUpdate();
      this.#invalidate();
      return;
    }
    if (this.#frameRequest !== 0) cancelAnimationFrame(this.#frameRequest);
    this.#frameRequest = 0;
    this.#draw();
  }

  /** Marks the chart dirty: it redraws once in the next animation frame. */
  #invalidate(): void {
    if (this.#frameRequest !== 0 || !this.isConnected) return;
    this.#frameRequest = requestAnimationFrame(() => {
      this.#frameRequest = 0;
      this.#draw();
    });
  }

  #canvas(name: 'data' | 'overlay'): HTMLCanvasElement | null {
    return this.renderRoot?.querySelector<HTMLCanvasElement>(`canvas.${name}`) ?? null;
  }

  #draw(): void {
    const canvas = this.#canvas('data');
    if (canvas === null) return;
    const { width, height } = this.#surface;
    const pixelRatio = devicePixelRatio();
    // Zero-sized (hidden or collapsed): the resize that shows it again draws.
    const context = prepareCanvas(canvas, width, height, pixelRatio);
    if (context === null) return;
    const colors = readChartColors(this);
    this.#colors = colors;
    const store = this.#storeController.store;
    const type = parseChoice('type', this.type, CHART_TYPES, 'line');
    const frame = store === null ? null : this.#collect(store);
    this.#frame = frame;
    if (store === null || frame === null) {
      drawBackground(context, { width, height, colors });
      this.#layout = null;
      this.#showEmpty(store);
    } else {
      const thresholds = normalizeThresholds(this.thresholds);
      const options = { width, height, pixelRatio, colors, hidden: this.#hidden, type, thresholds };
      this.#layout = drawFrame(context, frame, options);
      this.#setEmpty(null);
      this.#setLegend(buildLegend(frame, colors, this.#hidden));
      this.#setAriaLabel(summarizeChart(this.#name(), type, frame.domain, this.#legend));
    }
    this.#updateHover(false);
  }

  #collect(store: Store): ChartFrame | null {
    const seriesBy = parseChoice('series-by', this.seriesBy, SERIES_BY, 'category');
    const windowSeconds = parseWindowSeconds(this.window);
    const scope = { categories: nameSet(this.categories), sources: nameSet(this.sources) };
    return this.#frames.collect(
      store,
      seriesBy,
      windowSeconds,
      this.#hidden,
      this.#zoom.domain,
      scope,
    );
  }

  #showEmpty(store: Store | null): void {
    let message = 'No data source';
    if (store !== null) message = store.size === 0 ? 'No data' : 'No points match the filter';
    this.#setEmpty(message);
    this.#setLegend([]);
    this.#setAriaLabel(`${this.#name()}: ${message.toLowerCase()}`);
  }

  #setEmpty(message: string | null): void {
    if (message === this.#empty) return;
    this.#empty = message;
    this.requestUpdate();
  }

  #name(): string {
    return this.label.trim() || 'Chart';
  }

  #setLegend(items: LegendItem[]): void {
    const signature = legendSignature(items);
    if (signature === this.#legendSignature) return;
    this.#legendSignature = signature;
    this.#legend = items;
    this.requestUpdate();
  }

  #setAriaLabel(text: string): void {
    if (this.getAttribute('aria-label') !== text) this.setAttribute('aria-label', text);
  }

  #toggleSeries(key: string): void {
    if (this.#hidden.has(key)) this.#hidden.delete(key);
    else this.#hidden.add(key);
    this.#invalidate();
  }

  readonly #onPointerMove = (event: PointerEvent) => {
    this.#pointer = { x: event.offsetX, y: event.offsetY };
    // A drag pans the time axis; the redraw it triggers updates the hover too.
    if (this.#zoom.pointerMove(event)) return;
    this.#updateHover(true);
  };

  readonly #onPointerLeave = () => {
    if (this.#pointer === null) return;
    this.#pointer = null;
    this.#updateHover(true);
  };

  /**
   * Redraws the overlay for the current pointer and, when `notify` is set
   * because the pointer moved, fires `obs-hover`.
   */
  #updateHover(notify: boolean): void {
    const overlay = this.#canvas('overlay');
    const { width, height } = this.#surface;
    const pixelRatio = devicePixelRatio();
    const context = overlay === null ? null : prepareCanvas(overlay, width, height, pixelRatio);
    const layout = this.#layout;
    const frame = this.#frame;
    const colors = this.#colors;
    let hover: Hover | null = null;
    if (this.#pointer !== null && layout !== null && frame !== null) {
      hover = findHover(frame, layout, colors!, this.#hidden, this.#pointer);
    }
    if (context !== null && hover !== null) {
      drawCrosshair(context, layout!, hover.x, hover.markers, colors!, pixelRatio);
    }
    if (hover !== null || this.#hover !== null) {
      this.#hover = hover;
      this.requestUpdate();
    }
    if (!notify) return;
    const detail: ObsHoverDetail =
      hover === null
        ? { time: null, values: [] }
        : {
            time: hover.time,
            values: hover.values.map(({ series, time, value }) => ({ series, time, value })),
          };
    this.dispatchEvent(
      new CustomEvent<ObsHoverDetail>('obs-hover', { detail, bubbles: true, composed: true }),
    );
  }
}

/** Splits a comma-separated attribute into a set of names; unset or blank gives null (no limit). */
function nameSet(list: string | null): ReadonlySet<string> | null {
  const names = (list ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return names.length > 0 ? new Set(names) : null;
}
