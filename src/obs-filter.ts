// Registers <obs-filter>.
import { ObsFilter } from './components/obs-filter/obs-filter.js';
import { defineElement } from './components/shared/define.js';

defineElement('obs-filter', ObsFilter);

export { ObsFilter };

declare global {
  interface HTMLElementTagNameMap {
    'obs-filter': ObsFilter;
  }
}
