import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { formatTimestamp } from '../../core/time-format.js';
import type { Hover } from './chart-hover.js';
import { formatValue } from './format-value.js';

/** Distance between the pointer and the tooltip, in CSS pixels. */
const OFFSET = 12;

/**
 * Renders the hover tooltip beside the pointer, on the side with more room.
 * Series names are bound as text, so markup in them never runs.
 */
export function renderTooltip(
  hover: Hover | null,
  plotWidth: number,
): TemplateResult | typeof nothing {
  if (hover === null || hover.values.length === 0) return nothing;
  const flip = hover.x > plotWidth / 2;
  const style = {
    left: `${flip ? hover.x - OFFSET : hover.x + OFFSET}px`,
    top: `${Math.max(0, hover.y - OFFSET)}px`,
    transform: flip ? 'translateX(-100%)' : 'none',
  };
  return html`<div class="tooltip" part="tooltip" style=${styleMap(style)}>
    <div class="tooltip-time">${formatTimestamp(hover.time)}</div>
    ${hover.values.map(
      (value) =>
        html`<div class="tooltip-row">
          <span class="swatch" style=${styleMap({ background: value.color })}></span>
          <span class="name">${value.series}</span>
          <span class="value">${formatValue(value.value)}</span>
        </div>`,
    )}
  </div>`;
}
