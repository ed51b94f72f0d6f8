import { readQuoted } from './value-text.js';

/**
 * Thrown by `parseQuery`. `position` is the index in the text where parsing
 * failed, `expected` names what the grammar accepts there and `found` is what
 * the text contains instead ('the end' at the end of the text).
 */
export class QuerySyntaxError extends Error {
  constructor(
    readonly expected: string,
    readonly found: string,
    readonly position: number,
  ) {
    super(`expected ${expected}, got ${found}`);
    this.name = 'QuerySyntaxError';
  }
}

export type TokenKind = 'word' | 'string' | 'symbol' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  position: number;
}

/** Symbols in the order they are tried: two characters first, so `>=` is not read as `>`. */
const SYMBOLS = ['>=', '<=', '!=', '<>', '==', '=', '>', '<', '(', ')', ',', '!'];

/** Characters that end a bare word. */
const WORD_END = /[\s()",=<>!]/;

/** Words with a meaning in the grammar; they must be quoted to be values. */
export const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'contains',
  'between',
  'exists',
  'within',
]);

/** Text that reads back as the same bare word. */
export const BARE_WORD = /^[^\s()",=<>!]+$/;

export const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** Describes a token for an error message, shortening long text. */
export function describeToken(token: Token): string {
  if (token.kind === 'end') return 'the end';
  const text = token.text.length > 30 ? `${token.text.slice(0, 30)}…` : token.text;
  return token.kind === 'string' ? `the text "${text}"` : `'${text}'`;
}

/** Splits a query into words, quoted strings and symbols, each with its position. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    if (/\s/.test(character)) {
      index++;
      continue;
    }
    if (character === '"') {
      const { value, next } = readQuoted(text, index);
      if (next > text.length) {
        throw new QuerySyntaxError("a closing '\"' for the quote here", 'the end', index);
      }
      tokens.push({ kind: 'string', text: value, position: index });
      index = next;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => text.startsWith(candidate, index));
    if (symbol !== undefined) {
      tokens.push({ kind: 'symbol', text: symbol, position: index });
      index += symbol.length;
      continue;
    }
    const start = index;
    while (index < text.length && !WORD_END.test(text[index])) index++;
    tokens.push({ kind: 'word', text: text.slice(start, index), position: start });
  }
  tokens.push({ kind: 'end', text: '', position: text.length });
  return tokens;
}

/** Length of the token that starts at `position`, to mark it in an error; 0 at the end. */
export function tokenLengthAt(text: string, position: number): number {
  const rest = text.slice(position);
  if (rest === '' || /^\s/.test(rest)) return 0;
  if (rest.startsWith('"')) return Math.min(readQuoted(rest, 0).next, rest.length);
  const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
  if (symbol !== undefined) return symbol.length;
  return /^[^\s()",=<>!]*/.exec(rest)?.[0].length ?? 0;
}
