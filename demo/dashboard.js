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

customElements.whenDefined('obs-stream').then(() => {
  refresh();
  setInterval(refresh, 500);
});
