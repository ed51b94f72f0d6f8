import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseReplayCsv,
  parseReplayTimestamp,
  ReplayFileError,
  splitCsvLine,
} from '../../src/server/replay-csv.js';

describe('parseReplayTimestamp', () => {
  const accepted: [string, number][] = [
    ['2014-02-14 14:30:00', Date.UTC(2014, 1, 14, 14, 30)],
    ['2014-02-14T14:30:00', Date.UTC(2014, 1, 14, 14, 30)],
    ['2014-02-14T14:30:00Z', Date.UTC(2014, 1, 14, 14, 30)],
    ['2014-02-14T14:30:00.250Z', Date.UTC(2014, 1, 14, 14, 30, 0, 250)],
    ['2014-02-14T16:30:00+02:00', Date.UTC(2014, 1, 14, 14, 30)],
    ['2014-02-14T09:00:00-0530', Date.UTC(2014, 1, 14, 14, 30)],
    ['2014-02-14 14:30', Date.UTC(2014, 1, 14, 14, 30)],
    ['2014-02-14', Date.UTC(2014, 1, 14)],
    ['2024-02-29 00:00:00', Date.UTC(2024, 1, 29)],
    ['1392388200000', 1_392_388_200_000],
    ['0', 0],
  ];
  for (const [text, expected] of accepted) {
    it(`reads ${text}`, () => {
      assert.equal(parseReplayTimestamp(text), expected);
    });
  }

  const rejected = [
    '',
    'yesterday',
    '2023-02-29 00:00:00',
    '2024-02-30 00:00:00',
    '2024-13-01 00:00:00',
    '2024-01-01 24:00:00',
    '2024-01-01 12:60:00',
    '14/02/2014 14:30',
    '1e12',
    '0x10',
    '2014-02-14 14:30:00 UTC',
  ];
  for (const text of rejected) {
    it(`rejects '${text}'`, () => {
      assert.ok(Number.isNaN(parseReplayTimestamp(text)));
    });
  }
});

describe('splitCsvLine', () => {
  it('splits and trims plain fields', () => {
    assert.deepEqual(splitCsvLine(' 2014-02-14 14:30:00 , 0.132 '), [
      '2014-02-14 14:30:00',
      '0.132',
    ]);
  });

  it('keeps commas and escaped quotes inside quotes', () => {
    assert.deepEqual(splitCsvLine('"a,b","say ""hi""",3'), ['a,b', 'say "hi"', '3']);
  });

  it('keeps empty fields', () => {
    assert.deepEqual(splitCsvLine('x,,'), ['x', '', '']);
  });
});

describe('parseReplayCsv', () => {
  it('reads NAB rows with line numbers', () => {
    const rows = parseReplayCsv(
      'timestamp,value\n2014-02-14 14:30:00,0.132\n2014-02-14 14:35:00,51.846000000000004\n',
      'a.csv',
    );

    assert.deepEqual(rows, [
      { line: 2, timestamp: Date.UTC(2014, 1, 14, 14, 30), value: 0.132 },
      { line: 3, timestamp: Date.UTC(2014, 1, 14, 14, 35), value: 51.846000000000004 },
    ]);
  });

  it('skips blank lines', () => {
    const rows = parseReplayCsv('\ntimestamp,value\n\n0,1\n   \n1000,2\n\n', 'a.csv');

    assert.deepEqual(
      rows.map((row) => [row.line, row.value]),
      [
        [4, 1],
        [6, 2],
      ],
    );
  });

  it('accepts CRLF, a byte order mark and quoted fields', () => {
    const rows = parseReplayCsv('\uFEFF"timestamp","value"\r\n"0","1.5"\r\n', 'a.csv');

    assert.deepEqual(rows, [{ line: 2, timestamp: 0, value: 1.5 }]);
  });

  it('finds columns by header name', () => {
    const rows = parseReplayCsv('label,Value,TIMESTAMP\nx,-3e2,2014-02-14\n', 'a.csv');

    assert.deepEqual(rows, [{ line: 2, timestamp: Date.UTC(2014, 1, 14), value: -300 }]);
  });

  it('returns no rows for a header alone', () => {
    assert.deepEqual(parseReplayCsv('timestamp,value\n', 'a.csv'), []);
  });

  const malformed: [string, string, RegExp][] = [
    ['an empty file', '', /^Replay file data\.csv is empty/],
    ['a blank file', '\n \n', /^Replay file data\.csv is empty/],
    ['a wrong header', 'time,val\n0,1\n', /^Replay file data\.csv, line 1: header is 'time,val'/],
    ['a data row as header', '0,1\n', /line 1: header is '0,1'/],
    [
      'a missing field',
      'timestamp,value\n0,1\n1000\n',
      /line 3: has 1 fields, but the header has 2/,
    ],
    ['an extra field', 'timestamp,value\n0,1,2\n', /line 2: has 3 fields/],
    ['a text value', 'timestamp,value\n0,high\n', /line 2: value 'high' is not a finite number/],
    ['an empty value', 'timestamp,value\n0,\n', /line 2: value '' is not a finite number/],
    ['NaN', 'timestamp,value\n0,NaN\n', /value 'NaN'/],
    ['Infinity', 'timestamp,value\n0,Infinity\n', /value 'Infinity'/],
    ['an overflowing value', 'timestamp,value\n0,1e999\n', /value '1e999'/],
    ['a hex value', 'timestamp,value\n0,0x10\n', /value '0x10'/],
    [
      'a bad date',
      'timestamp,value\n0,1\n2024-02-30 00:00:00,1\n',
      /line 3: timestamp '2024-02-30 00:00:00' is invalid/,
    ],
    [
      'markup',
      'timestamp,value\n<img src=x onerror=alert(1)>,1\n',
      /timestamp '<img src=x onerror=alert\(1\)>' is invalid/,
    ],
  ];
  for (const [name, text, message] of malformed) {
    it(`rejects ${name}`, () => {
      assert.throws(
        () => parseReplayCsv(text, 'data.csv'),
        (error: unknown) => {
          assert.ok(error instanceof ReplayFileError);
          assert.match(error.message, message);
          assert.doesNotMatch(error.message, /\n/);
          return true;
        },
      );
    });
  }

  it('clips a huge field in the message', () => {
    const huge = 'x'.repeat(100_000);

    assert.throws(
      () => parseReplayCsv(`timestamp,value\n0,${huge}\n`, 'data.csv'),
      (error: Error) => error.message.length < 400,
    );
  });
});
