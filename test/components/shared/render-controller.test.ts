import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { pageQuality } from '../../../src/components/shared/page-quality.js';
import type { ObsErrorDetail } from '../../../src/components/shared/render-boundary.js';
import { renderErrorStyles } from '../../../src/components/shared/render-boundary.js';
import { RenderController } from '../../../src/components/shared/render-controller.js';
import { renderMetrics } from '../../../src/components/shared/render-metrics.js';

/** A minimal element that adopts the render controller the way the real elements do. */
class PaintProbe extends LitElement {
  static override styles = [renderErrorStyles];
  paints = 0;
  paintError: unknown = null;
  renderError: unknown = null;
  readonly controller = new RenderController(this, () => this.#paint());

  protected override render() {
    return this.controller.render(() => {
      if (this.renderError !== null) throw this.renderError;
      return html`<p class="content">content</p>`;
    });
  }

  #paint(): void {
    if (this.paintError !== null) throw this.paintError;
    this.paints++;
  }
}
customElements.define('paint-probe', PaintProbe);

async function renderProbe(attributes = ''): Promise<PaintProbe> {
  const probe = await fixture<PaintProbe>(html`<paint-probe></paint-probe>`);
  for (const name of attributes.split(' ').filter(Boolean)) probe.setAttribute(name, '');
  return probe;
}

function setVisibility(state: DocumentVisibilityState | null): void {
  if (state === null) {
    delete (document as { visibilityState?: unknown }).visibilityState;
  } else {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  }
  document.dispatchEvent(new Event('visibilitychange'));
}

function pin(level: 'high' | 'medium' | 'low' | null): void {
  pageQuality.pin(level, pin);
}

describe('RenderController', () => {
  afterEach(() => {
    setVisibility(null);
    pin('high');
    pin(null);
  });

  it('draws and reports render time', async () => {
    const probe = await renderProbe();

    probe.controller.draw();

    expect(probe.paints).to.equal(1);
    const record = renderMetrics.records().find((entry) => entry.element === probe)!;
    expect(record.kind).to.equal('render');
    expect(record.count).to.be.at.least(2);
  });

  it('leaves the page metrics when removed', async () => {
    const probe = await renderProbe();

    probe.remove();

    expect(renderMetrics.records().some((entry) => entry.element === probe)).to.equal(false);
  });

  it('reports filter time separately', async () => {
    const probe = await renderProbe();

    const result = probe.controller.measureFilter(() => 42);

    const kinds = renderMetrics
      .records()
      .filter((entry) => entry.element === probe)
      .map((entry) => entry.kind);
    expect(result).to.equal(42);
    expect(kinds).to.deep.equal(['render', 'filter']);
  });

  it('catches up after a hidden tab', async () => {
    const probe = await renderProbe();
    setVisibility('hidden');

    probe.controller.draw();
    probe.controller.draw();
    const whileHidden = probe.paints;
    setVisibility('visible');
    await waitUntil(() => probe.paints > 0, 'no catch-up frame was drawn');
    await new Promise((resolve) => requestAnimationFrame(resolve));

    expect(whileHidden).to.equal(0);
    expect(probe.paints).to.equal(1);
  });

  it('keeps drawing hidden with always-render', async () => {
    const probe = await renderProbe('always-render');
    setVisibility('hidden');

    probe.controller.draw();
    await waitUntil(() => probe.paints >= 2, 'the hidden timer never drew', { timeout: 3000 });

    expect(probe.paints).to.be.at.least(2);
  });

  it('keeps drawing hidden under the page policy', async () => {
    const probe = await renderProbe();
    const owner = {};
    pageQuality.setAlwaysRender(true, owner);
    setVisibility('hidden');
    const before = probe.paints;

    probe.controller.draw();
    pageQuality.setAlwaysRender(false, owner);

    expect(probe.paints).to.equal(before + 1);
  });

  it('draws at most once per interval at low quality', async () => {
    const probe = await renderProbe();
    pin('low');
    // Changing the level drew once, so the next draws fall inside the interval.
    const before = probe.paints;
    const start = performance.now();

    for (let i = 0; i < 10; i++) probe.controller.draw();
    const immediate = probe.paints - before;
    await waitUntil(() => probe.paints - before === 1, 'the deferred draw never ran');

    expect(immediate).to.equal(0);
    expect(performance.now() - start).to.be.at.least(200);
    expect(probe.controller.quality.settings.updateIntervalMs).to.equal(250);
  });

  it('redraws when the page level changes', async () => {
    const probe = await renderProbe();
    const before = probe.paints;

    pin('medium');

    expect(probe.paints).to.equal(before + 1);
    expect(probe.controller.quality.level).to.equal('medium');
  });

  it('follows its own quality attribute over the page level', async () => {
    const probe = await renderProbe();
    pin('low');

    probe.setAttribute('quality', 'high');
    await waitUntil(() => probe.controller.quality.level === 'high', 'attribute ignored');

    expect(probe.controller.quality.settings.gridOverscanRows).to.equal(8);
  });

  it('ignores an invalid quality attribute', async () => {
    const probe = await renderProbe();
    pin('medium');

    probe.setAttribute('quality', '__proto__');

    expect(probe.controller.quality.level).to.equal('medium');
  });
});

describe('RenderBoundary', () => {
  it('shows a failed draw with its message and fires obs-error', async () => {
    const probe = await renderProbe();
    probe.paintError = new Error('scale has no finite domain');
    const fired = oneEvent(probe, 'obs-error');

    probe.controller.draw();
    const { detail } = (await fired) as CustomEvent<ObsErrorDetail>;
    await probe.updateComplete;

    expect(detail.message).to.equal('scale has no finite domain');
    expect(detail.phase).to.equal('draw');
    expect(detail.fatal).to.equal(true);
    const panel = probe.shadowRoot!.querySelector('[part="render-error"]')!;
    expect(panel.getAttribute('role')).to.equal('alert');
    expect(panel.textContent).to.contain('draw: scale has no finite domain');
    expect(probe.shadowRoot!.querySelector('.content')).to.equal(null);
  });

  it('stops drawing until retry', async () => {
    const probe = await renderProbe();
    probe.paintError = new Error('broken');
    probe.controller.draw();
    let errors = 0;
    probe.addEventListener('obs-error', () => errors++);

    probe.paintError = null;
    probe.controller.draw();

    expect(probe.paints).to.equal(0);
    expect(errors).to.equal(0);
  });

  it('recovers through the retry button', async () => {
    const probe = await renderProbe();
    probe.paintError = new Error('broken');
    probe.controller.draw();
    await probe.updateComplete;
    probe.paintError = null;

    probe.shadowRoot!.querySelector<HTMLButtonElement>('[part="render-error-retry"]')!.click();
    await waitUntil(() => probe.paints === 1, 'retry did not draw');
    await probe.updateComplete;

    expect(probe.shadowRoot!.querySelector('[part="render-error"]')).to.equal(null);
    expect(probe.shadowRoot!.querySelector('.content')).to.not.equal(null);
  });

  it('shows the failure again when retry fails', async () => {
    const probe = await renderProbe();
    probe.paintError = new Error('still broken');
    probe.controller.draw();
    await probe.updateComplete;
    const fired = oneEvent(probe, 'obs-error');

    probe.controller.boundary.retry();
    await fired;
    await probe.updateComplete;

    expect(probe.shadowRoot!.querySelector('[part="render-error"]')).to.not.equal(null);
  });

  it('contains a template that throws', async () => {
    const probe = await renderProbe();
    const fired = oneEvent(probe, 'obs-error');

    probe.renderError = new TypeError('columns.map is not a function');
    probe.requestUpdate();
    const { detail } = (await fired) as CustomEvent<ObsErrorDetail>;
    await probe.updateComplete;

    expect(detail.phase).to.equal('render');
    expect(
      probe.shadowRoot!.querySelector('[part="render-error-message"]')!.textContent,
    ).to.contain('columns.map is not a function');
  });

  it('shows hostile messages as text', async () => {
    const probe = await renderProbe();
    probe.paintError = new Error('<img src=x onerror=alert(1)>');

    probe.controller.draw();
    await probe.updateComplete;

    expect(probe.shadowRoot!.querySelector('img')).to.equal(null);
    expect(
      probe.shadowRoot!.querySelector('[part="render-error-message"]')!.textContent,
    ).to.contain('<img src=x onerror=alert(1)>');
  });

  it('reports thrown non-errors and shortens long messages', async () => {
    const probe = await renderProbe();
    const fired = oneEvent(probe, 'obs-error');
    probe.paintError = 'x'.repeat(5000);

    probe.controller.draw();
    const { detail } = (await fired) as CustomEvent<ObsErrorDetail>;
    await probe.updateComplete;

    const shown = probe.shadowRoot!.querySelector('[part="render-error-message"]')!.textContent!;
    expect(detail.message.length).to.equal(5000);
    expect(shown.length).to.be.lessThan(400);
  });

  it('keeps content beside a non-fatal failure and fires once', async () => {
    const probe = await renderProbe();
    const formatter = probe.controller.boundary.watch((value: number) => {
      if (value < 0) throw new RangeError(`negative value ${value}`);
      return String(value);
    }, "formatter of column 'value'");
    let errors = 0;
    probe.addEventListener('obs-error', (event) => {
      errors++;
      expect(event.detail.fatal).to.equal(false);
    });

    expect(formatter(3)).to.equal('3');
    expect(() => formatter(-1)).to.throw(RangeError);
    expect(() => formatter(-1)).to.throw(RangeError);
    await probe.updateComplete;

    expect(errors).to.equal(1);
    expect(probe.shadowRoot!.querySelector('.content')).to.not.equal(null);
    const banner = probe.shadowRoot!.querySelector('[part="render-error"]')!;
    expect(banner.textContent).to.contain("formatter of column 'value' failed: negative value -1");
    expect(banner.querySelector('[part="render-error-retry"]')).to.not.equal(null);
  });

  it('is accessible in the error state', async () => {
    const probe = await renderProbe();
    probe.paintError = new Error('broken');
    probe.controller.draw();
    await probe.updateComplete;

    await expect(probe).to.be.accessible();
  });
});
