// The Angular snippet of docs/embedding.md, bundled by scripts/embedding-apps.mjs and compiled
// at run time by Angular's JIT compiler, without zone.js.
import './support/resource-probe.js';
import type {
  ApplicationRef,
  ComponentRef,
  createComponent,
  EventEmitter,
  provideZonelessChangeDetection,
  Type,
} from '@angular/core';
import type { createApplication } from '@angular/platform-browser';
import type { Store } from '../../src/core/store.js';
import type { StreamStatus } from '../../src/obs-stream.js';
import { importApp, runLifecycle, type DashboardProps } from './support/lifecycle.js';

interface Dashboard {
  status: EventEmitter<StreamStatus>;
}

interface AngularApp {
  Store: typeof Store;
  DashboardComponent: Type<Dashboard>;
  createApplication: typeof createApplication;
  createComponent: typeof createComponent;
  provideZonelessChangeDetection: typeof provideZonelessChangeDetection;
}

const INPUTS = ['url', 'label', 'columns', 'criteria', 'alerts'] as const;

describe('Angular dashboard', () => {
  it('mounts, updates and unmounts 50 times cleanly', async function () {
    // 50 cycles, each waiting for a WebSocket to go live, outlast the default 20 s.
    this.timeout(120_000);
    const angular = await importApp<AngularApp>('angular');
    const application: ApplicationRef = await angular.createApplication({
      providers: [angular.provideZonelessChangeDetection()],
    });
    let component: ComponentRef<Dashboard> | null = null;
    const setInputs = async (props: DashboardProps) => {
      for (const name of INPUTS) component!.setInput(name, props[name]);
      await application.whenStable();
    };
    try {
      await runLifecycle(
        {
          createStore: (capacity) => new angular.Store({ capacity }),
          async mount(host, props) {
            component = angular.createComponent(angular.DashboardComponent, {
              environmentInjector: application.injector,
              hostElement: host,
            });
            component.instance.status.subscribe(props.onStatus);
            for (const name of INPUTS) component.setInput(name, props[name]);
            application.attachView(component.hostView);
            // An app's first change detection sets the bindings in the task that created the
            // elements; a later one would leave <obs-stream> connected without its url for a
            // while, and it would start its generator.
            application.tick();
            await application.whenStable();
          },
          update: setInputs,
          async unmount() {
            application.detachView(component!.hostView);
            component!.destroy();
            component = null;
          },
        },
        `angular-${Date.now()}`,
      );
    } finally {
      application.destroy();
    }
  });
});
