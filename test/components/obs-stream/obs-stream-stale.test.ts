import { expect, waitUntil } from '@open-wc/testing';
import { describe, it, renderStream } from './helpers.js';

const POINT = { timestamp: 1000, value: 1, category: 'cpu', source: 'web-1' };

describe('<obs-stream> stale-after', () => {
  it('warns about an invalid value and uses 5000', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...parts: unknown[]) => warnings.push(parts.join(' '));
    let element;
    try {
      ({ element } = await renderStream({ url: 'javascript:0', 'stale-after': 'soon' }));
    } finally {
      console.warn = warn;
    }
    element.injectPoints([POINT]);

    await waitUntil(() => element.stale, 'never turned stale', { timeout: 8000 });

    expect(element.freshness).to.be.greaterThan(5000);
    const warning = warnings.find((text) => text.includes('stale-after'));
    expect(warning).to.include('got NaN');
    expect(warning).to.include('using 5000');
  });

  it('reads an empty value as invalid, not as 0', async () => {
    const { element } = await renderStream({ url: 'javascript:0', 'stale-after': '' });

    expect(Number.isNaN(element.staleAfter)).to.equal(true);
  });

  it('0 turns staleness off', async () => {
    const { element } = await renderStream({ url: 'javascript:0', 'stale-after': '100' });
    element.injectPoints([POINT]);
    await waitUntil(() => element.stale, 'never turned stale', { timeout: 5000 });

    element.staleAfter = 0;

    await waitUntil(() => !element.stale, 'stayed stale with stale-after 0', { timeout: 5000 });
    expect(element.hasAttribute('stale')).to.equal(false);
  });
});
