import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveColumns, type GridColumn } from '../../../src/components/obs-grid/columns.js';
import {
  formatRows,
  neutraliseFormula,
  quoteCsvField,
} from '../../../src/components/obs-grid/export.js';
import { isSafeUrl } from '../../../src/components/obs-grid/links.js';
import { Store } from '../../../src/core/store.js';

describe('isSafeUrl', () => {
  it('accepts http, https and relative URLs', () => {
    for (const href of [
      'http://example.com/a?b=c',
      'HTTPS://example.com',
      '/runbooks/cpu',
      'details/42',
      '?host=a',
      '#row-7',
      '//example.com/x',
      '',
      'host:8080',
    ]) {
      assert.equal(isSafeUrl(href), href !== 'host:8080', href);
    }
  });

  it('rejects other schemes, however they are disguised', () => {
    for (const href of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' \u0001javascript:alert(1)',
      'java\tscript:alert(1)',
      'jav\nascript:alert(1)',
      'data:text/html,<img src=x onerror=alert(1)>',
      'vbscript:msgbox',
      'file:///etc/passwd',
      'blob:https://example.com/x',
    ]) {
      assert.equal(isSafeUrl(href), false, JSON.stringify(href));
    }
    for (const value of [undefined, null, 42, { href: 'https://x' }]) {
      assert.equal(isSafeUrl(value), false, String(value));
    }
  });
});

describe('neutraliseFormula', () => {
  it('prefixes text that a spreadsheet would evaluate', () => {
    for (const text of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx', '\uFF1D1+1']) {
      assert.equal(neutraliseFormula(text), `'${text}`, JSON.stringify(text));
    }
  });

  it('keeps plain numbers and other text', () => {
    for (const text of ['-5', '+1.5', '-1e-9', '3', 'cpu', '', "'quoted"]) {
      assert.equal(neutraliseFormula(text), text, text);
    }
  });
});

describe('quoteCsvField', () => {
  it('quotes fields as RFC 4180 asks', () => {
    assert.equal(quoteCsvField('plain'), 'plain');
    assert.equal(quoteCsvField('a,b'), '"a,b"');
    assert.equal(quoteCsvField('say "hi"'), '"say ""hi"""');
    assert.equal(quoteCsvField('two\nlines'), '"two\nlines"');
    assert.equal(quoteCsvField('cr\rhere'), '"cr\rhere"');
  });
});

describe('formatRows', () => {
  function storeWith(): Store {
    const store = new Store({ capacity: 10 });
    store.append([
      {
        id: 'a,1',
        timestamp: Date.UTC(2024, 0, 2, 3, 4, 5, 6),
        value: -2.5,
        category: '=HYPERLINK("http://evil")',
        source: 'line\nbreak',
        metadata: { note: 'tab\there' },
      },
      { id: 'b', timestamp: Date.UTC(2024, 0, 2), value: NaN, category: 'cpu', source: 's' },
    ]);
    return store;
  }

  it('writes CSV with a header, quoting and CRLF line ends', () => {
    const store = storeWith();
    const columns = resolveColumns(null);

    const csv = formatRows('csv', store, columns, [0, 1], true);

    assert.equal(
      csv,
      'Time (UTC),Category,Source,Value,Id\r\n' +
        `2024-01-02 03:04:05.006,"'=HYPERLINK(""http://evil"")","line\nbreak",-2.5,"a,1"\r\n` +
        '2024-01-02 00:00:00.000,cpu,s,,b\r\n',
    );
  });

  it('writes TSV without a header, flattening tabs and newlines', () => {
    const store = storeWith();
    const columns = resolveColumns([{ key: 'source' }, { key: 'metadata.note' }, { key: 'id' }]);

    assert.equal(
      formatRows('tsv', store, columns, [0, 1], false),
      'line break\ttab here\ta,1\ns\t\tb',
    );
  });

  it('exports formatter text, link text and values behind templates', () => {
    const store = storeWith();
    const columns: GridColumn[] = [
      { key: 'value', formatter: (value) => `${String(value)} ms` },
      { key: 'id', formatter: (value) => ({ href: `/points/${String(value)}`, text: 'open' }) },
      {
        key: 'category',
        formatter: () => {
          throw new Error('broken');
        },
      },
    ];

    const csv = formatRows('csv', store, resolveColumns(columns), [1], false);

    assert.equal(csv, 'NaN ms,open,cpu\r\n');
  });

  it('returns an empty string for no rows and no header', () => {
    assert.equal(formatRows('csv', storeWith(), resolveColumns(null), [], false), '');
  });
});
