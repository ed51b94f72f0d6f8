import { css } from 'lit';

export const gridStyles = css`
  :host {
    display: block;
    position: relative;
    height: var(--obs-grid-height, 320px);
    font: var(--obs-grid-font, 13px/1.4 system-ui, sans-serif);
    color: var(--obs-grid-color, #1f2328);
    --_background: var(--obs-grid-background, #fff);
    background: var(--_background);
    border: 1px solid var(--obs-grid-border-color, #d0d7de);
    box-sizing: border-box;
    contain: content;
    color-scheme: light;
    --_accent: var(--obs-grid-accent-color, #0969da);
    --_focus: var(--obs-grid-focus-color, #0969da);
  }

  /* color-scheme also gives the scrollbar the palette's colors. */
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      color: var(--obs-grid-color, #e6edf3);
      --_background: var(--obs-grid-background, #0d1117);
      background: var(--_background);
      border-color: var(--obs-grid-border-color, #30363d);
      color-scheme: dark;
      --_accent: var(--obs-grid-accent-color, #4493f8);
      --_focus: var(--obs-grid-focus-color, #4493f8);
    }
  }

  :host([theme='dark']) {
    color: var(--obs-grid-color, #e6edf3);
    --_background: var(--obs-grid-background, #0d1117);
    background: var(--_background);
    border-color: var(--obs-grid-border-color, #30363d);
    color-scheme: dark;
    --_accent: var(--obs-grid-accent-color, #4493f8);
    --_focus: var(--obs-grid-focus-color, #4493f8);
  }

  :host([hidden]) {
    display: none;
  }

  /* The height also comes from --obs-grid-height here, not only from :host,
     because page rules such as * { all: unset } override :host and would
     leave the grid as tall as all its rendered rows. */
  .scroller {
    height: var(--obs-grid-height, 100%);
    overflow: auto;
    outline: none;
    overscroll-behavior: contain;
  }

  .scroller:focus-visible {
    box-shadow: inset 0 0 0 2px var(--_focus);
  }

  /* Header and rows stay in place while the scroll container moves the
     spacer; the rows viewport scrolls to the rows for the scroll position. */
  .stage {
    position: sticky;
    top: 0;
    display: flex;
    flex-direction: column;
    height: 100%;
    width: max(100%, var(--_row-width));
  }

  /* A flex row, so the room for the new-rows button narrows the header row
     down to the width of its columns before it widens the header. */
  .head {
    flex: none;
    z-index: 1;
    display: flex;
  }

  .head > .header-row {
    flex: 1 1 0;
    min-width: var(--_row-width);
  }

  /* A scroll container without scrollbars: the grid sets its scrollTop, and
     the virtualizer renders the rows it shows. overflow: clip would not
     scroll. The grid keeps rows in place itself, so the browser's scroll
     anchoring must not move them as well. */
  .rows-viewport {
    position: relative;
    flex: 1;
    min-height: 0;
    overflow: hidden;
    overflow-anchor: none;
    contain: layout paint;
    will-change: scroll-position;
  }

  /* The virtualizer's host. Its height is that of the slice of rows it lays out. */
  .rows {
    width: 100%;
  }

  /* The virtualizer places each row at its offset in the slice by a transform. */
  .rows > .row {
    position: absolute;
    top: 0;
    left: 0;
    contain: strict;
  }

  .spacer {
    width: 1px;
  }

  .row {
    display: grid;
    grid-template-columns: var(--_template);
    width: max(100%, var(--_row-width));
    height: var(--obs-grid-row-height, 28px);
    box-sizing: border-box;
    border-bottom: 1px solid var(--obs-grid-line-color, rgb(127 127 127 / 0.18));
  }

  .header-row {
    background: var(--obs-grid-header-background, rgb(127 127 127 / 0.12));
    font-weight: 600;
    backdrop-filter: blur(4px);
  }

  .row.selected {
    background: var(--obs-grid-selected-background, rgb(9 105 218 / 0.16));
  }

  .row.focused {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }

  .cell,
  .header-cell {
    position: relative;
    font-variant-numeric: tabular-nums;
    min-width: 0;
    padding: 0 8px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    line-height: var(--obs-grid-row-height, 28px);
  }

  .header-cell {
    display: flex;
    gap: 4px;
  }

  .header-cell.align-end {
    flex-direction: row-reverse;
  }

  .header-cell.align-center {
    justify-content: center;
  }

  .header-cell.sortable {
    cursor: pointer;
  }

  .header-cell.focused {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }

  .header-cell > .label {
    overflow: hidden;
    text-overflow: ellipsis;
  }

  .resize-handle {
    position: absolute;
    top: 0;
    right: 0;
    width: 6px;
    height: 100%;
    cursor: col-resize;
    touch-action: none;
  }

  .resize-handle:hover {
    background: var(--_focus);
    opacity: 0.5;
  }

  .align-end {
    text-align: end;
  }

  .align-center {
    text-align: center;
  }

  .cell > a:not([href]) {
    color: inherit;
  }

  .cell.error {
    color: var(--obs-grid-error-color, #cf222e);
  }

  .rows .row:hover {
    background: var(--obs-grid-hover-background, rgb(127 127 127 / 0.08));
  }

  .rows .row.selected:hover {
    background: var(--obs-grid-selected-background, rgb(9 105 218 / 0.16));
  }

  .sort-indicator {
    flex: none;
    color: var(--obs-grid-muted-color, rgb(127 127 127));
    font-size: 0.75em;
  }

  .sort-indicator.busy {
    animation: obs-grid-pulse 1s ease-in-out infinite alternate;
  }

  @keyframes obs-grid-pulse {
    to {
      opacity: 0.2;
    }
  }

  .sort-position {
    font-size: 0.8em;
    margin-inline-start: 1px;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  .link {
    color: var(--_accent);
  }

  /* The new-rows button sits over the end of the header row, clear of the
     vertical scrollbar, because over the rows it would take the clicks and
     double-clicks aimed at the newest row. The header row is as high as a
     row, and the button is 8px shorter and centred in it. Its text, font and
     padding must match .new-rows-room, which reserves the header's room for it. */
  .new-rows {
    position: absolute;
    top: 4px;
    inset-inline-end: calc(var(--_scrollbar-width, 0px) + 6px);
    z-index: 2;
    height: calc(var(--obs-grid-row-height, 28px) - 8px);
    box-sizing: border-box;
    padding: 0 10px;
    border: none;
    border-radius: 999px;
    font: inherit;
    font-size: 0.92em;
    line-height: calc(var(--obs-grid-row-height, 28px) - 8px);
    white-space: nowrap;
    overflow: hidden;
    color: #fff;
    background: var(--_accent);
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.3);
    cursor: pointer;
  }

  /* Room at the end of the header row for the new-rows button, so no header
     label, sort control or resize handle lies under it. It contains a hidden
     copy of the button's text with the button's font and 6px more padding
     each side, so it is 12px wider than the button. In a grid wider than its
     columns it takes its width from the last column. Otherwise it lengthens
     the header past the rows, so the last column can scroll clear of the
     button, and it sticks to the scrollport's end with an opaque background,
     hiding the header cells that scroll under the button.
     NOTE: the opaque background is --obs-grid-background, so a page that sets
     the element's background property directly gets the default colour here. */
  .new-rows-room {
    position: sticky;
    inset-inline-end: 0;
    flex: none;
    box-sizing: border-box;
    height: var(--obs-grid-row-height, 28px);
    padding: 0 16px;
    overflow: hidden;
    font-size: 0.92em;
    line-height: var(--obs-grid-row-height, 28px);
    white-space: nowrap;
    color: transparent;
    user-select: none;
    background:
      linear-gradient(
        var(--obs-grid-header-background, rgb(127 127 127 / 0.12)),
        var(--obs-grid-header-background, rgb(127 127 127 / 0.12))
      ),
      var(--_background);
    border-bottom: 1px solid var(--obs-grid-line-color, rgb(127 127 127 / 0.18));
  }

  .new-rows:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  .empty {
    position: absolute;
    inset: var(--obs-grid-row-height, 28px) 0 0 0;
    display: flex;
    align-items: center;
    justify-content: center;
    padding: 8px;
    color: var(--obs-grid-muted-color, rgb(127 127 127));
    text-align: center;
    pointer-events: none;
  }
`;
