// Loads a page of demo/embedding/ in an iframe and reads what its elements show.
import { waitUntil } from '@open-wc/testing';

/** What the portal pages record on their window. */
export interface PortalWindow extends Window {
  cspViolations?: { directive: string; blocked: string; source: string; sample: string }[];
  portalEvents?: { type: string; tag: string }[];
  pageErrors?: string[];
}

/** An iframe showing one page, and its window. */
export interface PortalFrame {
  frame: HTMLIFrameElement;
  window: PortalWindow;
  document: Document;
}

const open = new Set<HTMLIFrameElement>();

/** Removes every frame `openPortal` opened; call it after each test. */
export function closePortals(): void {
  for (const frame of open) frame.remove();
  open.clear();
}

/**
 * Opens `path` in a 1200 by 900 iframe and waits until the page's script has set the rich
 * properties. Fails with a hint when the bundle is missing, because the pages load dist/.
 * The frame is fixed in the top-left corner: the grid renders only rows inside the viewport
 * of the top-level page, so a frame below the fold would show none.
 */
export async function openPortal(path: string): Promise<PortalFrame> {
  const bundle = await fetch('/dist/observatory.min.js', { method: 'HEAD' });
  if (!bundle.ok) throw new Error('dist/observatory.min.js is missing; run npm run build first.');
  const frame = document.createElement('iframe');
  Object.assign(frame.style, {
    position: 'fixed',
    top: '0',
    left: '0',
    width: '1200px',
    height: '900px',
  });
  open.add(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  const view = frame.contentWindow as PortalWindow;
  const doc = frame.contentDocument as Document;
  await waitUntil(
    () => doc.documentElement.dataset.configured === 'true',
    `${path} never finished setting up its elements`,
    { timeout: 15_000 },
  );
  return { frame, window: view, document: doc };
}

/** Size of an element's border box in CSS pixels. */
export function sizeOf(element: Element): { width: number; height: number } {
  const { width, height } = element.getBoundingClientRect();
  return { width, height };
}

/** True when the element takes up space and no style of its own or an ancestor hides it. */
export function isShown(element: Element): boolean {
  const { width, height } = sizeOf(element);
  const style = element.ownerDocument.defaultView!.getComputedStyle(element);
  return (
    width > 0 &&
    height > 0 &&
    style.visibility === 'visible' &&
    style.opacity !== '0' &&
    element.checkVisibility({ opacityProperty: true, visibilityProperty: true })
  );
}

/** Pixels of `canvas` that differ from its top-left pixel: zero for a blank canvas. */
export function paintedPixels(canvas: HTMLCanvasElement): number {
  const context = canvas.getContext('2d');
  if (context === null || canvas.width === 0 || canvas.height === 0) return 0;
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  let painted = 0;
  for (let index = 4; index < data.length; index += 4) {
    if (
      data[index] !== data[0] ||
      data[index + 1] !== data[1] ||
      data[index + 2] !== data[2] ||
      data[index + 3] !== data[3]
    ) {
      painted++;
    }
  }
  return painted;
}

/** Returns the element's shadow root, which every Observatory element has once upgraded. */
export function shadowOf(element: Element): ShadowRoot {
  const root = element.shadowRoot;
  if (root === null) throw new Error(`<${element.localName}> has no shadow root: not upgraded`);
  return root;
}
