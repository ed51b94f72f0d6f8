// Registers <obs-stream> and types its tag and events for consumers.
import {
  ObsStream,
  type InvalidDataDetail,
  type StatusChangeDetail,
} from './components/obs-stream/obs-stream.js';
import { defineElement } from './components/shared/define.js';

defineElement('obs-stream', ObsStream);

export { ObsStream };
export type {
  InvalidDataDetail,
  InvalidSample,
  StatusChangeDetail,
  StreamFallback,
  StreamStatus,
} from './components/obs-stream/obs-stream.js';

/** Events of `<obs-stream>`, by name. */
export interface ObsStreamEventMap {
  'obs-status-change': CustomEvent<StatusChangeDetail>;
  'obs-invalid-data': CustomEvent<InvalidDataDetail>;
}

declare global {
  interface HTMLElementTagNameMap {
    'obs-stream': ObsStream;
  }
  // The events bubble and are composed, so any element, the document or the window may listen.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the event map
  interface GlobalEventHandlersEventMap extends ObsStreamEventMap {}
}
