import { html, type TemplateResult } from 'lit';
import type { ObsStatusChangeDetail, StreamStatus } from './events.js';
import { describeAge } from './freshness.js';
import { STATUS_LABELS } from './stream-options.js';

/**
 * Renders the status indicator: a dot, the status label and, for a server's stream, the age of
 * the last point. `lastPointAt` is ignored while the generator runs, because it never goes stale.
 */
export function renderStatus(
  status: StreamStatus,
  detail: ObsStatusChangeDetail | null,
  lastPointAt: number | null,
  stale: boolean,
): TemplateResult {
  let label = STATUS_LABELS[status];
  if (status === 'reconnecting' && detail?.attempt !== undefined) {
    label += ` (attempt ${detail.attempt})`;
  }
  const age =
    status === 'mock' || lastPointAt === null ? null : Math.max(0, Date.now() - lastPointAt);
  const freshness =
    age === null
      ? null
      : html`<span class="freshness" ?data-stale=${stale}
          >${stale ? 'stale, ' : ''}last point ${describeAge(age)}</span
        >`;
  return html`
    <div part="status" class="status" data-status=${status} title=${detail?.reason ?? label}>
      <span class="dot" aria-hidden="true"></span>
      <span class="label" role="status">${label}</span>
      ${freshness}
    </div>
  `;
}
