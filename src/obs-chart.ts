// Registers <obs-chart>.
import { ObsChart } from './components/obs-chart/obs-chart.js';
import { defineElement } from './components/shared/define.js';

defineElement('obs-chart', ObsChart);

export { ObsChart };

declare global {
  interface HTMLElementTagNameMap {
    'obs-chart': ObsChart;
  }
}
