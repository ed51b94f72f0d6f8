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
    fields.freshness.toggleAttribute('data-stale', age > STALE_AFTER_MS);
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

customElements.whenDefined('obs-stream').then(() => {
  refresh();
  stream.store.addEventListener('append', addMetricCharts);
  stream.store.addEventListener('reset', () => {
    charted.clear();
    metricCharts.replaceChildren();
  });
  setInterval(refresh, 500);
});
