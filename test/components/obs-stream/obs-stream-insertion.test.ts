import { expect, waitUntil } from '@open-wc/testing';
import type { ObsStatusChangeDetail } from '../../../src/components/obs-stream/obs-stream.js';
import '../../../src/obs-stream.js';
import { scriptedUrl } from './helpers.js';

/** Inserts a stream the way `steps` do and records its statuses from the start. */
async function insert(steps: (element: HTMLElement, host: HTMLElement, url: string) => void) {
  const { url } = await scriptedUrl('valid');
  const host = document.createElement('div');
  document.body.append(host);
  const element = document.createElement('obs-stream');
  const statuses: string[] = [];
  element.addEventListener('obs-status-change', (event) =>
    statuses.push((event as CustomEvent<ObsStatusChangeDetail>).detail.status),
  );
  steps(element, host, url);
  await waitUntil(() => element.store.size === 3, `statuses ${JSON.stringify(statuses)}`);
  host.remove();
  return { element, statuses };
}

describe('<obs-stream> inserted by a framework', () => {
  it('connects to a url set after insertion', async () => {
    const { element, statuses } = await insert((stream, host, url) => {
      host.append(stream);
      stream.setAttribute('url', url);
    });

    expect(statuses).to.deep.equal(['connecting', 'live', 'offline']);
    expect(element.receivedCount).to.equal(3);
  });

  it('connects to a url set before insertion', async () => {
    const { statuses } = await insert((stream, host, url) => {
      stream.setAttribute('url', url);
      host.append(stream);
    });

    expect(statuses).to.deep.equal(['connecting', 'live', 'offline']);
  });

  it('connects once when moved right away', async () => {
    const { statuses } = await insert((stream, host, url) => {
      host.append(stream);
      stream.setAttribute('url', url);
      stream.remove();
      host.append(stream);
    });

    expect(statuses.filter((status) => status === 'connecting')).to.have.length(1);
  });
});
