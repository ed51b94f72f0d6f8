import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';

/** One legend entry. */
export interface LegendItem {
  key: string;
  color: string;
  /** Latest finite value that passes the filter, already formatted; empty when there is none. */
  latest: string;
  hidden: boolean;
}

/** Returns a string that changes whenever the rendered legend would change. */
export function legendSignature(items: readonly LegendItem[]): string {
  return JSON.stringify(items);
}

/**
 * Renders the legend as a list of buttons. Series names and values are bound
 * as text, so markup in a name shows as characters and never runs.
 */
export function renderLegend(
  items: readonly LegendItem[],
  onToggle: (key: string) => void,
): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  return html`<ul class="legend" part="legend">
    ${items.map(
      (item) =>
        html`<li part="legend-item">
          <button
            type="button"
            class="legend-button"
            aria-pressed=${item.hidden ? 'false' : 'true'}
            title=${item.hidden ? 'Show series' : 'Hide series'}
            @click=${() => onToggle(item.key)}
          >
            <span class="swatch" style=${styleMap({ background: item.color })}></span>
            <span class="name">${item.key}</span>
            <span class="value">${item.latest}</span>
          </button>
        </li>`,
    )}
  </ul>`;
}
