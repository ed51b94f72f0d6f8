// Registers <obs-filter> and types its tag and events for consumers.
import { ObsFilter, type ObsFilterChangeDetail } from './components/obs-filter/obs-filter.js';
import { defineElement } from './components/shared/define.js';
import type { ObsErrorDetail } from './components/shared/render-boundary.js';

defineElement('obs-filter', ObsFilter);

export { ObsFilter };
export type { ObsFilterChangeDetail } from './components/obs-filter/obs-filter.js';

/** Events of `<obs-filter>`, by name. */
export interface ObsFilterEventMap {
  'obs-filter-change': CustomEvent<ObsFilterChangeDetail>;
  'obs-error': CustomEvent<ObsErrorDetail>;
}

declare global {
  interface HTMLElementTagNameMap {
    'obs-filter': ObsFilter;
  }
  // The events bubble and are composed, so any element, the document or the window may listen.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the event map
  interface GlobalEventHandlersEventMap extends ObsFilterEventMap {}
}
