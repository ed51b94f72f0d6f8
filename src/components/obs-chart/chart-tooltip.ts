import { html, nothing, type TemplateResult } from 'lit';
import type { Hover } from './chart-hover.js';
import { cssomStyle } from './cssom-style.js';
import type { ValueFormatter } from './value-format.js';

/** Distance between the pointer and the tooltip, in CSS pixels. */
const OFFSET = 12;

/**
 * Renders the hover tooltip beside the crosshair, on the side with more room.
 * Series names, region labels and formatted values are bound as text, so
 * markup in them never runs.
 */
export function renderTooltip(
  hover: Hover | null,
  plotWidth: number,
  formatTime: (time: number) => string,
  formatValue: ValueFormatter,
): TemplateResult | typeof nothing {
  if (hover === null || hover.values.length === 0) return nothing;
  const flip = hover.x > plotWidth / 2;
  const x = flip ? `calc(${hover.x - OFFSET}px - 100%)` : `${hover.x + OFFSET}px`;
  // A transform moves the tooltip without a layout of the chart, unlike left and top.
  const style = { transform: `translate(${x}, ${Math.max(0, hover.y - OFFSET)}px)` };
  return html`<div class="tooltip" part="tooltip" ${cssomStyle(style)}>
    <div class="tooltip-time">${formatTime(hover.time)}</div>
    ${hover.regions.map((label) => html`<div class="tooltip-region">${label}</div>`)}
    ${hover.values.map(
      (value) =>
        html`<div class="tooltip-row">
          <span class="swatch" ${cssomStyle({ background: value.color })}></span>
          <span class="name">${value.series}</span>
          <span class="value">${formatValue(value.value)}</span>
        </div>`,
    )}
  </div>`;
}
