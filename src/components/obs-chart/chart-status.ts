import type { ReactiveControllerHost } from 'lit';
import type { Store } from '../../core/store.js';
import type { ChartFrame } from './chart-frame.js';
import { buildLegend, legendSignature, summarizeChart, type LegendItem } from './chart-legend.js';
import type { ChartColors } from './chart-theme.js';
import { LatestThrottle } from './latest-throttle.js';
import type { ValueFormatter } from './value-format.js';

/** Minimum milliseconds between two updates of the legend's values and the summary. */
export const VALUE_INTERVAL_MS = 250;

/**
 * The text a chart shows beside its canvases: the empty-state message, the
 * legend and the accessible name of the plot. The template reads `empty`
 * and `legend`, and the host re-renders only when one of them changed.
 */
export class ChartStatus {
  /** Empty-state text, or null when data is drawn. */
  empty: string | null = null;
  legend: LegendItem[] = [];
  readonly #host: ReactiveControllerHost;
  readonly #overlay: () => HTMLCanvasElement | null;
  #legendSignature = '';
  /** Series, colours and hidden flags of the legend shown, without the values. */
  #structure = '';
  readonly #values = new LatestThrottle(VALUE_INTERVAL_MS);

  constructor(host: ReactiveControllerHost, overlay: () => HTMLCanvasElement | null) {
    this.#host = host;
    this.#overlay = overlay;
  }

  /** Shows why nothing is drawn: no store, an empty store or a filter that matches nothing. */
  showEmpty(name: string, store: Store | null): void {
    this.stop();
    let message = 'No data source';
    if (store !== null) message = store.size === 0 ? 'No data' : 'No points match the filter';
    this.#setEmpty(message);
    this.#setLegend([]);
    this.#setAriaLabel(`${name}: ${message.toLowerCase()}`);
  }

  /**
   * Shows the legend and accessible summary of a drawn frame. When only the
   * latest values or the time span changed, they show at most every
   * VALUE_INTERVAL_MS, and the last ones always show. A streaming chart
   * draws every frame, and new text in every frame costs a layout of the
   * legend and an update of the accessibility tree, too fast to read.
   */
  showFrame(
    name: string,
    type: string,
    frame: ChartFrame,
    colors: ChartColors,
    hidden: ReadonlySet<string>,
    formatValue: ValueFormatter,
  ): void {
    this.#setEmpty(null);
    const items = buildLegend(frame, colors, hidden, formatValue);
    const structure = items.map((item) => [item.key, item.color, item.hidden]);
    const signature = JSON.stringify(structure);
    const show = () => {
      this.#setLegend(items);
      this.#setAriaLabel(summarizeChart(name, type, frame.domain, items));
    };
    if (signature === this.#structure) {
      this.#values.run(show);
      return;
    }
    this.#structure = signature;
    this.#values.runNow(show);
  }

  /** Makes the next frame's values show at once, such as the first frame under a new filter. */
  showNextAtOnce(): void {
    this.#values.reset();
  }

  /** Drops a pending update of the values; call it when the chart is disconnected. */
  stop(): void {
    this.#values.stop();
  }

  #setEmpty(message: string | null): void {
    if (message === this.empty) return;
    this.empty = message;
    this.#host.requestUpdate();
  }

  #setLegend(items: LegendItem[]): void {
    const signature = legendSignature(items);
    if (signature === this.#legendSignature) return;
    this.#legendSignature = signature;
    this.legend = items;
    this.#host.requestUpdate();
  }

  /** Labels the focusable plot directly, so a changing summary does not re-render the template. */
  #setAriaLabel(text: string): void {
    const overlay = this.#overlay();
    if (overlay !== null && overlay.getAttribute('aria-label') !== text) {
      overlay.setAttribute('aria-label', text);
    }
  }
}
