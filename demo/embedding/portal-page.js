// Sets the rich properties of the elements on the portal test pages and records their events
// in window.portalEvents, as a portal script would. Waits for the elements to be defined, so
// it works beside the module bundle and the classic-script bundle alike.
window.portalEvents = [];

const TAGS = ['obs-stream', 'obs-chart', 'obs-grid', 'obs-filter'];
const EVENTS = [
  'obs-status-change',
  'obs-invalid-data',
  'obs-hover',
  'obs-zoom',
  'obs-filter-change',
  'obs-row-activate',
  'obs-sort-change',
  'obs-selection-change',
  'obs-follow-change',
  'obs-column-resize',
];

for (const name of EVENTS) {
  document.addEventListener(name, (event) => {
    window.portalEvents.push({ type: event.type, tag: event.target.localName });
  });
}

async function configure() {
  await Promise.all(TAGS.map((tag) => customElements.whenDefined(tag)));
  const grid = document.querySelector('obs-grid');
  grid.columns = [
    { key: 'timestamp', label: 'Time', width: 200 },
    { key: 'category', label: 'Metric' },
    { key: 'source', label: 'Host' },
    { key: 'value', label: 'Value', align: 'end' },
  ];
  const chart = document.querySelector('obs-chart');
  chart.thresholds = [{ value: 80, label: 'high' }];
  const filter = document.querySelector('obs-filter');
  filter.criteria = {
    logic: 'and',
    conditions: [{ field: 'value', op: 'gte', value: 0 }],
  };
  document.documentElement.dataset.configured = 'true';
}

configure();
