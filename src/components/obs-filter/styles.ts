import { css } from 'lit';

export const filterStyles = css`
  :host {
    display: block;
    color-scheme: light dark;
    font: var(--obs-font, 13px/1.4 system-ui, sans-serif);
    color: var(--obs-filter-color, CanvasText);
    background: var(--obs-filter-background, Canvas);
    --_gap: var(--obs-filter-gap, 0.4rem);
    --_border: var(--obs-filter-border-color, color-mix(in srgb, currentColor 25%, transparent));
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
  form {
    display: grid;
    gap: var(--_gap);
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_gap);
  }
  .row,
  .group-header,
  .group-footer,
  .buttons {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
  }
  .actions {
    display: inline-flex;
    gap: calc(var(--_gap) / 2);
    margin-inline-start: auto;
  }
  .group {
    border: 1px solid var(--_border);
    border-radius: 4px;
    padding: var(--_gap);
    display: grid;
    gap: var(--_gap);
  }
  [part~='condition-disabled'] > .row > :not(.actions),
  [part~='group-disabled'] > :not(.group-header) {
    opacity: 0.5;
  }
  [part~='logic'] {
    display: inline-flex;
    gap: var(--_gap);
  }
  fieldset {
    border: 1px solid var(--_border);
    margin: 0;
    padding: 0.2rem var(--_gap);
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
  }
  legend {
    font-size: 0.9em;
  }
  input[aria-invalid='true'] {
    border-color: var(--obs-filter-error-color, #c62828);
    outline-color: var(--obs-filter-error-color, #c62828);
  }
  .error {
    margin: 0.2rem 0 0;
    color: var(--obs-filter-error-color, #c62828);
  }
  [part~='count'] {
    font-variant-numeric: tabular-nums;
    opacity: 0.75;
  }
  [part~='status'] {
    margin: 0;
    min-height: 1.4em;
  }
  [part~='query'] {
    display: flex;
    gap: var(--_gap);
  }
  [part~='query'] input {
    flex: 1;
    font-family: var(--obs-font-mono, ui-monospace, monospace);
  }
  :focus-visible {
    outline: 2px solid var(--obs-filter-focus-color, Highlight);
    outline-offset: 1px;
  }
`;
