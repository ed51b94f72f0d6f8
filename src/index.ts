// Registers every Observatory element and exports the public API.
export * from './obs-stream.js';
export * from './obs-chart.js';
export * from './obs-grid.js';
export * from './obs-filter.js';
export * from './obs-perf.js';
export * from './core/index.js';
