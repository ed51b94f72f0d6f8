import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import {
  pageQuality,
  type ObsQualityChangeDetail,
} from '../../../src/components/shared/page-quality.js';
import { RenderController } from '../../../src/components/shared/render-controller.js';

/** An element that draws through a render controller and can be made slow. */
class DrawProbe extends LitElement {
  /** Milliseconds each paint keeps the main thread busy. */
  paintMs = 0;
  paints = 0;
  readonly controller = new RenderController(this, () => this.#paint());
  #loop = 0;

  /** Asks for a draw in every animation frame, as a chart fed by a fast stream does. */
  startDrawing(): void {
    const frame = () => {
      this.controller.draw();
      this.#loop = requestAnimationFrame(frame);
    };
    this.#loop = requestAnimationFrame(frame);
  }

  stopDrawing(): void {
    cancelAnimationFrame(this.#loop);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopDrawing();
  }

  #paint(): void {
    this.paints++;
    const end = performance.now() + this.paintMs;
    while (performance.now() < end) {
      // Busy wait: a slow paint is what lowers the frame rate.
    }
  }
}
customElements.define('draw-probe', DrawProbe);

/** Counts calls of `requestAnimationFrame` until `restore()`. */
function countFrameRequests(): { readonly count: number; restore(): void } {
  const original = window.requestAnimationFrame;
  const counter = {
    count: 0,
    restore() {
      window.requestAnimationFrame = original;
    },
  };
  window.requestAnimationFrame = (callback) => {
    counter.count++;
    return original.call(window, callback);
  };
  return counter;
}

function resetQuality(): void {
  const owner = {};
  pageQuality.pin('high', owner);
  pageQuality.pin(null, owner);
}

describe('pageQuality', () => {
  afterEach(() => resetQuality());

  it('measures the frame rate of drawing elements', async () => {
    const probe = await fixture<DrawProbe>(html`<draw-probe></draw-probe>`);

    probe.startDrawing();
    await waitUntil(() => (pageQuality.fps ?? 0) > 0, 'no frame rate was measured', {
      timeout: 5000,
    });

    expect(pageQuality.idle).to.equal(false);
    expect(probe.paints).to.be.greaterThan(0);
  });

  it('requests no frames on an idle page', async () => {
    const probe = await fixture<DrawProbe>(html`<draw-probe></draw-probe>`);
    const requests = countFrameRequests();
    try {
      probe.controller.draw();
      await waitUntil(() => pageQuality.idle, 'the page never became idle', { timeout: 5000 });
    } finally {
      requests.restore();
    }

    // One draw starts a chain of one frame plus one more to see that nothing else was drawn.
    expect(requests.count).to.be.at.most(2);
    expect(pageQuality.fps).to.equal(null);
  });

  it('goes idle when drawing stops', async () => {
    const probe = await fixture<DrawProbe>(html`<draw-probe></draw-probe>`);
    probe.startDrawing();
    await waitUntil(() => pageQuality.fps !== null, 'no frame rate was measured', {
      timeout: 5000,
    });

    probe.stopDrawing();
    await waitUntil(() => pageQuality.idle, 'the page never became idle', { timeout: 5000 });

    expect(pageQuality.fps).to.equal(null);
  });

  it('drops and recovers without <obs-perf>', async function () {
    this.timeout(40_000);
    const probe = await fixture<DrawProbe>(html`<draw-probe></draw-probe>`);
    const changes: ObsQualityChangeDetail[] = [];
    const onChange = (event: Event) =>
      changes.push((event as CustomEvent<ObsQualityChangeDetail>).detail);
    pageQuality.addEventListener('change', onChange);
    try {
      expect(document.querySelector('obs-perf')).to.equal(null);
      probe.paintMs = 70;
      probe.startDrawing();
      await waitUntil(() => pageQuality.level === 'medium', 'the level never dropped', {
        timeout: 15_000,
      });
      probe.paintMs = 0;
      await waitUntil(() => pageQuality.level === 'high', 'the level never recovered', {
        timeout: 15_000,
      });
    } finally {
      pageQuality.removeEventListener('change', onChange);
    }

    expect(changes.map((change) => change.level)).to.deep.equal(['medium', 'high']);
    expect(changes[0].reason).to.equal('low-frame-rate');
    expect(changes[0].fps).to.be.below(30);
    expect(changes[1].reason).to.equal('recovered');
  });

  it('recovers after a slowdown that no element caused', async function () {
    this.timeout(40_000);
    await fixture<DrawProbe>(html`<draw-probe></draw-probe>`);
    let busy = true;
    const load = () => {
      if (!busy) return;
      const end = performance.now() + 70;
      while (performance.now() < end) {
        // Busy wait in every frame, like a page's own slow script.
      }
      requestAnimationFrame(load);
    };
    requestAnimationFrame(load);
    try {
      await waitUntil(() => pageQuality.level === 'medium', 'the level never dropped', {
        timeout: 15_000,
      });
    } finally {
      busy = false;
    }

    await waitUntil(() => pageQuality.level === 'high', 'the level never recovered', {
      timeout: 15_000,
    });
  });

  it('stops measuring when the last element leaves', async () => {
    const probe = await fixture<DrawProbe>(html`<draw-probe></draw-probe>`);
    probe.startDrawing();
    await waitUntil(() => pageQuality.fps !== null, 'no frame rate was measured', {
      timeout: 5000,
    });

    probe.remove();

    expect(pageQuality.fps).to.equal(null);
    expect(pageQuality.idle).to.equal(true);
  });

  it('keeps a pinned level under a slow page', async () => {
    const probe = await fixture<DrawProbe>(html`<draw-probe></draw-probe>`);
    const owner = {};
    pageQuality.pin('high', owner);
    probe.paintMs = 70;
    probe.startDrawing();

    await waitUntil(() => (pageQuality.fps ?? 60) < 30, 'the slow frames were not measured', {
      timeout: 5000,
    });

    expect(pageQuality.level).to.equal('high');
    pageQuality.pin(null, owner);
  });
});
