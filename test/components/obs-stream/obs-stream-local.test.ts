import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { ObsStream } from '../../../src/obs-stream.js';
import { describe, it, renderStream, storedPoints, waitForSize } from './helpers.js';

describe('<obs-stream> without url', () => {
  it('runs the generator and reports mock', async () => {
    const { element, statuses } = await renderStream({ rate: '500' });

    await waitForSize(element, 10);

    expect(element.status).to.equal('mock');
    expect(element.getAttribute('status')).to.equal('mock');
    expect(statuses.map((detail) => detail.status)).to.deep.equal(['mock']);
    const categories = new Set(storedPoints(element).map((point) => point.category));
    expect([...categories]).to.include.members(['cpu', 'memory']);
    const indicator = element.shadowRoot?.querySelector('[part="status"]');
    expect(indicator?.textContent?.trim()).to.equal('Mock data');
  });

  it('applies the scenario attribute', async () => {
    const { element } = await renderStream({ rate: '500', scenario: 'system_failure' });

    await waitForSize(element, 1);

    expect(storedPoints(element)[0].metadata?.scenario).to.equal('system_failure');
  });

  it('stops generating when removed', async () => {
    const { element } = await renderStream({ rate: '1000' });
    await waitForSize(element, 1);

    element.remove();
    const size = element.store.size;
    const received = element.receivedCount;
    // A second stream at the same rate shows how many ticks have passed since the removal.
    const { element: clock } = await renderStream({ rate: '1000' });
    await waitUntil(() => clock.receivedCount >= 300, 'second stream generated nothing');

    expect(element.status).to.equal('offline');
    expect(element.receivedCount).to.equal(received);
    expect(element.store.size).to.equal(size);
  });

  it('exposes the store before connecting', () => {
    const element = document.createElement('obs-stream');

    expect(element.store.capacity).to.equal(100_000);
    expect(element.store.size).to.equal(0);
  });
});

describe('<obs-stream> injectPoints', () => {
  it('warns once about timestamps in seconds', async () => {
    const { element } = await renderStream({ url: 'javascript:0' });
    const base = { category: 'cpu', source: 'web-1', value: 1 };
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...parts: unknown[]) => warnings.push(parts.join(' '));
    try {
      element.injectPoints([{ ...base, id: 'ms', timestamp: 1_733_350_000_000 }]);
      await waitForSize(element, 1);
      const afterMilliseconds = warnings.length;

      element.injectPoints([{ ...base, id: 's1', timestamp: 1_733_350_000 }]);
      await waitForSize(element, 2);
      element.injectPoints([{ ...base, id: 's2', timestamp: 1_733_350_001 }]);
      await waitForSize(element, 3);

      expect(afterMilliseconds).to.equal(0);
      const seconds = warnings.filter((text) => text.includes('[observatory:stream-seconds]'));
      expect(seconds).to.have.length(1);
      expect(seconds[0]).to.contain('received timestamp 1733350000');
      expect(seconds[0]).to.contain('1970-01-21T');
      expect(seconds[0]).to.contain('multiply seconds by 1000');
    } finally {
      console.warn = warn;
    }
  });

  it('keeps valid points and reports the rest', async () => {
    const { element, invalid } = await renderStream({ url: 'javascript:0' });
    const base = { category: 'cpu', source: 'web-1', timestamp: 1000 };

    const result = element.injectPoints([
      { ...base, id: 'a', value: 1 },
      { ...base, id: 'b', value: NaN },
      { ...base, id: 'c', value: Infinity },
      { ...base, id: 'd', value: '3' },
      { ...base, value: null },
      null,
    ]);

    expect(result).to.deep.equal({ accepted: 2, rejected: 4, dropped: 0 });
    expect(invalid).to.have.length(1);
    expect(invalid[0].origin).to.equal('inject');
    expect(invalid[0].samples.map((sample) => sample.index)).to.deep.equal([1, 2, 3, 5]);
    expect(invalid[0].samples.map((sample) => sample.reason)).to.deep.equal([
      'value: must be a finite number or null, got NaN',
      'value: must be a finite number or null, got Infinity',
      'value: must be a finite number or null, got a string',
      'point: Invalid input: expected object, received null',
    ]);
    await waitForSize(element, 2);
    const points = storedPoints(element);
    expect(points[0].id).to.equal('a');
    expect(Number.isNaN(points[1].value)).to.equal(true);
    expect(points[1].id).to.match(/^obs-stream-\d+-0$/);
  });

  it('counts a non-array as one invalid message', async () => {
    const { element, invalid } = await renderStream({ url: 'javascript:0' });

    const result = element.injectPoints({ id: 1 } as unknown as unknown[]);

    expect(result).to.deep.equal({ accepted: 0, rejected: 1, dropped: 0 });
    expect(invalid[0].samples).to.deep.equal([
      { index: -1, reason: 'points must be an array, got object' },
    ]);
    expect(element.invalidCount).to.equal(1);
  });

  it('appends at most once per frame', async () => {
    const { element } = await renderStream({ url: 'javascript:0' });
    let appends = 0;
    element.store.addEventListener('append', () => appends++);

    for (let i = 0; i < 20; i++) {
      element.injectPoints([{ id: `p${i}`, timestamp: i, value: i, category: 'cpu', source: 'a' }]);
    }

    expect(element.store.size).to.equal(0);
    await waitUntil(() => element.store.size === 20, 'points never reached the store');
    expect(appends).to.equal(1);
  });
});

describe('<obs-stream> buffer-size', () => {
  it('injectPoints reports the points it dropped', async () => {
    const { element } = await renderStream({ url: 'javascript:0', 'buffer-size': '3' });
    const points = (values: number[]) =>
      values.map((value) => ({
        id: `p${value}`,
        timestamp: value,
        value,
        category: 'c',
        source: 's',
      }));

    // All three calls fall in one frame, so each call past three queued points pushes out the
    // oldest ones, whichever call queued them.
    const first = element.injectPoints(points([1, 2]));
    const second = element.injectPoints(points([3, 4, 5]));
    const third = element.injectPoints(points([6, 7, 8, 9, 10]));

    expect(first).to.deep.equal({ accepted: 2, rejected: 0, dropped: 0 });
    expect(second).to.deep.equal({ accepted: 3, rejected: 0, dropped: 2 });
    expect(third).to.deep.equal({ accepted: 5, rejected: 0, dropped: 5 });
    expect(element.droppedCount).to.equal(7);
    await waitUntil(() => element.store.size === 3, 'store never filled');
    expect(storedPoints(element).map((point) => point.value)).to.deep.equal([8, 9, 10]);
  });

  it('resizes the store', async () => {
    const { element } = await renderStream({ url: 'javascript:0', 'buffer-size': '3' });
    expect(element.store.capacity).to.equal(3);

    element.injectPoints(
      [1, 2, 3, 4, 5].map((i) => ({
        id: `p${i}`,
        timestamp: i,
        value: i,
        category: 'c',
        source: 's',
      })),
    );
    await waitUntil(() => element.store.size === 3, 'store never filled');
    element.bufferSize = 10;
    await element.updateComplete;

    expect(element.store.capacity).to.equal(10);
    expect(storedPoints(element).map((point) => point.value)).to.deep.equal([3, 4, 5]);
  });

  it('keeps the capacity on an invalid size', async () => {
    const { element } = await renderStream({ url: 'javascript:0' });

    for (const size of ['abc', '0', '-5', '1.5', '1e9']) {
      element.setAttribute('buffer-size', size);
      await element.updateComplete;
      expect(element.store.capacity, size).to.equal(100_000);
    }
  });
});

/** Returns the computed color of the status dot, which shows the generator's `mock` color here. */
function dotColor(element: ObsStream): string {
  const dot = element.shadowRoot?.querySelector('.dot');
  expect(dot, 'status dot').to.not.equal(null);
  return getComputedStyle(dot as Element).backgroundColor;
}

const MOCK_LIGHT = 'rgb(130, 80, 223)';
const MOCK_DARK = 'rgb(163, 113, 247)';

describe('<obs-stream> theme', () => {
  after(() => emulateMedia({ colorScheme: 'light' }));

  it('follows prefers-color-scheme unless set', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const { element } = await renderStream({ rate: '10' });
    expect(dotColor(element), 'system dark').to.equal(MOCK_DARK);

    element.theme = 'light';
    await element.updateComplete;
    expect(element.getAttribute('theme')).to.equal('light');
    expect(dotColor(element), 'theme="light"').to.equal(MOCK_LIGHT);

    await emulateMedia({ colorScheme: 'light' });
    element.removeAttribute('theme');
    await element.updateComplete;
    expect(element.theme).to.equal(null);
    expect(dotColor(element), 'system light').to.equal(MOCK_LIGHT);

    element.setAttribute('theme', 'dark');
    await element.updateComplete;
    expect(element.theme).to.equal('dark');
    expect(dotColor(element), 'theme="dark"').to.equal(MOCK_DARK);
  });

  it('keeps a custom property over the theme', async () => {
    const { element } = await renderStream({ rate: '10', theme: 'dark' });
    element.style.setProperty('--obs-stream-mock-color', 'rgb(1, 2, 3)');

    expect(dotColor(element)).to.equal('rgb(1, 2, 3)');
  });

  it('falls back to the system palette for an unknown theme', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const { element } = await renderStream({ rate: '10', theme: '<img src=x onerror=alert(1)>' });

    expect(dotColor(element)).to.equal(MOCK_LIGHT);
  });
});
