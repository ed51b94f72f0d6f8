// Compiled by the type check: plain DOM code gets the element classes from the tag names and
// typed `detail` from the event names.
import '../../../src/index.js';

export function wire(root: ParentNode): void {
  const chart = root.querySelector('obs-chart');
  if (chart !== null) {
    const window: number = chart.window;
    chart.window = window * 2;
    chart.addEventListener('obs-zoom', (event) => {
      const live: boolean = event.detail.live;
      return live;
    });
  }

  const grid = document.createElement('obs-grid');
  grid.columns = [{ key: 'value', label: 'Value' }];
  grid.addEventListener('obs-selection-change', (event) => event.detail.ids.length);

  // The events bubble and are composed, so the document hears them with their detail too.
  document.addEventListener('obs-filter-change', (event) => event.detail.criteria?.conditions);
  window.addEventListener('obs-status-change', (event) => event.detail.status);

  const stream = document.createElement('obs-stream');
  // @ts-expect-error store is read-only on <obs-stream>
  stream.store = null;
  // @ts-expect-error obs-invalid-data carries a count, not ids
  stream.addEventListener('obs-invalid-data', (event) => event.detail.ids);
}
