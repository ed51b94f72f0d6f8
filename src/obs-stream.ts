// Registers <obs-stream>.
import { ObsStream } from './components/obs-stream/obs-stream.js';
import { defineElement } from './components/shared/define.js';

defineElement('obs-stream', ObsStream);

export { ObsStream };

declare global {
  interface HTMLElementTagNameMap {
    'obs-stream': ObsStream;
  }
}
