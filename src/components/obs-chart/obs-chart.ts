import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { Store } from '../../core/store.js';
import { formatTimestamp } from '../../core/time-format.js';
import { renderErrorStyles } from '../shared/render-boundary.js';
import { RenderController } from '../shared/render-controller.js';
import { StoreController, type StoreHost } from '../shared/store-controller.js';
import { ChartCursor, type CursorView } from './chart-cursor.js';
import { FrameBuilder, type ChartFrame } from './chart-frame.js';
import { fire, type ObsRangeSelectDetail, type ObsZoomDetail } from './chart-events.js';
import { Announcer, keyAction } from './chart-keyboard.js';
import {
  CHART_THEMES,
  REDRAW_PROPERTIES,
  CHART_TYPES,
  parseChoice,
  parseTimeZone,
  parseWindowSeconds,
  SERIES_BY,
  nameSet,
  type ChartTheme,
  type ChartType,
  type SeriesBy,
} from './chart-options.js';
import { drawBackground, drawFrame } from './chart-renderer.js';
import type { ChartLayout } from './chart-scales.js';
import { chartStyles } from './chart-styles.js';
import { ChartStatus } from './chart-status.js';
import { ChartSync } from './chart-sync.js';
import { readChartColors, type ChartColors } from './chart-theme.js';
import { renderChart } from './chart-template.js';
import { ChartZoom, ZOOM_AXES, type ZoomAxis, type ZoomSource } from './chart-zoom.js';
import { normalizeRegions, type ChartRegion } from './draw-regions.js';
import { normalizeThresholds, type ChartThreshold } from './draw-thresholds.js';
import { devicePixelRatio, prepareCanvas, SurfaceController } from './surface-controller.js';
import {
  makeValueFormat,
  VALUE_FORMATS,
  type ValueFormat,
  type ValueFormatName,
} from './value-format.js';

export type { ObsHoverDetail, ObsHoverValue } from './chart-hover.js';
export type { ObsRangeSelectDetail, ObsZoomDetail } from './chart-events.js';
export type { ChartRegion } from './draw-regions.js';
export type { ChartThreshold } from './draw-thresholds.js';
export type { ValueFormatName, ValueFormatter } from './value-format.js';
export type { ChartTheme, ChartType, SeriesBy } from './chart-options.js';
export type { ZoomAxis } from './chart-zoom.js';

/**
 * A Canvas 2D time-series chart of the filtered points of a store, one series
 * per category or source, following the newest data until the user zooms or
 * pans the time axis.
 *
 * @summary Real-time line, area, scatter or bar chart of a store's filtered points.
 *
 * @fires obs-hover - The pointer or the keyboard moved the crosshair, or the
 *   pointer left the plot. Detail `{time, values}`: the crosshair time and the
 *   nearest value of each visible series, or `time: null` and no values when
 *   the crosshair went away.
 * @fires obs-zoom - The user zoomed or panned, or returned to live. Detail
 *   `{domain, values, live}`: the time range shown and the value range when
 *   the value axis is zoomed, or `domain: null` and `live: true` when the chart
 *   follows the newest data again.
 * @fires obs-range-select - The user dragged over the plot with Alt, Ctrl or
 *   Cmd held, or selected a range with Shift and the arrow keys and pressed Enter.
 *   Detail `{start, end}`: the selected time range.
 * @fires obs-error - Drawing threw, for example on a configuration the chart cannot draw.
 *   Detail `{message, phase, fatal, error}`; the plot shows the message and a Retry button.
 *
 * @csspart plot - The area holding the canvases and empty-state text.
 * @csspart canvas - The canvas the data is drawn on.
 * @csspart overlay - The focusable canvas the crosshair, tooltip and selections are drawn on.
 * @csspart empty - The text shown when there is no store or no data.
 * @csspart live-button - The "Back to live" button shown after a zoom or pan.
 * @csspart legend - The list of series.
 * @csspart legend-item - One series in the legend; a click hides or shows it.
 * @csspart legend-more - The last legend item, counting the series past the first 50 that are not listed.
 * @csspart render-error - Replaces the plot when drawing threw: the message and a Retry button.
 *
 * @cssprop --obs-series-0 - Colour of the first series; `--obs-series-1` to `--obs-series-7` colour the next ones.
 * @cssprop --obs-chart-background - Background of the chart and its tooltip.
 * @cssprop --obs-text - Colour of labels, axes, the crosshair and tooltip text.
 * @cssprop --obs-grid-line - Colour of grid lines and the tooltip's border.
 * @cssprop --obs-threshold-line - Default colour of thresholds.
 * @cssprop --obs-region - Default colour of time regions.
 * @cssprop --obs-focus-ring - Colour of the focus outline of the plot.
 */
export class ObsChart extends LitElement implements StoreHost {
  static override styles = [chartStyles, renderErrorStyles];

  /** Store to chart. Wins over `stream` and an ancestor `<obs-stream>`. Property only. */
  @property({ attribute: false }) store: Store | null = null;

  /** Id of the `<obs-stream>` in the same root whose store is charted. */
  @property() stream: string | null = null;

  /** Accessible name of the chart; the plot's aria-label adds a summary of the series. */
  @property() label = '';

  /**
   * Point fields that name a series: `category`, `source`, or `category-source` for one line
   * per pair, named like `cpu · web-1`. With `category`, the sources of a category share a line.
   */
  @property({ attribute: 'series-by' }) seriesBy: SeriesBy = 'category';

  /** Comma-separated categories to draw, such as `cpu, memory`. Unset draws every category. */
  @property() categories: string | null = null;

  /** Comma-separated sources to draw, such as `web-1, web-2`. Unset draws every source. */
  @property() sources: string | null = null;

  /** Seconds of time shown, ending at the newest point. 0 shows the whole held range. */
  @property({ type: Number }) window = 0;

  /** `light` or `dark`. Unset or `auto`, the chart follows prefers-color-scheme. */
  @property({ reflect: true }) theme: ChartTheme | null = null;

  /** `line`, `area`, `scatter` or `bar`. Area and bar fill toward zero. */
  @property() type: ChartType = 'line';

  /** IANA time zone of the time axis and tooltip, such as `Europe/Berlin` or `UTC`. Unset uses the browser's. */
  @property({ attribute: 'time-zone' }) timeZone: string | null = null;

  /** Unit appended to values on the axis, legend and tooltip, such as `ms` or `%`. */
  @property() unit = '';

  /** `auto`, `compact` (1.2K), `percent` (0.5 shows as 50%) or `bytes` (KiB, MiB, ...). */
  @property({ attribute: 'value-format' }) valueFormat: ValueFormatName = 'auto';

  /** Function that formats every value shown; wins over `value-format` and `unit`. Property only. */
  @property({ attribute: false }) valueFormatter: ((value: number) => string) | null = null;

  /** Axes that wheel, drag and pinch zoom: `time`, `both` (time and value) or `none`. */
  @property({ attribute: 'zoom-axis' }) zoomAxis: ZoomAxis = 'time';

  /** Name of a sync group: charts with the same name share crosshair and time window. */
  @property() sync: string | null = null;

  /** Horizontal reference lines and bands, such as alert levels. Property only. */
  @property({ attribute: false }) thresholds: ChartThreshold[] = [];

  /** Time-region annotations, such as labelled anomaly windows. Property only. */
  @property({ attribute: false }) regions: ChartRegion[] = [];

  readonly #frames = new FrameBuilder();
  readonly #hidden = new Set<string>();
  #lastStore: Store | null = null;
  #frameRequest = 0;
  #frame: ChartFrame | null = null;
  #layout: ChartLayout | null = null;
  #colors: ChartColors | null = null;
  #zone = parseTimeZone(null);
  #format: ValueFormat = makeValueFormat('auto', '', null);

  readonly #status = new ChartStatus(this, () => this.#canvas('overlay'));
  readonly #storeController = new StoreController(this, (store) => this.#onStore(store));
  // Follows the quality level, skips hidden tabs, times draws and contains render errors.
  readonly #render = new RenderController(this, () => this.#paint());
  readonly #surface = new SurfaceController(
    this,
    () => this.renderRoot?.querySelector('.plot') ?? null,
    () => this.#invalidate(),
  );
  readonly #zoom = new ChartZoom((source) => this.#onZoom(source));
  readonly #sync = new ChartSync({
    syncCursor: (time) => this.#cursor.follow(time),
    syncWindow: (times) => {
      if (times === null) this.#zoom.goLive('sync');
      else this.#zoom.set(times, this.#zoom.values, 'sync');
    },
  });
  readonly #announcer = new Announcer(() => this.requestUpdate());
  readonly #cursor = new ChartCursor(this, {
    view: () => this.#cursorView(),
    overlay: () => this.#canvas('overlay'),
    size: () => this.#surface,
    formatTime: (time) => this.#formatTime(time),
    formatValue: (value) => this.#format.value(value),
    onCursor: (time) => this.#sync.cursor(time),
    onAnnounce: (text) => this.#announcer.announce(text),
    onZoomBox: (times, values) =>
      this.#zoom.set(times, this.#zoom.axis === 'both' ? values : this.#zoom.values, 'user'),
    onRangeSelect: (times) =>
      fire<ObsRangeSelectDetail>(this, 'obs-range-select', { start: times[0], end: times[1] }),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#sync.join(this.sync);
    // A re-added chart keeps its shadow root but gets no update, so the gestures are bound here.
    const overlay = this.#canvas('overlay');
    if (overlay !== null) this.#zoom.attach(overlay);
    this.#invalidate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#frameRequest !== 0) cancelAnimationFrame(this.#frameRequest);
    this.#frameRequest = 0;
    this.#cursor.reset();
    this.#announcer.stop();
    this.#status.stop();
    this.#sync.leave();
    this.#zoom.detach();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('timeZone')) this.#zone = parseTimeZone(this.timeZone);
    if (changed.has('valueFormat') || changed.has('unit') || changed.has('valueFormatter')) {
      const name = parseChoice('value-format', this.valueFormat, VALUE_FORMATS, 'auto');
      this.#format = makeValueFormat(name, String(this.unit ?? ''), this.valueFormatter);
    }
    if (changed.has('zoomAxis')) {
      this.#zoom.axis = parseChoice('zoom-axis', this.zoomAxis, ZOOM_AXES, 'time');
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const overlay = this.#canvas('overlay');
    if (overlay !== null && this.isConnected) this.#zoom.attach(overlay);
    if (changed.has('store') || changed.has('stream')) this.#storeController.resolve();
    if (changed.has('sync') && this.isConnected) this.#sync.join(this.sync);
    if (changed.has('seriesBy')) {
      this.#frames.reset();
      this.#hidden.clear();
    }
    if (changed.has('theme') && this.theme !== null) {
      // An unknown theme matches no style rule, so the chart follows prefers-color-scheme.
      parseChoice('theme', this.theme, CHART_THEMES, 'auto');
    }
    if (REDRAW_PROPERTIES.some((name) => changed.has(name))) this.#invalidate();
  }

  protected override render() {
    return this.#render.render(() =>
      renderChart({
        cursor: this.#cursor,
        empty: this.#status.empty,
        live: this.#zoom.live,
        legend: this.#status.legend,
        announcement: this.#announcer.text,
        onGoLive: () => this.#zoom.goLive('user'),
        onKeyDown: (event) => this.#onKeyDown(event),
        onToggleSeries: (key) => this.#toggleSeries(key),
      }),
    );
  }

  readonly #storeListeners: [string, () => void][] = [
    // Row numbers restart after a reset, so the series must be rebuilt rather than extended.
    ['reset', () => this.#frames.markStale()],
    // The legend throttles streaming values, but a new filter's values show at once.
    ['filter', () => this.#status.showNextAtOnce()],
  ];

  /** Draws now when called from the store controller's frame; schedules a frame for a new store. */
  #onStore(store: Store | null): void {
    if (store !== this.#lastStore) {
      for (const [name, listener] of this.#storeListeners) {
        this.#lastStore?.removeEventListener(name, listener);
        store?.addEventListener(name, listener);
      }
      this.#lastStore = store;
      this.#frames.reset();
      this.#hidden.clear();
      this.#zoom.times = null;
      this.#zoom.values = null;
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
    this.#render.draw();
  }

  #paint(): void {
    const canvas = this.#canvas('data');
    if (canvas === null) return;
    this.#surface.measure();
    const { width, height } = this.#surface;
    // Fewer points per pixel column come from a canvas with fewer pixel columns.
    const pixelRatio = devicePixelRatio() * (this.#render.quality.settings.pointsPerColumn / 4);
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
      this.#status.showEmpty(this.#name(), store);
    } else {
      const options = {
        width,
        height,
        pixelRatio,
        colors,
        hidden: this.#hidden,
        type,
        thresholds: normalizeThresholds(this.thresholds),
        regions: normalizeRegions(this.regions),
        format: { timeZone: this.#zone, valueFormat: this.#format },
        values: this.#zoom.values,
        following: this.#zoom.times === null,
      };
      const layout = drawFrame(context, frame, options);
      this.#layout = layout;
      this.#cursor.regions = options.regions;
      this.#zoom.track(layout.plot, {
        times: frame.domain,
        values: layout.y.domain() as [number, number],
      });
      this.#status.showFrame(this.#name(), type, frame, colors, this.#hidden, this.#format.value);
    }
    this.#cursor.refresh();
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
      this.#zoom.times,
      scope,
    );
  }

  /** The last frame for the crosshair, without the rows the store evicted since it was drawn. */
  #cursorView(): CursorView {
    const store = this.#storeController.store;
    if (store !== null && this.#frame !== null) this.#frames.trim(store);
    return {
      frame: this.#frame,
      layout: this.#layout,
      colors: this.#colors,
      hidden: this.#hidden,
      zoomAxis: this.#zoom.axis,
    };
  }

  #formatTime(time: number): string {
    return formatTimestamp(time, { timeZone: this.#zone });
  }

  #name(): string {
    return this.label.trim() || 'Chart';
  }

  #toggleSeries(key: string): void {
    if (this.#hidden.has(key)) this.#hidden.delete(key);
    else this.#hidden.add(key);
    this.#invalidate();
  }

  #onZoom(source: ZoomSource): void {
    this.requestUpdate();
    this.#invalidate();
    if (source !== 'user') return;
    const { times, values, live } = this.#zoom;
    this.#sync.window(times === null ? null : [times[0], times[1]]);
    fire<ObsZoomDetail>(this, 'obs-zoom', {
      domain: times === null ? null : [times[0], times[1]],
      values: values === null ? null : [values[0], values[1]],
      live,
    });
  }

  #onKeyDown(event: KeyboardEvent): void {
    const action = keyAction(event);
    if (action === null) return;
    event.preventDefault();
    switch (action.kind) {
      case 'step':
        this.#cursor.step(action.step);
        break;
      case 'extend':
        this.#cursor.extend(action.step);
        break;
      case 'select':
        this.#cursor.selectRange();
        break;
      case 'zoom':
        this.#zoom.zoomBy(action.factor, this.#cursor.time ?? undefined);
        break;
      case 'pan':
        this.#zoom.panBy(action.fraction);
        break;
      default:
        this.#cursor.clear();
    }
  }
}
