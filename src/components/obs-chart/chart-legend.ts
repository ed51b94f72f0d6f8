import { html, nothing, type TemplateResult } from 'lit';
import { formatDuration } from '../../core/time-format.js';
import type { ChartFrame } from './chart-frame.js';
import type { ChartColors } from './chart-theme.js';
import { cssomStyle } from './cssom-style.js';
import type { ValueFormatter } from './value-format.js';

/** Series named in the aria-label before the rest are counted. */
const SUMMARY_SERIES = 6;

/**
 * Maximum number of series the legend renders as buttons. The rest are
 * counted in one last item, because thousands of buttons push the plot out
 * of the chart and take a long layout on every update.
 */
export const LEGEND_MAX_ITEMS = 50;

/** One legend entry. */
export interface LegendItem {
  key: string;
  color: string;
  /** Latest finite value that passes the filter, already formatted; empty when there is none. */
  latest: string;
  hidden: boolean;
}

/** Builds the legend entries of a frame, with each series' latest value. */
export function buildLegend(
  frame: ChartFrame,
  colors: ChartColors,
  hidden: ReadonlySet<string>,
  formatValue: ValueFormatter,
): LegendItem[] {
  return frame.series.map((series) => {
    const latest = series.summary.latestFinite();
    return {
      key: series.key,
      color: colors.series[series.colorSlot],
      latest: latest < 0 ? '' : formatValue(series.summary.valueAt(latest)),
      hidden: hidden.has(series.key),
    };
  });
}

/**
 * Returns the aria-label text of a drawn chart, such as
 * `CPU: line chart of 2 series over 5 min. Latest: cpu 42, mem 7.5`.
 */
export function summarizeChart(
  name: string,
  type: string,
  domain: readonly [number, number],
  items: readonly LegendItem[],
): string {
  const visible = items.filter((item) => !item.hidden);
  const named = visible
    .slice(0, SUMMARY_SERIES)
    .map((item) => (item.latest === '' ? item.key : `${item.key} ${item.latest}`));
  if (visible.length > SUMMARY_SERIES) named.push(`${visible.length - SUMMARY_SERIES} more`);
  const span = formatDuration(domain[1] - domain[0]);
  return `${name}: ${type} chart of ${visible.length} series over ${span}. Latest: ${named.join(', ')}`;
}

/** Returns a string that changes whenever the rendered legend would change. */
export function legendSignature(items: readonly LegendItem[]): string {
  return JSON.stringify([items.length, items.slice(0, LEGEND_MAX_ITEMS)]);
}

/**
 * Renders the legend as a list of buttons, at most LEGEND_MAX_ITEMS of them,
 * and then an item counting the series not listed. Series names and values
 * are bound as text, so markup in a name shows as characters and never runs.
 */
export function renderLegend(
  items: readonly LegendItem[],
  onToggle: (key: string) => void,
): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  const unlisted = items.length - LEGEND_MAX_ITEMS;
  return html`<ul class="legend" part="legend">
    ${items.slice(0, LEGEND_MAX_ITEMS).map(
      (item) =>
        html`<li part="legend-item">
          <button
            type="button"
            class="legend-button"
            aria-pressed=${item.hidden ? 'false' : 'true'}
            title=${item.hidden ? 'Show series' : 'Hide series'}
            @click=${() => onToggle(item.key)}
          >
            <span class="swatch" ${cssomStyle({ background: item.color })}></span>
            <span class="name">${item.key}</span>
            <span class="value">${item.latest}</span>
          </button>
        </li>`,
    )}
    ${
      unlisted > 0
        ? html`<li class="legend-more" part="legend-more">
            + ${unlisted.toLocaleString('en-US')} more
          </li>`
        : nothing
    }
  </ul>`;
}
