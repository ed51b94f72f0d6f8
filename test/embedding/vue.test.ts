// The Vue 3 snippet of docs/embedding.md, bundled by scripts/embedding-apps.mjs.
import './support/resource-probe.js';
import type { App, Component, createApp, h, nextTick, shallowReactive } from 'vue';
import type { Store } from '../../src/core/store.js';
import { importApp, runLifecycle, type DashboardProps } from './support/lifecycle.js';

interface VueApp {
  Store: typeof Store;
  Dashboard: Component;
  useObservatory(app: App): App;
  createApp: typeof createApp;
  h: typeof h;
  nextTick: typeof nextTick;
  shallowReactive: typeof shallowReactive;
}

describe('Vue 3 dashboard', () => {
  it('mounts, updates and unmounts 50 times cleanly', async function () {
    // 50 cycles, each waiting for a WebSocket to go live, outlast the default 20 s.
    this.timeout(120_000);
    const vue = await importApp<VueApp>('vue');
    let app: App | null = null;
    let state: DashboardProps | null = null;
    await runLifecycle(
      {
        createStore: (capacity) => new vue.Store({ capacity }),
        async mount(host, props) {
          // Shallow, so the elements receive the store itself rather than a deep reactive proxy,
          // because a proxy of a Store cannot reach its #private fields.
          const current = vue.shallowReactive({ ...props });
          state = current;
          app = vue.useObservatory(
            vue.createApp({ render: () => vue.h(vue.Dashboard, { ...current }) }),
          );
          app.mount(host);
          await vue.nextTick();
        },
        async update(props) {
          Object.assign(state!, props);
          await vue.nextTick();
        },
        async unmount() {
          app!.unmount();
          app = null;
        },
      },
      `vue-${Date.now()}`,
    );
  });
});
