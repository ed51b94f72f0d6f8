// Loading Observatory more than once: the npm build, the script-tag bundles twice and the
// classic script all on one page. The first definition of each tag wins and nothing throws.
import { expect, waitUntil } from '@open-wc/testing';

const TAGS = ['obs-stream', 'obs-chart', 'obs-grid', 'obs-filter', 'obs-perf'];

/** Imports a module by URL, so the type check does not look for files made by the build. */
function importUrl(url: string): Promise<unknown> {
  return import(/* @vite-ignore */ url);
}

/** Loads a classic script and resolves when it ran, or rejects when it failed to load. */
function loadClassicScript(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.addEventListener('load', () => resolve());
    script.addEventListener('error', () => reject(new Error(`${url} failed to load`)));
    document.head.append(script);
  });
}

/** Records console.warn calls while `body` runs. */
async function captureWarnings(body: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  try {
    await body();
  } finally {
    console.warn = warn;
  }
  return warnings;
}

const uncaught: string[] = [];
window.addEventListener('error', (event) => uncaught.push(event.message));

describe('registration beside other copies', () => {
  let npmClasses: Map<string, CustomElementConstructor | undefined>;

  before(async () => {
    const bundle = await fetch('/dist/npm-dev/index.js', { method: 'HEAD' });
    if (!bundle.ok) throw new Error('dist/ is missing; run npm run build first.');
    await importUrl('/dist/npm-dev/index.js');
    npmClasses = new Map(TAGS.map((tag) => [tag, customElements.get(tag)]));
  });

  it('defines every tag from the npm build', () => {
    for (const tag of TAGS) expect(npmClasses.get(tag), tag).to.be.a('function');
  });

  it('loads production bundles silently', async () => {
    const warnings = await captureWarnings(async () => {
      await importUrl('/dist/observatory.min.js');
      await importUrl('/dist/observatory.min.js?second-copy');
      await loadClassicScript('/dist/observatory.iife.min.js');
    });
    expect(warnings).to.deep.equal([]);
    expect(uncaught).to.deep.equal([]);
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.equal(npmClasses.get(tag));
  });

  it('warns once per tag in development', async () => {
    const warnings = await captureWarnings(async () => {
      await importUrl('/dist/observatory.dev.js');
    });
    const redefined = warnings.filter((text) => text.includes('already defined'));
    expect(redefined).to.have.length(TAGS.length);
    for (const tag of TAGS) {
      expect(
        redefined.filter((text) => text.includes(`[observatory:redefine-${tag}]`)),
        tag,
      ).to.have.length(1);
    }
    expect(uncaught).to.deep.equal([]);
  });

  it('keeps the first copy working', async () => {
    const stream = document.createElement('obs-stream');
    stream.rate = 200;
    const grid = document.createElement('obs-grid');
    stream.append(grid);
    document.body.append(stream);
    await waitUntil(() => grid.rowCount > 0, 'the grid of the first copy shows no rows');
    expect(stream).to.be.instanceOf(npmClasses.get('obs-stream')!);
    stream.remove();
  });
});
