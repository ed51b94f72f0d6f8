import { mulberry32, type Random } from '../../src/generator/prng.js';

/** Kinds of malformed message the generators below produce. */
export const MALFORMED_KINDS = [
  'truncated-json',
  'wrong-types',
  'huge-numbers',
  'infinite-number',
  'deep-nesting',
  'unknown-type',
  'hostile-strings',
  'binary-garbage',
] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number] | 'oversize';

export interface Malformed {
  kind: MalformedKind;
  frame: string | Buffer;
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function garbage(random: Random, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

/** Nested arrays or objects `depth` levels deep, such as `[[[1]]]` or `{"a":{"a":1}}`. */
function nested(depth: number, objects: boolean): string {
  return objects
    ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
    : `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

const HOSTILE = [
  '__proto__',
  'constructor',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '\u0000',
  '\ud800',
];

/**
 * Generates `count` malformed client messages, seeded so a failure repeats. Each is one frame
 * of at most 64 KiB that the server must reject with an error: invalid JSON, a non-object, a
 * missing or unknown type, or a command or auth message with wrong-typed fields.
 */
export function malformedClientMessages(count: number, seed = 1): Malformed[] {
  const random = mulberry32(seed);
  const valid = '{"type":"command","name":"rate","args":{"rate":100},"id":1}';
  const makers: Record<(typeof MALFORMED_KINDS)[number], () => string | Buffer> = {
    'truncated-json': () => valid.slice(0, 1 + Math.floor(random() * (valid.length - 2))),
    'wrong-types': () =>
      pick(random, [
        '{"type":5}',
        '{"type":"command","name":42}',
        '{"type":"command","name":"rate","args":[1,2]}',
        '{"type":"command","name":"rate","args":"fast"}',
        '{"type":"auth","token":7}',
        '{"type":"heartbeat","time":"now","seq":1}',
        '{"type":"heartbeat","time":1,"seq":-3}',
        '{"type":"command","name":"rate","id":{"x":1}}',
        '[]',
        'null',
        '"command"',
      ]),
    'huge-numbers': () =>
      pick(random, [
        '{"type":"heartbeat","time":1e308,"seq":123456789012345678901234567890}',
        '{"type":"command","name":"rate","id":1e300}',
        `{"type":${'9'.repeat(400)}}`,
      ]),
    'infinite-number': () =>
      pick(random, ['{"type":"heartbeat","time":1e999,"seq":1}', '{"type":1e999}']),
    'deep-nesting': () => nested(1000 + Math.floor(random() * 9000), random() < 0.5),
    'unknown-type': () =>
      JSON.stringify({
        type: pick(random, ['subscribe', 'data', 'hello', 'ping', 'x'.repeat(300)]),
      }),
    'hostile-strings': () =>
      `{"type":${JSON.stringify(pick(random, HOSTILE))},"__proto__":{"polluted":true}}`,
    'binary-garbage': () => garbage(random, 1 + Math.floor(random() * 512)),
  };
  return Array.from({ length: count }, () => {
    const kind = pick(random, MALFORMED_KINDS);
    return { kind, frame: makers[kind]() };
  });
}

/**
 * Generates `count` malformed server messages for the client, seeded. Each must cost the client
 * exactly one protocol error and nothing else: it is not JSON, not a known message, a known
 * message with wrong-typed fields, binary garbage, or longer than the client's limit.
 * `oversizeLength` is the length of the oversize text frames, which every 1000th message is.
 */
export function malformedServerMessages(
  count: number,
  oversizeLength: number,
  seed = 1,
): Malformed[] {
  const random = mulberry32(seed);
  const valid =
    '{"type":"data","seq":5,"points":[{"timestamp":1,"value":2,"category":"c","source":"s"}]}';
  const makers: Record<(typeof MALFORMED_KINDS)[number], () => string | Buffer> = {
    'truncated-json': () => valid.slice(0, 1 + Math.floor(random() * (valid.length - 2))),
    'wrong-types': () =>
      pick(random, [
        '{"type":"data","seq":"5","points":[]}',
        '{"type":"data","seq":5,"points":{"0":1}}',
        '{"type":"hello","protocol":"2","sources":[]}',
        '{"type":"hello","protocol":2,"sources":"all"}',
        '{"type":"strings","base":-1,"strings":[]}',
        '{"type":"strings","base":999999,"strings":[]}',
        '{"type":"gap","from":"a","to":2,"count":1,"reason":"retention"}',
        '{"type":"heartbeat","time":"x","seq":1}',
        '{"type":"ack","id":null}',
        '{"type":"error","code":1,"message":"x"}',
        '{"type":"data","seq":1,"encoding":"columnar","count":2,"columns":{}}',
        '[]',
        '42',
      ]),
    'huge-numbers': () =>
      pick(random, [
        '{"type":"data","seq":1e300,"points":[]}',
        '{"type":"end","seq":1,"total":123456789012345678901234567890}',
        `{"type":"heartbeat","time":1,"seq":${'9'.repeat(400)}}`,
      ]),
    'infinite-number': () =>
      pick(random, [
        '{"type":"heartbeat","time":1e999,"seq":1}',
        '{"type":"data","seq":1e999,"points":[]}',
      ]),
    'deep-nesting': () => nested(1000 + Math.floor(random() * 20_000), random() < 0.5),
    'unknown-type': () =>
      JSON.stringify({ type: pick(random, ['subscribe', 'command', 'auth', 'x'.repeat(300)]) }),
    'hostile-strings': () => JSON.stringify({ type: pick(random, HOSTILE) }),
    'binary-garbage': () => garbage(random, 1 + Math.floor(random() * 512)),
  };
  return Array.from({ length: count }, (_, i) => {
    if (i % 1000 === 999) return { kind: 'oversize', frame: ' '.repeat(oversizeLength) };
    const kind = pick(random, MALFORMED_KINDS);
    return { kind, frame: makers[kind]() };
  });
}
