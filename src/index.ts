// Registers every Observatory element and exports the public API.
import './obs-stream.js';
import './obs-chart.js';
import './obs-grid.js';
import './obs-filter.js';
import './obs-perf.js';

export * from './core/index.js';
export { ObsStream } from './components/obs-stream/obs-stream.js';
export { ObsChart } from './components/obs-chart/obs-chart.js';
export { ObsGrid } from './components/obs-grid/obs-grid.js';
export { ObsFilter } from './components/obs-filter/obs-filter.js';
export { ObsPerf } from './components/obs-perf/obs-perf.js';
