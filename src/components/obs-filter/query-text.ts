import {
  TIME_UNITS,
  isGroup,
  parseCriteria,
  type CriteriaOperator,
  type FilterCondition,
  type FilterCriteria,
  type FilterGroup,
  type FilterNode,
  type FilterOperator,
  type FilterValue,
  type TimeUnit,
} from '../../core/criteria.js';
import { formatDateTime, parseDateTime, quote, readQuoted } from './value-text.js';

/**
 * The text form of criteria, for example
 * `category in (cpu, memory) and (value > 80 or not source = host-b)`.
 *
 * Grammar, with keywords in any case and `and` binding tighter than `or`:
 *   query     = or
 *   or        = and { "or" and }
 *   and       = unary { "and" unary }
 *   unary     = "not" unary | "(" or ")" | condition
 *   condition = field ( "exists" | compare value | "between" value "and" value
 *               | ["not"] "contains" value | ["not"] "in" "(" value { "," value } ")"
 *               | "within" "last" number unit )
 *   compare   = "=" | "==" | "!=" | "<>" | ">" | ">=" | "<" | "<="
 *   unit      = "seconds" | "minutes" | "hours" | "days" (or the singular)
 *   value     = number | true | false | null | "quoted \"text\"" | bare-word
 * A timestamp value may be an ISO-8601 date-time (UTC unless it has a zone) or epoch milliseconds.
 */

/** Thrown by `parseQuery`; `position` is the index in the text where parsing failed. */
export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

type TokenKind = 'word' | 'string' | 'symbol' | 'end';

interface Token {
  kind: TokenKind;
  text: string;
  position: number;
}

const SYMBOLS = ['>=', '<=', '!=', '<>', '==', '=', '>', '<', '(', ')', ','];
const COMPARE: Readonly<Record<string, FilterOperator>> = {
  '=': 'eq',
  '==': 'eq',
  '!=': 'neq',
  '<>': 'neq',
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
};
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'contains', 'between', 'exists', 'within']);
const BARE_WORD = /^[^\s()",=<>!]+$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

function tokenize(text: string): Token[] {
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
      if (next > text.length) throw new QuerySyntaxError('unclosed quote', index);
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
    while (index < text.length && !/[\s()",=<>!]/.test(text[index])) index++;
    if (index === start) throw new QuerySyntaxError(`unexpected '${character}'`, index);
    tokens.push({ kind: 'word', text: text.slice(start, index), position: start });
  }
  tokens.push({ kind: 'end', text: '', position: text.length });
  return tokens;
}

/** Deepest nesting of parentheses and `not` accepted, matching the criteria's group depth limit. */
const MAX_NESTING = 32;
/** Maximum query length, in UTF-16 code units. */
export const MAX_QUERY_LENGTH = 100_000;

class Parser {
  #index = 0;
  #depth = 0;
  /** Groups written in parentheses, as opposed to groups made by a chain of `and` or `or`. */
  readonly parenthesized = new WeakSet<FilterGroup>();

  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    const node = this.#or();
    const next = this.#peek();
    if (next.kind !== 'end')
      this.#fail(`expected 'and', 'or' or the end, got '${next.text}'`, next);
    return node;
  }

  #peek(): Token {
    return this.tokens[this.#index];
  }

  #take(): Token {
    const token = this.tokens[this.#index];
    if (token.kind !== 'end') this.#index++;
    return token;
  }

  #isKeyword(token: Token, keyword: string): boolean {
    return token.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  #acceptKeyword(keyword: string): boolean {
    if (!this.#isKeyword(this.#peek(), keyword)) return false;
    this.#index++;
    return true;
  }

  #expectSymbol(symbol: string): void {
    const token = this.#take();
    if (token.kind !== 'symbol' || token.text !== symbol) {
      this.#fail(`expected '${symbol}', got ${describe(token)}`, token);
    }
  }

  #fail(message: string, token: Token): never {
    throw new QuerySyntaxError(message, token.position);
  }

  #or(): FilterNode {
    return this.#chain('or', () => this.#and());
  }

  #and(): FilterNode {
    return this.#chain('and', () => this.#unary());
  }

  #chain(logic: 'and' | 'or', operand: () => FilterNode): FilterNode {
    const first = operand();
    if (!this.#isKeyword(this.#peek(), logic)) return first;
    const conditions = [first];
    while (this.#acceptKeyword(logic)) conditions.push(operand());
    return { logic, conditions };
  }

  #unary(): FilterNode {
    const token = this.#peek();
    if (this.#depth >= MAX_NESTING) this.#fail(`nested deeper than ${MAX_NESTING} levels`, token);
    this.#depth++;
    try {
      if (this.#acceptKeyword('not')) {
        const inner = this.#unary();
        if (isGroup(inner)) return { ...inner, not: !(inner.not ?? false) };
        return { logic: 'and', not: true, conditions: [inner] };
      }
      if (token.kind === 'symbol' && token.text === '(') {
        this.#take();
        const inner = this.#or();
        this.#expectSymbol(')');
        // Parentheses always make a group, so a nested group of the builder survives a round trip.
        const group: FilterGroup = isGroup(inner) ? inner : { logic: 'and', conditions: [inner] };
        this.parenthesized.add(group);
        return group;
      }
      return this.#condition();
    } finally {
      this.#depth--;
    }
  }

  #condition(): FilterCondition {
    const fieldToken = this.#take();
    if (fieldToken.kind !== 'word' || KEYWORDS.has(fieldToken.text.toLowerCase())) {
      this.#fail(`expected a field name, got ${describe(fieldToken)}`, fieldToken);
    }
    const field = fieldToken.text;
    const token = this.#take();
    if (token.kind === 'symbol' && COMPARE[token.text] !== undefined) {
      return this.#make(field, COMPARE[token.text], this.#value(field));
    }
    const word = token.kind === 'word' ? token.text.toLowerCase() : '';
    if (word === 'exists') return { field, op: 'exists' };
    if (word === 'within' || word === 'within_last') return this.#withinLast(field, word);
    if (word === 'contains') return this.#make(field, 'contains', this.#value(field));
    if (word === 'in') return this.#make(field, 'in', this.#list(field));
    if (word === 'between') {
      const low = this.#value(field);
      if (!this.#acceptKeyword('and'))
        this.#fail("expected 'and' between the two bounds", this.#peek());
      return this.#make(field, 'between', [low, this.#value(field)]);
    }
    if (word === 'not') {
      if (this.#acceptKeyword('contains')) {
        return this.#make(field, 'not_contains', this.#value(field));
      }
      if (this.#acceptKeyword('in')) return this.#make(field, 'not_in', this.#list(field));
      this.#fail("expected 'in' or 'contains' after 'not'", this.#peek());
    }
    return this.#fail(`expected an operator after '${field}', got ${describe(token)}`, token);
  }

  #withinLast(field: string, word: string): FilterCondition {
    if (word === 'within' && !this.#acceptKeyword('last')) {
      this.#fail("expected 'last' after 'within'", this.#peek());
    }
    const amountToken = this.#peek();
    const amount = this.#value(field);
    if (typeof amount !== 'number') this.#fail('expected an amount of time', amountToken);
    const unitToken = this.#take();
    const name = unitToken.text.toLowerCase();
    const unit = (name.endsWith('s') ? name : `${name}s`) as TimeUnit;
    if (unitToken.kind !== 'word' || !Object.hasOwn(TIME_UNITS, unit)) {
      const units = Object.keys(TIME_UNITS).join(', ');
      this.#fail(`expected a unit (${units}), got ${describe(unitToken)}`, unitToken);
    }
    return { field, op: 'within_last', value: amount, unit };
  }

  #make(field: string, op: CriteriaOperator, value: FilterValue | FilterValue[]): FilterCondition {
    return { field, op, value };
  }

  #list(field: string): FilterValue[] {
    this.#expectSymbol('(');
    const values = [this.#value(field)];
    while (this.#peek().kind === 'symbol' && this.#peek().text === ',') {
      this.#take();
      values.push(this.#value(field));
    }
    this.#expectSymbol(')');
    return values;
  }

  #value(field: string): FilterValue {
    const token = this.#take();
    if (token.kind === 'string') return timeOrText(field, token.text);
    if (token.kind !== 'word' || KEYWORDS.has(token.text.toLowerCase())) {
      // A keyword read as a value would hide a missing value, as in `value > and`, so keywords
      // must be quoted to be values.
      this.#fail(`expected a value, got ${describe(token)}`, token);
    }
    const text = token.text;
    if (NUMBER.test(text)) return Number(text);
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
    if (lower === 'null') return null;
    return timeOrText(field, text);
  }
}

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end' : `'${token.text}'`;
}

/** Reads a timestamp value as epoch milliseconds, so the builder's date input can show it. */
function timeOrText(field: string, text: string): FilterValue {
  if (field !== 'timestamp') return text;
  const ms = parseDateTime(text);
  return Number.isNaN(ms) ? text : ms;
}

/**
 * Parses a text query into criteria. Throws QuerySyntaxError for text that is
 * not a query, and FilterValidationError for a query that names an unknown field
 * or breaks a criteria limit. An empty query returns null.
 */
export function parseQuery(text: string): FilterCriteria | null {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new QuerySyntaxError(
      `query is ${text.length} characters, more than the limit of ${MAX_QUERY_LENGTH}`,
      MAX_QUERY_LENGTH,
    );
  }
  if (text.trim() === '') return null;
  const parser = new Parser(tokenize(text));
  const node = parser.parse();
  const root =
    isGroup(node) && !parser.parenthesized.has(node)
      ? node
      : { logic: 'and' as const, conditions: [node] };
  return parseCriteria(root);
}

const OPERATOR_TEXT: Readonly<Record<CriteriaOperator, string>> = {
  eq: '=',
  neq: '!=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  contains: 'contains',
  not_contains: 'not contains',
  between: 'between',
  in: 'in',
  not_in: 'not in',
  exists: 'exists',
  within_last: 'within last',
};

function formatValue(field: string, value: FilterValue | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (field === 'timestamp') {
      const text = formatDateTime(value);
      if (text !== '') return `${text}Z`;
    }
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  const plain =
    BARE_WORD.test(value) &&
    !KEYWORDS.has(value.toLowerCase()) &&
    !NUMBER.test(value) &&
    !['true', 'false', 'null'].includes(value.toLowerCase());
  return plain ? value : quote(value);
}

function formatCondition(condition: FilterCondition): string {
  const { field, op, value } = condition;
  const values = Array.isArray(value) ? value : [value];
  const operator = OPERATOR_TEXT[op];
  if (op === 'exists') return `${field} exists`;
  if (op === 'within_last')
    return `${field} within last ${String(value)} ${condition.unit ?? 'seconds'}`;
  if (op === 'between') {
    return `${field} between ${formatValue(field, values[0])} and ${formatValue(field, values[1])}`;
  }
  if (op === 'in' || op === 'not_in') {
    return `${field} ${operator} (${values.map((item) => formatValue(field, item)).join(', ')})`;
  }
  return `${field} ${operator} ${formatValue(field, values[0])}`;
}

function formatNode(node: FilterNode, nested: boolean): string {
  if (!isGroup(node)) return formatCondition(node);
  const inner = node.conditions
    .map((child) => formatNode(child, true))
    .filter((text) => text !== '')
    .join(` ${node.logic} `);
  // NOTE: an empty group has no text form, so it is left out although it matches every row.
  if (inner === '') return '';
  if (node.not === true) return `not (${inner})`;
  return nested ? `(${inner})` : inner;
}

/**
 * Formats criteria as a text query that `parseQuery` reads back into the same
 * criteria, except that a nested group of one condition comes back with `and` logic.
 */
export function formatQuery(criteria: FilterCriteria | null): string {
  if (criteria === null) return '';
  return formatNode(criteria, false);
}
