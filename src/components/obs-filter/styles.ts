import { css } from 'lit';

export const filterStyles = css`
  :host {
    display: block;
    color-scheme: light dark;
    font: var(--obs-font, 13px/1.4 system-ui, sans-serif);
    --_text: var(--obs-filter-color, light-dark(#1f2328, #e6edf3));
    color: var(--_text);
    background: var(--obs-filter-background, light-dark(#ffffff, #161b22));
    --_gap: var(--obs-filter-gap, 0.375rem);
    --_muted: var(--obs-filter-muted-color, light-dark(#59636e, #9198a1));
    --_border: var(--obs-filter-border-color, light-dark(#d1d9e0, #3d444d));
    --_control: var(--obs-filter-control-background, light-dark(#f6f8fa, #0d1117));
    --_accent: var(--obs-filter-accent-color, light-dark(#0969da, #4493f8));
    --_error: var(--obs-filter-error-color, light-dark(#cf222e, #f85149));
    --_focus: var(--obs-filter-focus-color, light-dark(#0969da, #4493f8));
    --_control-height: 1.875rem;
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
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  /* Controls */
  input,
  select,
  button,
  summary {
    font: inherit;
    color: inherit;
    height: var(--_control-height);
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--_control);
    padding: 0 0.5rem;
    margin: 0;
  }
  input[type='checkbox'],
  input[type='radio'] {
    height: auto;
    accent-color: var(--_accent);
  }
  input[type='text'] {
    min-width: 6rem;
  }
  input[type='datetime-local'] {
    min-width: 13rem;
  }
  select {
    padding-inline-end: 0.25rem;
    max-width: 14rem;
  }
  button {
    cursor: pointer;
    white-space: nowrap;
  }
  button:hover,
  summary:hover,
  select:hover {
    border-color: var(--_muted);
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: light-dark(#ffffff, #0d1117);
    font-weight: 600;
  }
  button.icon {
    width: var(--_control-height);
    padding: 0;
    color: var(--_muted);
    background: transparent;
    border-color: transparent;
  }
  button.icon svg {
    display: block;
    margin: auto;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
    stroke-linecap: round;
  }
  button.icon:hover {
    color: inherit;
    border-color: var(--_border);
  }
  button.add {
    color: var(--_accent);
    background: transparent;
    border-style: dashed;
  }
  button.switch {
    position: relative;
    width: 2.125rem;
    height: 1.25rem;
    padding: 0;
    margin-inline: 0.25rem;
    border-radius: 999px;
    border-color: var(--_muted);
    background: var(--_control);
  }
  button.switch .knob {
    position: absolute;
    top: 2px;
    left: 2px;
    width: calc(1.25rem - 6px);
    height: calc(1.25rem - 6px);
    border-radius: 50%;
    background: var(--_muted);
    transition: transform 0.12s ease-out;
  }
  button.switch[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
  }
  button.switch[aria-pressed='true'] .knob {
    background: light-dark(#ffffff, #0d1117);
    transform: translateX(0.875rem);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--_error);
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }

  /* Presets and query */
  .presets {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    margin-block-end: var(--_gap);
  }
  .presets button {
    border-radius: 999px;
  }
  .presets button[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: light-dark(#ffffff, #0d1117);
  }
  .query {
    display: flex;
    gap: var(--_gap);
    margin-block-end: var(--_gap);
  }
  .query input {
    flex: 1;
    min-width: 0;
    font-family: var(--obs-font-mono, ui-monospace, SFMono-Regular, Menlo, monospace);
    font-size: 0.95em;
  }
  .query-error {
    display: grid;
    gap: 0.125rem;
    margin-block-end: var(--_gap);
  }
  .snippet {
    font-family: var(--obs-font-mono, ui-monospace, SFMono-Regular, Menlo, monospace);
    white-space: pre;
    overflow-x: auto;
    color: var(--_text);
  }
  .snippet mark {
    color: var(--_text);
    background: color-mix(in srgb, var(--_error) 25%, transparent);
    border-bottom: 2px solid var(--_error);
  }

  /* Groups and conditions */
  .builder {
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
  .condition,
  .group {
    display: grid;
    grid-template-columns: 3.25rem minmax(0, 1fr);
    align-items: start;
    column-gap: var(--_gap);
  }
  .joiner {
    grid-row: 1;
    line-height: var(--_control-height);
    text-align: end;
    font-size: 0.8em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--_muted);
  }
  .condition > .error,
  .group > .error {
    grid-column: 2;
  }
  /* The inputs wrap inside their own column, so the count and the actions stay on the first line. */
  .row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto auto;
    align-items: start;
    gap: var(--_gap);
  }
  .row > .count,
  .row > .actions {
    min-height: var(--_control-height);
  }
  .group-header,
  .group-footer,
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
  }
  .inputs {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
    flex: 1 1 auto;
    min-width: 0;
  }
  .relative {
    display: inline-flex;
    gap: var(--_gap);
  }
  .relative input {
    min-width: 0;
    width: 4.5rem;
  }
  .and {
    color: var(--_muted);
  }
  .actions {
    display: inline-flex;
    align-items: center;
    gap: 0.125rem;
  }
  .spacer {
    flex: 1;
  }
  .count {
    display: inline-flex;
    align-items: center;
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
    white-space: nowrap;
    padding: 0 0.375rem;
  }
  .group-box {
    display: grid;
    gap: var(--_gap);
    padding: var(--_gap) var(--_gap) var(--_gap) 0.625rem;
    border: 1px solid var(--_border);
    border-inline-start: 3px solid var(--_accent);
    border-radius: 6px;
    background: color-mix(in srgb, var(--_accent) 4%, transparent);
  }
  .group[data-logic='or'] > .group-box {
    border-inline-start-color: light-dark(#8250df, #ab7df8);
  }
  .group-footer,
  .root.group-footer {
    padding-inline-start: calc(3.25rem + var(--_gap));
  }
  .group-box > .group-footer {
    padding-inline-start: calc(3.25rem + var(--_gap));
  }
  .segmented {
    display: inline-flex;
    border: 1px solid var(--_border);
    border-radius: 6px;
    overflow: hidden;
  }
  .segmented label {
    position: relative;
    display: inline-flex;
    align-items: center;
    height: calc(var(--_control-height) - 2px);
    padding: 0 0.625rem;
    cursor: pointer;
    font-size: 0.9em;
  }
  .segmented label + label {
    border-inline-start: 1px solid var(--_border);
  }
  .segmented input {
    position: absolute;
    inset: 0;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .segmented label:has(input:checked) {
    background: var(--_accent);
    color: light-dark(#ffffff, #0d1117);
    font-weight: 600;
  }
  .segmented label:has(input:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .not {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    font-size: 0.9em;
    font-weight: 600;
    cursor: pointer;
  }
  [part~='condition-disabled'] > .row > .inputs,
  [part~='condition-disabled'] > .row > .count,
  [part~='group-disabled'] > .group-box > :not(.group-header) {
    opacity: 0.45;
  }
  .empty {
    margin: 0;
    color: var(--_muted);
  }
  .error {
    margin: 0;
    font-size: 0.9em;
    color: var(--_error);
  }

  /* Known values drop-down */
  .choices {
    position: relative;
  }
  .choices summary {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    cursor: pointer;
    list-style: none;
    white-space: nowrap;
  }
  .choices summary::-webkit-details-marker {
    display: none;
  }
  .choices summary::after {
    content: '▾';
    color: var(--_muted);
  }
  .choice-list {
    position: absolute;
    z-index: 2;
    inset-inline-start: 0;
    top: calc(100% + 2px);
    min-width: 14rem;
    max-width: 24rem;
    max-height: 16rem;
    overflow: auto;
    display: grid;
    padding: 0.25rem;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--obs-filter-background, light-dark(#ffffff, #161b22));
    box-shadow: 0 6px 18px rgb(0 0 0 / 0.18);
  }
  .choice-list label {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.5rem;
    padding: 0.25rem 0.375rem;
    border-radius: 4px;
    cursor: pointer;
  }
  .choice-list label:hover {
    background: var(--_control);
  }
  .choice-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .choice-count {
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .note {
    margin: 0.25rem 0.375rem;
    font-size: 0.85em;
    color: var(--_muted);
  }

  /* Footer */
  .footer {
    padding-block-start: var(--_gap);
    border-block-start: 1px solid var(--_border);
  }
  .status {
    flex: 1;
    margin: 0;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
`;
