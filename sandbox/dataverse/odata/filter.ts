import { errors } from '../errors';

/**
 * `$filter` as Dataverse accepts it for the relay's queries (reference/dataverse-webapi.md §1.3):
 * eq ne gt ge lt le, and or not, parentheses, contains/startswith/endswith, null, GUID, number,
 * date and string literals ('' escapes a quote), and Microsoft.Dynamics.CRM.In.
 */
export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand }
  | { kind: 'call'; name: 'contains' | 'startswith' | 'endswith'; property: Operand; value: Operand }
  | { kind: 'in'; property: string; values: Literal[] };

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type Literal = string | number | boolean | null;
export type Operand = { kind: 'property'; name: string } | { kind: 'literal'; value: Literal };

type Token =
  { type: 'str'; value: string } | { type: 'word'; value: string } | { type: 'punct'; value: string };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const COMPARE_OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw errors.badRequest(`Unterminated string literal in $filter: ${text}`);
        if (text[i] === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (text[i] === "'") {
          i++;
          break;
        } else value += text[i++];
      }
      tokens.push({ type: 'str', value });
    } else if ('(),[]='.includes(c)) {
      tokens.push({ type: 'punct', value: c });
      i++;
    } else {
      const m = /^[^\s(),[\]=']+/.exec(text.slice(i));
      if (!m) throw errors.badRequest(`Syntax error in $filter at position ${i}`);
      tokens.push({ type: 'word', value: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (w: string) => peek()?.type === 'word' && peek().value.toLowerCase() === w;
  const expect = (value: string) => {
    const tok = tokens[pos++];
    if (!tok || tok.value !== value)
      throw errors.badRequest(`Syntax error in $filter: expected '${value}' in ${text}`);
  };

  const parseOr = (): FilterNode => {
    let left = parseAnd();
    while (isWord('or')) {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): FilterNode => {
    let left = parseUnary();
    while (isWord('and')) {
      pos++;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): FilterNode => {
    if (isWord('not')) {
      pos++;
      return { kind: 'not', operand: parseUnary() };
    }
    if (peek()?.value === '(' && peek().type === 'punct') {
      pos++;
      const inner = parseOr();
      expect(')');
      return inner;
    }
    const tok = peek();
    if (tok?.type === 'word') {
      const fn = tok.value.toLowerCase();
      if (fn === 'contains' || fn === 'startswith' || fn === 'endswith') {
        pos++;
        expect('(');
        const property = parseOperand();
        expect(',');
        const value = parseOperand();
        expect(')');
        return { kind: 'call', name: fn, property, value };
      }
      if (fn === 'microsoft.dynamics.crm.in') return parseIn();
    }
    const left = parseOperand();
    const op = tokens[pos++];
    if (!op || op.type !== 'word' || !COMPARE_OPS.has(op.value)) {
      throw errors.badRequest(`Syntax error in $filter: expected a comparison operator in ${text}`);
    }
    return { kind: 'compare', op: op.value as CompareOp, left, right: parseOperand() };
  };
  const parseIn = (): FilterNode => {
    pos++;
    expect('(');
    let property = '';
    const values: Literal[] = [];
    while (peek() && peek().value !== ')') {
      const name = tokens[pos++].value;
      expect('=');
      if (name === 'PropertyName') {
        property = tokens[pos++].value;
      } else if (name === 'PropertyValues') {
        expect('[');
        while (peek() && peek().value !== ']') {
          const v = parseOperand();
          if (v.kind === 'literal') values.push(v.value);
          if (peek()?.value === ',') pos++;
        }
        expect(']');
      }
      if (peek()?.value === ',') pos++;
    }
    expect(')');
    return { kind: 'in', property, values };
  };
  const parseOperand = (): Operand => {
    const tok = tokens[pos++];
    if (!tok) throw errors.badRequest(`Syntax error in $filter: unexpected end of ${text}`);
    if (tok.type === 'str') return { kind: 'literal', value: tok.value };
    if (tok.type !== 'word')
      throw errors.badRequest(`Syntax error in $filter near '${tok.value}' in ${text}`);
    const w = tok.value;
    if (w === 'null') return { kind: 'literal', value: null };
    if (w === 'true' || w === 'false') return { kind: 'literal', value: w === 'true' };
    if (GUID.test(w)) return { kind: 'literal', value: w.toLowerCase() };
    if (/^-?\d+(\.\d+)?$/.test(w)) return { kind: 'literal', value: Number(w) };
    if (/^\d{4}-\d{2}-\d{2}/.test(w)) return { kind: 'literal', value: w };
    return { kind: 'property', name: w };
  };

  const node = parseOr();
  if (pos < tokens.length)
    throw errors.badRequest(`Syntax error in $filter near '${tokens[pos].value}' in ${text}`);
  return node;
}

/** Property names the filter reads, so the caller can check each against the table first. */
export function filterProperties(node: FilterNode): string[] {
  const ofOperand = (o: Operand) => (o.kind === 'property' ? [o.name] : []);
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...filterProperties(node.left), ...filterProperties(node.right)];
    case 'not':
      return filterProperties(node.operand);
    case 'compare':
      return [...ofOperand(node.left), ...ofOperand(node.right)];
    case 'call':
      return [...ofOperand(node.property), ...ofOperand(node.value)];
    case 'in':
      return [node.property];
  }
}

export type ValueReader = (property: string) => Literal;

export function evaluateFilter(node: FilterNode, read: ValueReader): boolean {
  const value = (o: Operand): Literal => (o.kind === 'property' ? read(o.name) : o.value);
  switch (node.kind) {
    case 'and':
      return evaluateFilter(node.left, read) && evaluateFilter(node.right, read);
    case 'or':
      return evaluateFilter(node.left, read) || evaluateFilter(node.right, read);
    case 'not':
      return !evaluateFilter(node.operand, read);
    case 'compare':
      return compare(node.op, value(node.left), value(node.right));
    case 'call': {
      const haystack = value(node.property);
      const needle = value(node.value);
      if (typeof haystack !== 'string' || typeof needle !== 'string') return false;
      const h = haystack.toLowerCase();
      const n = needle.toLowerCase();
      if (node.name === 'contains') return h.includes(n);
      return node.name === 'startswith' ? h.startsWith(n) : h.endsWith(n);
    }
    case 'in': {
      const v = read(node.property);
      return node.values.some((candidate) => compare('eq', v, candidate));
    }
  }
}

/** Compares the way Dataverse's SQL collation does: strings case-insensitively, dates as instants. */
export function compareValues(a: Literal, b: Literal): number {
  if (typeof a === 'number' && typeof b === 'string' && b.trim() !== '' && !isNaN(Number(b)))
    return a - Number(b);
  if (typeof a === 'string' && typeof b === 'string') {
    const da = asDate(a);
    const db = asDate(b);
    if (da !== undefined && db !== undefined) return da - db;
    return a.toLowerCase().localeCompare(b.toLowerCase());
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  return Number(a) - Number(b);
}

function asDate(s: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
  const ms = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
  return isNaN(ms) ? undefined : ms;
}

function compare(op: CompareOp, a: Literal, b: Literal): boolean {
  if (a === null || b === null || a === undefined || b === undefined) {
    const bothNull = (a ?? null) === null && (b ?? null) === null;
    if (op === 'eq') return bothNull;
    if (op === 'ne') return !bothNull;
    return false;
  }
  const c = compareValues(a, b);
  switch (op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'gt':
      return c > 0;
    case 'ge':
      return c >= 0;
    case 'lt':
      return c < 0;
    case 'le':
      return c <= 0;
  }
}
