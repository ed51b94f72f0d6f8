import { css } from 'lit';

export const streamStyles = css`
  /* light-dark() picks the first color in the light scheme and the second in the dark one,
     which follows prefers-color-scheme unless the theme attribute forces a scheme. */
  :host {
    display: block;
    color-scheme: light dark;
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
    background: var(--obs-stream-offline-color, light-dark(#cf222e, #f85149));
  }

  .status[data-status='live'] .dot {
    background: var(--obs-stream-live-color, light-dark(#1a7f37, #3fb950));
  }

  .status[data-status='connecting'] .dot,
  .status[data-status='reconnecting'] .dot {
    background: var(--obs-stream-pending-color, light-dark(#9a6700, #d29922));
  }

  .status[data-status='mock'] .dot {
    background: var(--obs-stream-mock-color, light-dark(#8250df, #a371f7));
  }

  .status[data-status='ended'] .dot {
    background: var(--obs-stream-ended-color, light-dark(#59636e, #9198a1));
  }

  .freshness {
    opacity: 0.75;
  }

  .freshness[data-stale] {
    opacity: 1;
    color: var(--obs-stream-stale-color, light-dark(#cf222e, #f85149));
  }
`;
