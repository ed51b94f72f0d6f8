import { css } from 'lit';

export const perfStyles = css`
  :host {
    display: inline-block;
    color-scheme: light dark;
    /* Narrow containers, such as a phone-width panel, win over the preferred minimum. */
    min-width: min(18rem, 100%);
    max-width: 100%;
    font: var(--obs-perf-font, 12px/1.4 system-ui, sans-serif);
    color: var(--obs-perf-color, light-dark(#1f2328, #e6edf3));
    background: var(--obs-perf-background, light-dark(#ffffff, #161b22));
    border: 1px solid var(--obs-perf-border-color, light-dark(#d0d7de, #30363d));
    border-radius: 6px;
    padding: 6px 8px;
    box-sizing: border-box;
  }

  :host([theme='light']) {
    color-scheme: light;
  }

  :host([theme='dark']) {
    color-scheme: dark;
  }

  :host([hidden]) {
    display: none;
  }

  header {
    display: flex;
    align-items: center;
    gap: 8px;
    margin-bottom: 4px;
  }

  .title {
    font-weight: 600;
    flex: 1 1 auto;
  }

  .quality {
    padding: 0 6px;
    border-radius: 9px;
    border: 1px solid currentColor;
  }

  .quality[data-level='medium'] {
    color: var(--obs-perf-warning-color, light-dark(#9a6700, #d29922));
  }

  .quality[data-level='low'] {
    color: var(--obs-perf-alert-color, light-dark(#cf222e, #f85149));
  }

  .badge {
    padding: 0 6px;
    border-radius: 9px;
    color: #fff;
    background: var(--obs-perf-ok-color, light-dark(#1a7f37, #238636));
  }

  .badge[data-state='alert'] {
    background: var(--obs-perf-alert-color, light-dark(#cf222e, #da3633));
  }

  .badge.pulse[data-state='alert'] {
    animation: pulse 1.2s ease-in-out infinite alternate;
  }

  @keyframes pulse {
    to {
      opacity: 0.6;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .badge.pulse[data-state='alert'] {
      animation: none;
    }
  }

  table {
    width: 100%;
    border-collapse: collapse;
  }

  caption {
    text-align: left;
    font-weight: 600;
    padding-top: 6px;
  }

  th,
  td {
    padding: 1px 4px;
    text-align: left;
    font-weight: normal;
    white-space: nowrap;
  }

  td.value {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }

  tr[data-alert] td.value {
    color: var(--obs-perf-alert-color, light-dark(#cf222e, #f85149));
    font-weight: 600;
  }

  svg {
    display: block;
    width: 60px;
    height: 16px;
    overflow: visible;
  }

  polyline {
    fill: none;
    stroke: var(--obs-perf-line-color, light-dark(#0969da, #58a6ff));
    stroke-width: 1.2;
    vector-effect: non-scaling-stroke;
  }

  .alerts {
    margin: 4px 0 0;
    padding-left: 1.2em;
    color: var(--obs-perf-alert-color, light-dark(#cf222e, #f85149));
  }

  .muted {
    opacity: 0.7;
  }
`;
