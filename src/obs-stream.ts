// Registers <obs-stream> and types its tag and events for consumers.
import {
  ObsStream,
  type ObsEndDetail,
  type ObsGapDetail,
  type ObsInvalidDataDetail,
  type ObsServerErrorDetail,
  type ObsStaleChangeDetail,
  type ObsStatusChangeDetail,
} from './components/obs-stream/obs-stream.js';
import { defineElement } from './components/shared/define.js';

defineElement('obs-stream', ObsStream);

export { ObsStream };
export { CommandError } from './components/obs-stream/obs-stream.js';
export type {
  ObsEndDetail,
  ObsGapDetail,
  ObsInvalidDataDetail,
  InvalidSample,
  ObsServerErrorDetail,
  ObsStaleChangeDetail,
  ObsStatusChangeDetail,
  StreamFallback,
  StreamStatus,
} from './components/obs-stream/obs-stream.js';

/** Events of `<obs-stream>`, by name. */
export interface ObsStreamEventMap {
  'obs-status-change': CustomEvent<ObsStatusChangeDetail>;
  'obs-invalid-data': CustomEvent<ObsInvalidDataDetail>;
  'obs-gap': CustomEvent<ObsGapDetail>;
  'obs-stale-change': CustomEvent<ObsStaleChangeDetail>;
  'obs-server-error': CustomEvent<ObsServerErrorDetail>;
  'obs-end': CustomEvent<ObsEndDetail>;
}

declare global {
  interface HTMLElementTagNameMap {
    'obs-stream': ObsStream;
  }
  // The events bubble and are composed, so any element, the document or the window may listen.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the event map
  interface GlobalEventHandlersEventMap extends ObsStreamEventMap {}
}
