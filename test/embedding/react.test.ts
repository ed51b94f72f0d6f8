// The React 19 snippet of docs/embedding.md, bundled by scripts/embedding-apps.mjs.
import './support/resource-probe.js';
import type { createElement as CreateElement, FunctionComponent } from 'react';
import type { flushSync as FlushSync } from 'react-dom';
import type { createRoot as CreateRoot, Root } from 'react-dom/client';
import type { Store } from '../../src/core/store.js';
import { importApp, runLifecycle, type DashboardProps } from './support/lifecycle.js';

interface ReactApp {
  Store: typeof Store;
  Dashboard: FunctionComponent<DashboardProps>;
  createElement: typeof CreateElement;
  createRoot: typeof CreateRoot;
  flushSync: typeof FlushSync;
}

describe('React 19 dashboard', () => {
  it('mounts, updates and unmounts 50 times cleanly', async function () {
    // 50 cycles, each waiting for a WebSocket to go live, outlast the default 20 s.
    this.timeout(120_000);
    const react = await importApp<ReactApp>('react');
    let root: Root | null = null;
    const render = (props: DashboardProps) =>
      react.flushSync(() => root!.render(react.createElement(react.Dashboard, props)));
    await runLifecycle(
      {
        createStore: (capacity) => new react.Store({ capacity }),
        async mount(host, props) {
          root = react.createRoot(host);
          render(props);
        },
        async update(props) {
          render(props);
        },
        async unmount() {
          root!.unmount();
          root = null;
        },
      },
      `react-${Date.now()}`,
    );
  });
});
