import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Store } from '../../core/store.js';
import { formatDuration, formatTimestamp } from '../../core/time-format.js';
import { StoreController, type StoreHost } from '../shared/store-controller.js';
import { FrameBuilder, type ChartFrame } from './chart-frame.js';
import {
  drawCrosshair,
  nearestRow,
  type HoverMarker,
  type ObsHoverDetail,
  type ObsHoverValue,
} from './chart-hover.js';
import { legendSignature, renderLegend, type LegendItem } from './chart-legend.js';
import { parseChoice, parseWindowSeconds, SERIES_BY } from './chart-options.js';
import { drawBackground, drawFrame } from './chart-renderer.js';
import type { ChartLayout } from './chart-scales.js';
import { chartStyles } from './chart-styles.js';
import { readChartColors, type ChartColors } from './chart-theme.js';
import { formatValue } from './format-value.js';
import { latestValue } from './series-rows.js';
import { devicePixelRatio, prepareCanvas, SurfaceController } from './surface-controller.js';

export type { ObsHoverDetail, ObsHoverValue } from './chart-hover.js';

/** Series named in the aria-label before the rest are counted. */
const SUMMARY_SERIES = 6;

interface TooltipState {
  x: number;
  y: number;
  time: number;
  rows: (ObsHoverValue & { color: string })[];
}

/**
 * A Canvas 2D time-series chart of the filtered points of a store, one line
 * per category or source, following the newest data.
 *
 * @summary Real-time line chart of a store's filtered points.
 *
 * @fires obs-hover - The pointer moved over the plot or left it. Detail
 *   `{time, values}`: the hovered time and the nearest value of each visible
 *   series, or `time: null` and no values when the pointer left.
 *
 * @csspart plot - The area holding the canvases, tooltip and empty-state text.
 * @csspart canvas - The canvas the data is drawn on.
 * @csspart overlay - The canvas the crosshair is drawn on.
 * @csspart empty - The text shown when there is no store or no data.
 * @csspart tooltip - The hover tooltip.
 * @csspart legend - The list of series.
 * @csspart legend-item - One series in the legend.
 *
 * @cssprop --obs-series-0 - Colour of the first series; `--obs-series-1` to `--obs-series-7` colour the next ones.
 * @cssprop --obs-chart-background - Background of the chart.
 * @cssprop --obs-text - Colour of labels, axes and the crosshair.
 * @cssprop --obs-grid-line - Colour of grid lines.
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

  /** Seconds of time shown, ending at the newest point. 0 shows the whole held range. */
  @property({ type: Number }) window = 0;

  /** `light` or `dark`. Unset, the chart follows prefers-color-scheme. */
  @property({ reflect: true }) theme: string | null = null;

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
  #tooltip: TooltipState | null = null;

  readonly #storeController = new StoreController(this, (store) => this.#onStore(store));
  readonly #surface = new SurfaceController(
    this,
    () => this.renderRoot?.querySelector('.plot') ?? null,
    () => this.#invalidate(),
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
    this.#tooltip = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('store') || changed.has('stream')) this.#storeController.resolve();
    if (changed.has('seriesBy')) {
      this.#frames.reset();
      this.#hidden.clear();
    }
    const redraws = ['seriesBy', 'window', 'theme', 'label'] as const;
    if (redraws.some((name) => changed.has(name))) this.#invalidate();
  }

  protected override render() {
    return html`<div class="chart">
      <div class="plot" part="plot">
        <canvas class="data" part="canvas" width="0" height="0" aria-hidden="true"></canvas>
        <canvas
          class="overlay"
          part="overlay"
          width="0"
          height="0"
          aria-hidden="true"
          @pointermove=${this.#onPointerMove}
          @pointerleave=${this.#onPointerLeave}
        ></canvas>
        ${this.#empty === null ? nothing : html`<div class="empty" part="empty">${this.#empty}</div>`}
        ${this.#renderTooltip()}
      </div>
      ${renderLegend(this.#legend, (key) => this.#toggleSeries(key))}
    </div>`;
  }

  #renderTooltip() {
    const tooltip = this.#tooltip;
    if (tooltip === null || tooltip.rows.length === 0) return nothing;
    const flip = tooltip.x > this.#surface.width / 2;
    const style = {
      left: `${flip ? tooltip.x - 12 : tooltip.x + 12}px`,
      top: `${Math.max(0, tooltip.y - 12)}px`,
      transform: flip ? 'translateX(-100%)' : 'none',
    };
    return html`<div class="tooltip" part="tooltip" style=${styleMap(style)}>
      <div class="tooltip-time">${formatTimestamp(tooltip.time)}</div>
      ${tooltip.rows.map(
        (row) =>
          html`<div class="tooltip-row">
            <span class="swatch" style=${styleMap({ background: row.color })}></span>
            <span class="name">${row.series}</span>
            <span class="value">${formatValue(row.value)}</span>
          </div>`,
      )}
    </div>`;
  }

  /** Draws now when called from the store controller's frame; schedules a frame for a new store. */
  #onStore(store: Store | null): void {
    if (store !== this.#lastStore) {
      this.#lastStore = store;
      this.#frames.reset();
      this.#hidden.clear();
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
    const seriesBy = parseChoice('series-by', this.seriesBy, SERIES_BY, 'category');
    const windowSeconds = parseWindowSeconds(this.window);
    const frame =
      store === null ? null : this.#frames.collect(store, seriesBy, windowSeconds, this.#hidden);
    this.#frame = frame;
    if (store === null || frame === null) {
      drawBackground(context, { width, height, colors });
      this.#layout = null;
      this.#showEmpty(store);
    } else {
      const hidden = this.#hidden;
      this.#layout = drawFrame(context, frame, { width, height, pixelRatio, colors, hidden });
      this.#setEmpty(null);
      this.#updateLegend(store, frame, colors);
    }
    this.#updateHover(false);
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

  #updateLegend(store: Store, frame: ChartFrame, colors: ChartColors): void {
    const items = frame.series.map((series) => {
      const latest = latestValue(store, series.indices);
      return {
        key: series.key,
        color: colors.series[series.colorSlot],
        latest: latest === null ? '' : formatValue(latest.value),
        hidden: this.#hidden.has(series.key),
      };
    });
    this.#setLegend(items);
    const visible = items.filter((item) => !item.hidden);
    const named = visible
      .slice(0, SUMMARY_SERIES)
      .map((item) => (item.latest === '' ? item.key : `${item.key} ${item.latest}`));
    if (visible.length > SUMMARY_SERIES) named.push(`${visible.length - SUMMARY_SERIES} more`);
    const span = formatDuration(frame.domain[1] - frame.domain[0]);
    this.#setAriaLabel(
      `${this.#name()}: line chart of ${visible.length} series over ${span}. Latest: ${named.join(', ')}`,
    );
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
    const hover = this.#hoverAt(this.#pointer);
    if (context !== null && hover !== null && this.#layout !== null && this.#colors !== null) {
      drawCrosshair(context, this.#layout, hover.x, hover.markers, this.#colors, pixelRatio);
    }
    const tooltip = hover === null ? null : hover.tooltip;
    if (tooltip !== null || this.#tooltip !== null) {
      this.#tooltip = tooltip;
      this.requestUpdate();
    }
    if (!notify) return;
    const detail: ObsHoverDetail =
      hover === null
        ? { time: null, values: [] }
        : { time: hover.tooltip.time, values: hover.tooltip.rows.map(withoutColor) };
    this.dispatchEvent(
      new CustomEvent<ObsHoverDetail>('obs-hover', { detail, bubbles: true, composed: true }),
    );
  }

  /** Finds the nearest point of each visible series to the pointer, or null outside the plot. */
  #hoverAt(pointer: { x: number; y: number } | null) {
    const layout = this.#layout;
    const frame = this.#frame;
    const store = this.#storeController.store;
    const colors = this.#colors;
    if (
      pointer === null ||
      layout === null ||
      frame === null ||
      store === null ||
      colors === null
    ) {
      return null;
    }
    const { plot } = layout;
    const inside =
      pointer.x >= plot.left &&
      pointer.x <= plot.left + plot.width &&
      pointer.y >= plot.top &&
      pointer.y <= plot.top + plot.height;
    if (!inside) return null;
    const time = layout.x.invert(pointer.x).getTime();
    const rows: TooltipState['rows'] = [];
    const markers: HoverMarker[] = [];
    for (const series of frame.series) {
      if (this.#hidden.has(series.key)) continue;
      const row = nearestRow(store, series.indices, time, frame.domain);
      if (row < 0) continue;
      const color = colors.series[series.colorSlot];
      const value = { series: series.key, time: store.timeAt(row), value: store.valueAt(row) };
      rows.push({ ...value, color });
      markers.push({ x: layout.x(value.time), y: layout.y(value.value), color });
    }
    return { x: pointer.x, markers, tooltip: { x: pointer.x, y: pointer.y, time, rows } };
  }
}

function withoutColor(row: ObsHoverValue & { color: string }): ObsHoverValue {
  return { series: row.series, time: row.time, value: row.value };
}
