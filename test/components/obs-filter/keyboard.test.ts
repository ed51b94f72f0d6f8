import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { describe, filterFixture, idsWhere, it, part, parts, shadow, viewIds } from './helpers.js';
import type { ObsFilter } from '../../../src/components/obs-filter/obs-filter.js';

function focused(element: ObsFilter): Element | null {
  return shadow(element).activeElement;
}

async function press(element: ObsFilter, key: string): Promise<void> {
  await sendKeys({ press: key });
  await element.updateComplete;
}

describe('<obs-filter> keyboard', () => {
  it('builds, applies and removes a condition by keyboard', async () => {
    const { element, store, points } = await filterFixture();
    part(shadow(element), 'add').focus();

    await press(element, 'Enter');
    const row = parts(shadow(element), 'condition')[0];
    expect(focused(element)).to.equal(part(row, 'field'));

    // Field select: timestamp, value, category. Value is the default, so one step down.
    await press(element, 'ArrowDown');
    expect(part<HTMLSelectElement>(row, 'field').value).to.equal('category');
    await press(element, 'Tab');
    expect(focused(element)).to.equal(part(row, 'operator'));
    await press(element, 'Tab');
    expect(focused(element)).to.equal(part(row, 'value'));
    await sendKeys({ type: 'memory' });
    await press(element, 'Enter');

    expect(viewIds(store)).to.deep.equal(idsWhere(points, (p) => p.category === 'memory'));

    part(row, 'remove').focus();
    await press(element, 'Space');
    expect(parts(shadow(element), 'condition')).to.have.length(0);
    expect(focused(element)).to.equal(part(shadow(element), 'add'));

    part(shadow(element), 'apply').focus();
    await press(element, 'Space');
    expect(store.filter).to.equal(null);
  });

  it('switches AND to OR with arrow keys', async () => {
    const { element } = await filterFixture();
    const all = shadow(element).querySelector<HTMLInputElement>(
      '[part~="logic"] input[value="and"]',
    );
    all?.focus();

    await press(element, 'ArrowRight');

    const any = shadow(element).querySelector<HTMLInputElement>(
      '[part~="logic"] input[value="or"]',
    );
    expect(any?.checked).to.equal(true);
    expect(focused(element)).to.equal(any);
  });

  it('labels every control', async () => {
    const { element } = await filterFixture();
    part(shadow(element), 'add').click();
    part(shadow(element), 'add-group').click();
    await element.updateComplete;

    const controls = shadow(element).querySelectorAll<HTMLElement>('select, input, button');
    for (const control of controls) {
      const name =
        control.getAttribute('aria-label') ??
        control.closest('label')?.textContent?.trim() ??
        control.textContent?.trim();
      expect(name, control.outerHTML).to.be.a('string').and.not.equal('');
    }
  });
});
