// Registers <obs-stream> and types its tag and events for consumers.
import {
  ObsStream,
  type GapDetail,
  type InvalidDataDetail,
  type ServerErrorDetail,
  type StaleChangeDetail,
  type StatusChangeDetail,
} from './components/obs-stream/obs-stream.js';
import { defineElement } from './components/shared/define.js';

defineElement('obs-stream', ObsStream);

export { ObsStream };
export { CommandError } from './components/obs-stream/obs-stream.js';
export type {
  GapDetail,
  InvalidDataDetail,
  InvalidSample,
  ServerErrorDetail,
  StaleChangeDetail,
  StatusChangeDetail,
  StreamFallback,
  StreamStatus,
} from './components/obs-stream/obs-stream.js';

/** Events of `<obs-stream>`, by name. */
export interface ObsStreamEventMap {
  'obs-status-change': CustomEvent<StatusChangeDetail>;
  'obs-invalid-data': CustomEvent<InvalidDataDetail>;
  'obs-gap': CustomEvent<GapDetail>;
  'obs-stale-change': CustomEvent<StaleChangeDetail>;
  'obs-server-error': CustomEvent<ServerErrorDetail>;
}

declare global {
  interface HTMLElementTagNameMap {
    'obs-stream': ObsStream;
  }
  // The events bubble and are composed, so any element, the document or the window may listen.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the event map
  interface GlobalEventHandlersEventMap extends ObsStreamEventMap {}
}
