// Fills the header of the demo dashboard from the stream element's state.
const STALE_AFTER_MS = 10_000;

const stream = document.getElementById('live');
const fields = {
  status: document.getElementById('status'),
  held: document.getElementById('held'),
  received: document.getElementById('received'),
  invalid: document.getElementById('invalid'),
  freshness: document.getElementById('freshness'),
  rows: document.getElementById('rows'),
};
const numbers = new Intl.NumberFormat();
const metricCharts = document.getElementById('metric-charts');
const MAX_METRIC_CHARTS = 12;
const charted = new Set();
const overview = document.querySelector('obs-chart.overview');
const overviewTitle = document.getElementById('overview-title');
/** Map from category to the `unit` metadata of its first point. */
const units = new Map();

function describeAge(milliseconds) {
  if (milliseconds < 1000) return 'just now';
  const seconds = Math.round(milliseconds / 1000);
  return seconds < 120 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
}

function refresh() {
  const status = stream.getAttribute('status') ?? 'connecting';
  fields.status.textContent = status;
  fields.status.dataset.status = status;
  const store = stream.store;
  if (store) {
    fields.held.textContent = numbers.format(store.size);
    fields.rows.textContent = `(${numbers.format(store.view.length)} shown)`;
  }
  fields.received.textContent = numbers.format(stream.receivedCount ?? 0);
  fields.invalid.textContent = numbers.format(stream.invalidCount ?? 0);
  const last = stream.lastPointAt;
  if (last) {
    const age = Date.now() - last;
    fields.freshness.textContent = describeAge(age);
    // A replay that sent its last point has ended; its old points are not a stalled feed.
    fields.freshness.toggleAttribute('data-stale', status !== 'ended' && age > STALE_AFTER_MS);
  }
}

/** Adds one chart per category, with a line per source, as categories appear in the stream. */
function addMetricCharts() {
  const store = stream.store;
  if (!store) return;
  for (const category of store.categories()) {
    if (charted.has(category) || charted.size >= MAX_METRIC_CHARTS) continue;
    charted.add(category);
    const figure = document.createElement('figure');
    const caption = document.createElement('figcaption');
    caption.textContent = category;
    const chart = document.createElement('obs-chart');
    chart.setAttribute('categories', category);
    chart.setAttribute('series-by', 'source');
    chart.setAttribute('label', `${category} by source`);
    figure.append(caption, chart);
    metricCharts.append(figure);
  }
}

/**
 * Limits the overview to percentage metrics when the stream has any, because bytes per second
 * beside percentages on one value axis flatten every percentage to zero. Streams without
 * percentages, such as a replayed file, show every category.
 */
function updateOverview(event) {
  const store = stream.store;
  let added = false;
  for (let row = Math.max(event.detail.from, store.start); row < event.detail.to; row++) {
    const category = store.categoryAt(row);
    if (units.has(category)) continue;
    units.set(category, store.metadataAt(row)?.unit);
    added = true;
  }
  if (!added) return;
  const percentages = [...units].filter(([, unit]) => unit === 'percent').map(([name]) => name);
  if (percentages.length === 0) return;
  overview.setAttribute('categories', percentages.join(','));
  overview.setAttribute('unit', '%');
  overview.setAttribute('label', 'Every percentage metric');
  overviewTitle.textContent = 'Overview: percentages';
}

function resetOverview() {
  units.clear();
  overview.removeAttribute('categories');
  overview.removeAttribute('unit');
  overview.setAttribute('label', 'Every category');
  overviewTitle.textContent = 'Overview';
}

customElements.whenDefined('obs-stream').then(() => {
  refresh();
  stream.store.addEventListener('append', addMetricCharts);
  stream.store.addEventListener('append', updateOverview);
  stream.store.addEventListener('reset', () => {
    charted.clear();
    metricCharts.replaceChildren();
    resetOverview();
  });
  setInterval(refresh, 500);
});
