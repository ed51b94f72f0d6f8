import { css, unsafeCSS } from 'lit';
import { THEME_CSS } from './chart-theme.js';

export const chartStyles = [
  unsafeCSS(THEME_CSS),
  css`
    :host {
      display: block;
      position: relative;
      box-sizing: border-box;
      height: 240px;
      min-width: 0;
      font:
        12px system-ui,
        sans-serif;
      color: var(--_obs-text);
      background: var(--_obs-background);
    }

    :host([hidden]) {
      display: none;
    }

    .chart {
      display: flex;
      flex-direction: column;
      height: 100%;
    }

    .plot {
      position: relative;
      flex: 1 1 auto;
      min-height: 0;
      overflow: hidden;
      /* A tooltip change lays out only the plot, not the page around the chart. */
      contain: layout paint;
    }

    canvas {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      display: block;
    }

    .overlay {
      cursor: crosshair;
      touch-action: none;
      outline: none;
    }

    .overlay:focus-visible {
      outline: 2px solid var(--obs-focus-ring, var(--_obs-series-0));
      outline-offset: -2px;
    }

    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
      border: 0;
    }

    .empty {
      position: absolute;
      inset: 0;
      display: flex;
      align-items: center;
      justify-content: center;
      opacity: 0.7;
      pointer-events: none;
    }

    .live-button {
      position: absolute;
      top: 4px;
      right: 16px;
      z-index: 2;
      padding: 2px 8px;
      border: 1px solid var(--_obs-grid);
      border-radius: 4px;
      background: var(--_obs-background);
      color: inherit;
      font: inherit;
      cursor: pointer;
    }

    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 2px 12px;
      flex: none;
      /* At most 40% of the chart, scrolling past it, so many series leave the plot its space. */
      max-height: 40%;
      overflow-y: auto;
      box-sizing: border-box;
      margin: 0;
      padding: 4px 8px;
      list-style: none;
    }

    .legend-more {
      align-self: center;
      padding: 2px 4px;
      opacity: 0.8;
    }

    .legend-button {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 2px 4px;
      border: none;
      border-radius: 3px;
      background: none;
      color: inherit;
      font: inherit;
      cursor: pointer;
      max-width: 20em;
    }

    .legend-button[aria-pressed='false'] {
      opacity: 0.45;
    }

    .legend-button:focus-visible {
      outline: 2px solid var(--_obs-series-0);
    }

    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }

    .value {
      font-variant-numeric: tabular-nums;
      opacity: 0.8;
    }

    .swatch {
      flex: none;
      width: 10px;
      height: 10px;
      border-radius: 2px;
    }
  `,
];
