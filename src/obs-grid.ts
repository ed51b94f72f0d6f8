// Registers <obs-grid>.
import { ObsGrid } from './components/obs-grid/obs-grid.js';
import { defineElement } from './components/shared/define.js';

defineElement('obs-grid', ObsGrid);

export { ObsGrid };

declare global {
  interface HTMLElementTagNameMap {
    'obs-grid': ObsGrid;
  }
}
