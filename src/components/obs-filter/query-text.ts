import {
  FilterValidationError,
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
import {
  KEYWORDS,
  NUMBER,
  QuerySyntaxError,
  describeToken,
  tokenize,
  type Token,
} from './query-lexer.js';
import { parseDateTime } from './value-text.js';

export { QuerySyntaxError } from './query-lexer.js';
export { formatQuery } from './query-format.js';

/*
 * The text form of criteria, for example
 * `category in (cpu, memory) and value > 80 and timestamp > now - 15m`.
 * Grammar, with keywords in any case and `and` binding tighter than `or`:
 *
 *   query     = or
 *   or        = and { "or" and }
 *   and       = unary { "and" unary }
 *   unary     = "not" unary | "(" or ")" | ("any" | "all") "(" [ or ] ")" | condition
 *   condition = field ( "exists" | compare value | "between" value "and" value
 *               | ["not"] "contains" value | ["not"] "in" "(" value { "," value } ")"
 *               | (">" | ">=") "now" "-" amount unit | "within" "last" amount unit )
 *   compare   = "=" | "==" | "!=" | "<>" | ">" | ">=" | "<" | "<="
 *   unit      = s | m | h | d, or seconds | minutes | hours | days (also singular)
 *   field     = bare-word | "quoted field name"
 *   value     = number | true | false | null | "quoted \"text\"" | bare-word
 *
 * `any (...)` and `all (...)` write a group with an explicit logic, which a
 * group of one condition needs to keep `or`. A timestamp value may be an
 * ISO-8601 date-time (UTC unless it has a zone) or epoch milliseconds.
 */

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

/** Unit names a query accepts, in lower case. */
const UNIT_NAMES: Readonly<Record<string, TimeUnit>> = {
  s: 'seconds',
  sec: 'seconds',
  secs: 'seconds',
  second: 'seconds',
  seconds: 'seconds',
  m: 'minutes',
  min: 'minutes',
  mins: 'minutes',
  minute: 'minutes',
  minutes: 'minutes',
  h: 'hours',
  hr: 'hours',
  hrs: 'hours',
  hour: 'hours',
  hours: 'hours',
  d: 'days',
  day: 'days',
  days: 'days',
};

const UNITS_EXPECTED = 'a unit: s, m, h or d (or seconds, minutes, hours, days)';

/** `now - 15m`, `now-1.5 hours`: the amount and the unit word after it. */
const RELATIVE_TIME = /^now\s*-\s*(\d+\.?\d*|\.\d+)\s*([a-z]*)/i;

/** Deepest nesting of parentheses and `not` accepted, matching the criteria's group depth limit. */
const MAX_NESTING = 32;
/** Maximum query length, in UTF-16 code units. */
export const MAX_QUERY_LENGTH = 100_000;

/**
 * Origin of a parsed group. A group made by a chain of `and` or `or` has none,
 * and parentheses around it make it a `parens` group. `not`, `any` and `all`
 * make `explicit` groups, which stay the group they wrote.
 */
type GroupOrigin = 'parens' | 'explicit';

class Parser {
  #index = 0;
  #depth = 0;
  readonly origins = new WeakMap<FilterGroup, GroupOrigin>();

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  parse(): FilterNode {
    const node = this.#or();
    const next = this.#peek();
    if (next.kind !== 'end') this.#fail("'and', 'or' or the end of the query", next);
    return node;
  }

  #peek(offset = 0): Token {
    return this.tokens[Math.min(this.#index + offset, this.tokens.length - 1)];
  }

  #take(): Token {
    const token = this.tokens[this.#index];
    if (token.kind !== 'end') this.#index++;
    return token;
  }

  #isKeyword(token: Token, keyword: string): boolean {
    return token.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  #isSymbol(token: Token, symbol: string): boolean {
    return token.kind === 'symbol' && token.text === symbol;
  }

  #acceptKeyword(keyword: string): boolean {
    if (!this.#isKeyword(this.#peek(), keyword)) return false;
    this.#index++;
    return true;
  }

  #expectSymbol(symbol: string): void {
    const token = this.#take();
    if (!this.#isSymbol(token, symbol)) this.#fail(`'${symbol}'`, token);
  }

  #fail(expected: string, token: Token): never {
    throw new QuerySyntaxError(expected, describeToken(token), token.position);
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
    if (this.#depth >= MAX_NESTING) {
      this.#fail(`at most ${MAX_NESTING} levels of nesting`, token);
    }
    this.#depth++;
    try {
      if (this.#acceptKeyword('not')) return this.#negate(this.#unary());
      if (this.#isSymbol(token, '(')) return this.#parenthesized();
      const logic = token.kind === 'word' ? token.text.toLowerCase() : '';
      if ((logic === 'any' || logic === 'all') && this.#isSymbol(this.#peek(1), '(')) {
        return this.#explicitGroup(logic === 'any' ? 'or' : 'and');
      }
      return this.#condition();
    } finally {
      this.#depth--;
    }
  }

  #negate(inner: FilterNode): FilterGroup {
    const group: FilterGroup = isGroup(inner)
      ? { ...inner, not: !(inner.not ?? false) }
      : { logic: 'and', not: true, conditions: [inner] };
    if (group.not === false) delete group.not;
    this.origins.set(group, 'explicit');
    return group;
  }

  #parenthesized(): FilterGroup {
    this.#take();
    if (this.#isSymbol(this.#peek(), ')')) this.#fail('a condition', this.#peek());
    const inner = this.#or();
    this.#expectSymbol(')');
    // A bare chain becomes the group. Anything else gets a group around it, so that a
    // nested group of the builder keeps its level through a round trip.
    if (isGroup(inner) && !this.origins.has(inner)) {
      this.origins.set(inner, 'parens');
      return inner;
    }
    const group: FilterGroup = { logic: 'and', conditions: [inner] };
    this.origins.set(group, 'parens');
    return group;
  }

  #explicitGroup(logic: 'and' | 'or'): FilterGroup {
    this.#take();
    this.#take();
    let group: FilterGroup;
    if (this.#isSymbol(this.#peek(), ')')) {
      group = { logic, conditions: [] };
    } else {
      const inner = this.#or();
      const sameChain = isGroup(inner) && !this.origins.has(inner) && inner.logic === logic;
      group = sameChain ? inner : { logic, conditions: [inner] };
    }
    this.#expectSymbol(')');
    this.origins.set(group, 'explicit');
    return group;
  }

  #condition(): FilterCondition {
    const fieldToken = this.#take();
    // A metadata key with spaces or symbols is written as a quoted field name.
    const named =
      fieldToken.kind === 'string' ||
      (fieldToken.kind === 'word' && !KEYWORDS.has(fieldToken.text.toLowerCase()));
    if (!named) this.#fail('a field name, such as value or category', fieldToken);
    const field = fieldToken.text;
    const token = this.#take();
    if (token.kind === 'symbol' && COMPARE[token.text] !== undefined) {
      if (field === 'timestamp' && startsRelativeTime(this.#peek())) {
        return this.#relativeTime(field, token);
      }
      return { field, op: COMPARE[token.text], value: this.#value(field) };
    }
    const word = token.kind === 'word' ? token.text.toLowerCase() : '';
    if (word === 'exists') return { field, op: 'exists' };
    if (word === 'within' || word === 'within_last') return this.#withinLast(field, word);
    if (word === 'contains') return this.#make(field, 'contains', this.#value(field));
    if (word === 'in') return this.#make(field, 'in', this.#list(field));
    if (word === 'between') {
      const low = this.#value(field);
      if (!this.#acceptKeyword('and')) this.#fail("'and' between the two bounds", this.#peek());
      return this.#make(field, 'between', [low, this.#value(field)]);
    }
    if (word === 'not') {
      if (this.#acceptKeyword('contains')) {
        return this.#make(field, 'not_contains', this.#value(field));
      }
      if (this.#acceptKeyword('in')) return this.#make(field, 'not_in', this.#list(field));
      this.#fail("'in' or 'contains' after 'not'", this.#peek());
    }
    return this.#fail(
      `an operator after '${field}' (=, !=, >, >=, <, <=, between, in, not in, contains, exists)`,
      token,
    );
  }

  /** Reads `now - 15m` after `timestamp >` or `timestamp >=` as `within_last`. */
  #relativeTime(field: string, operator: Token): FilterCondition {
    if (operator.text !== '>' && operator.text !== '>=') {
      this.#fail(
        "'>' or '>=' before a time relative to now (for older rows write: not timestamp >= now - 15m)",
        operator,
      );
    }
    const start = this.#peek().position;
    const match = RELATIVE_TIME.exec(this.text.slice(start, start + 64));
    if (match === null) {
      const afterNow = this.#peek(1);
      this.#fail("'- amount unit' after now, such as now - 15m", afterNow);
    }
    const end = start + match[0].length;
    let last = this.#take();
    while (this.#peek().kind !== 'end' && this.#peek().position < end) last = this.#take();
    const unit = UNIT_NAMES[match[2].toLowerCase()];
    const endsToken = last.kind === 'word' && last.position + last.text.length === end;
    if (unit === undefined || !endsToken) {
      const unitStart = start + match[0].length - match[2].length;
      const found = this.text.slice(unitStart).split(/[\s()",=<>!]/)[0];
      throw new QuerySyntaxError(
        UNITS_EXPECTED,
        found === '' ? describeToken(this.#peek()) : `'${found}'`,
        unitStart,
      );
    }
    const amount = Number(match[1]);
    if (!(amount > 0)) this.#fail('an amount of time above zero', last);
    return { field, op: 'within_last', value: amount, unit };
  }

  #withinLast(field: string, word: string): FilterCondition {
    if (word === 'within' && !this.#acceptKeyword('last')) {
      this.#fail("'last' after 'within'", this.#peek());
    }
    const amountToken = this.#peek();
    const amount = this.#value(field);
    if (typeof amount !== 'number' || !(amount > 0)) {
      this.#fail('an amount of time above zero', amountToken);
    }
    const unitToken = this.#take();
    const unit = unitToken.kind === 'word' ? UNIT_NAMES[unitToken.text.toLowerCase()] : undefined;
    if (unit === undefined) this.#fail(UNITS_EXPECTED, unitToken);
    return { field, op: 'within_last', value: amount, unit };
  }

  #make(field: string, op: CriteriaOperator, value: FilterValue | FilterValue[]): FilterCondition {
    return { field, op, value };
  }

  #list(field: string): FilterValue[] {
    this.#expectSymbol('(');
    const values = [this.#value(field)];
    while (this.#isSymbol(this.#peek(), ',')) {
      this.#take();
      values.push(this.#value(field));
    }
    const close = this.#take();
    if (!this.#isSymbol(close, ')')) this.#fail("',' or ')'", close);
    return values;
  }

  #value(field: string): FilterValue {
    const token = this.#take();
    if (token.kind === 'string') return timeOrText(field, token.text);
    if (token.kind !== 'word' || KEYWORDS.has(token.text.toLowerCase())) {
      // A keyword read as a value would hide a missing value, as in `value > and`, so keywords
      // must be quoted to be values.
      this.#fail('a value (a number, true, false or text; quote text with spaces)', token);
    }
    const text = token.text;
    if (NUMBER.test(text)) return Number(text);
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
    if (lower === 'null') return null;
    return timeOrText(field, text);
  }
}

function startsRelativeTime(token: Token): boolean {
  if (token.kind !== 'word') return false;
  const lower = token.text.toLowerCase();
  return lower === 'now' || lower.startsWith('now-');
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
      `at most ${MAX_QUERY_LENGTH.toLocaleString('en-US')} characters`,
      `${text.length.toLocaleString('en-US')} characters`,
      MAX_QUERY_LENGTH,
    );
  }
  if (text.trim() === '') return null;
  const parser = new Parser(tokenize(text), text);
  const node = parser.parse();
  // A chain, `not (...)`, `any (...)` or `all (...)` written alone is the top-level group;
  // a condition or a parenthesized group alone sits inside one.
  const root =
    isGroup(node) && parser.origins.get(node) !== 'parens'
      ? node
      : { logic: 'and' as const, conditions: [node] };
  return parseCriteria(root);
}

export type QueryResult =
  { ok: true; criteria: FilterCriteria | null } | { ok: false; problem: QueryProblem };

/** Why a query was rejected: what was expected where, or the criteria rule it breaks. */
export interface QueryProblem {
  message: string;
  /** Index of a syntax error in the text; absent when the query parsed but broke a rule. */
  position?: number;
}

/** Describes a problem as a sentence that follows "Invalid query", such as "at character 9: ...". */
export function describeProblem(problem: QueryProblem): string {
  if (problem.position === undefined) return `: ${problem.message}`;
  return ` at character ${problem.position + 1}: ${problem.message}`;
}

/** Parses a text query like `parseQuery`, but returns the problem instead of throwing it. */
export function tryParseQuery(text: string): QueryResult {
  try {
    return { ok: true, criteria: parseQuery(text) };
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      return { ok: false, problem: { message: error.message, position: error.position } };
    }
    if (error instanceof FilterValidationError) {
      const message = error.message.replace(/^criteria[^:]*: /, '');
      return { ok: false, problem: { message } };
    }
    throw error;
  }
}
