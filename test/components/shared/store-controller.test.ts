import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/index.js';

describe('store lookup warnings', () => {
  it('warns once for each tag that finds no store', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: unknown) => warnings.push(String(message));
    try {
      await fixture(html`
        <div>
          <obs-chart></obs-chart>
          <obs-chart></obs-chart>
          <obs-grid></obs-grid>
        </div>
      `);
      await waitUntil(() => warnings.length >= 2, 'fewer than two warnings were printed');
    } finally {
      console.warn = original;
    }

    const missing = warnings.filter((text) => text.includes('found no store'));
    expect(missing.length).to.equal(2);
    expect(missing[0]).to.contain('[observatory:chart-no-store] <obs-chart>');
    expect(missing[1]).to.contain('[observatory:grid-no-store] <obs-grid>');
  });
});
