import { html, nothing, type TemplateResult } from 'lit';
import type { ChartCursor } from './chart-cursor.js';
import { KEY_HELP } from './chart-keyboard.js';
import { renderLegend, type LegendItem } from './chart-legend.js';

/** Everything the chart's template shows and the handlers it binds. */
export interface ChartTemplateState {
  cursor: ChartCursor;
  /** Empty-state text, or null when data is drawn. */
  empty: string | null;
  live: boolean;
  legend: readonly LegendItem[];
  /** Text of the polite live region. */
  announcement: string;
  onGoLive(): void;
  onKeyDown(event: KeyboardEvent): void;
  onToggleSeries(key: string): void;
}

/**
 * Renders the chart's shadow DOM: the data canvas, the focusable overlay
 * canvas that takes pointer and keyboard input and shows the tooltip, the "Back to
 * live" button, the legend, the keyboard help and the live region.
 */
export function renderChart(state: ChartTemplateState): TemplateResult {
  const { cursor, empty } = state;
  return html`<div class="chart">
    <div class="plot" part="plot">
      <canvas class="data" part="canvas" width="0" height="0" aria-hidden="true"></canvas>
      <canvas
        class="overlay"
        part="overlay"
        width="0"
        height="0"
        tabindex="0"
        role="application"
        aria-roledescription="chart"
        aria-describedby="keys"
        @pointerdown=${cursor.onPointerDown}
        @pointermove=${cursor.onPointerMove}
        @pointerup=${cursor.onPointerUp}
        @pointercancel=${cursor.onPointerCancel}
        @pointerleave=${cursor.onPointerLeave}
        @dblclick=${state.onGoLive}
        @keydown=${state.onKeyDown}
      ></canvas>
      ${empty === null ? nothing : html`<div class="empty" part="empty">${empty}</div>`}
      ${
        state.live
          ? nothing
          : html`<button
              type="button"
              class="live-button"
              part="live-button"
              @click=${state.onGoLive}
            >
              Back to live
            </button>`
      }
    </div>
    ${renderLegend(state.legend, state.onToggleSeries)}
    <div id="keys" class="visually-hidden">${KEY_HELP}</div>
    <div class="visually-hidden announcer" aria-live="polite" aria-atomic="true">
      ${state.announcement}
    </div>
  </div>`;
}
