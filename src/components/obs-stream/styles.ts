import { css } from 'lit';

export const streamStyles = css`
  :host {
    display: block;
  }

  :host([hidden]) {
    display: none;
  }

  .status {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    font: var(--obs-stream-status-font, 12px/1.4 system-ui, sans-serif);
    color: inherit;
  }

  .dot {
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    background: var(--obs-stream-offline-color, #cf222e);
  }

  .status[data-status='live'] .dot {
    background: var(--obs-stream-live-color, #1a7f37);
  }

  .status[data-status='connecting'] .dot,
  .status[data-status='reconnecting'] .dot {
    background: var(--obs-stream-pending-color, #9a6700);
  }

  .status[data-status='mock'] .dot {
    background: var(--obs-stream-mock-color, #8250df);
  }

  .freshness {
    opacity: 0.75;
  }

  .freshness[data-stale] {
    opacity: 1;
    color: var(--obs-stream-stale-color, #cf222e);
  }
`;
