// A small parser for Xero's `where` filters (reference/xero-api.md §3.4): comparisons
// (== != > >= < <=) of dotted field paths with strings, numbers, booleans, null, Guid("…") and
// DateTime(y,m,d), combined with AND / OR / NOT (or && || !) and parentheses, plus the
// .Contains / .StartsWith / .EndsWith string methods. Evaluated against the rendered JSON.
import { parseTimestamp } from './xeroDates';

type Json = Record<string, unknown>;
type Value = string | number | boolean | null | { ms: number };
type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; inner: Node }
  | { kind: 'compare'; op: string; left: Operand; right: Operand }
  | { kind: 'method'; path: string[]; method: string; arg: Value }
  | { kind: 'truthy'; operand: Operand };
type Operand = { path: string[] } | { value: Value };

export type WhereFilter = { ok: true; test: (record: Json) => boolean } | { ok: false; error: string };

const TOKEN =
  /\s*(\(|\)|==|!=|>=|<=|>|<|&&|\|\||!|,|\.|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(text);
    if (!match) throw new Error(`Unexpected text at position ${TOKEN.lastIndex}`);
    tokens.push(match[1]);
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: string[]) {}

  parse(): Node {
    const node = this.or();
    if (this.at < this.tokens.length) throw new Error(`Unexpected '${this.tokens[this.at]}'`);
    return node;
  }

  private peek(): string | undefined {
    return this.tokens[this.at];
  }

  private take(expected?: string): string {
    const token = this.tokens[this.at++];
    if (token === undefined || (expected && token.toUpperCase() !== expected.toUpperCase())) {
      throw new Error(`Expected '${expected ?? 'a value'}'`);
    }
    return token;
  }

  private or(): Node {
    let left = this.and();
    while (this.peek() && ['OR', '||'].includes(this.peek()!.toUpperCase())) {
      this.take();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.unary();
    while (this.peek() && ['AND', '&&'].includes(this.peek()!.toUpperCase())) {
      this.take();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    if (this.peek() === '!' || this.peek()?.toUpperCase() === 'NOT') {
      this.take();
      return { kind: 'not', inner: this.unary() };
    }
    if (this.peek() === '(') {
      this.take('(');
      const inner = this.or();
      this.take(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Node {
    const left = this.operand();
    if ('method' in left) return left.method;
    const op = this.peek();
    if (op && ['==', '!=', '>', '>=', '<', '<='].includes(op)) {
      this.take();
      const right = this.operand();
      if ('method' in right) throw new Error('A method call cannot be compared');
      return { kind: 'compare', op, left, right };
    }
    return { kind: 'truthy', operand: left };
  }

  private operand(): Operand | { method: Node } {
    const token = this.take();
    if (token.startsWith('"')) return { value: JSON.parse(token) as string };
    if (/^-?\d/.test(token)) return { value: Number(token) };
    const upper = token.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { value: upper === 'TRUE' };
    if (upper === 'NULL') return { value: null };
    if (upper === 'GUID') return { value: this.args()[0] as string };
    if (upper === 'DATETIME') {
      const [y, m, d, h = 0, mi = 0, s = 0] = this.args() as number[];
      return { value: { ms: Date.UTC(y, m - 1, d, h, mi, s) } };
    }
    const path = [token];
    while (this.peek() === '.') {
      this.take('.');
      const segment = this.take();
      if (this.peek() === '(') {
        const [arg] = this.args();
        return { method: { kind: 'method', path, method: segment.toLowerCase(), arg } };
      }
      path.push(segment);
    }
    return { path };
  }

  private args(): Value[] {
    this.take('(');
    const values: Value[] = [];
    while (this.peek() !== ')') {
      const operand = this.operand();
      if (!('value' in operand)) throw new Error('Only literal arguments are supported');
      values.push(operand.value);
      if (this.peek() === ',') this.take(',');
    }
    this.take(')');
    return values;
  }
}

function lookup(record: Json, path: string[]): unknown {
  let current: unknown = record;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = Object.keys(current).find((k) => k.toLowerCase() === segment.toLowerCase());
    current = key === undefined ? undefined : (current as Json)[key];
  }
  return current;
}

function normalise(value: unknown, other: Value): unknown {
  if (other !== null && typeof other === 'object' && typeof value === 'string') return parseTimestamp(value);
  return typeof value === 'string' ? value.toLowerCase() : value;
}

function resolve(operand: Operand, record: Json): unknown {
  return 'path' in operand ? lookup(record, operand.path) : operand.value;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  const left = a !== null && typeof a === 'object' && 'ms' in a ? (a as { ms: number }).ms : (a ?? null);
  const right = b !== null && typeof b === 'object' && 'ms' in b ? (b as { ms: number }).ms : (b ?? null);
  switch (op) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    default:
      if (left === null || right === null) return false;
      if (op === '>') return (left as number) > (right as number);
      if (op === '>=') return (left as number) >= (right as number);
      if (op === '<') return (left as number) < (right as number);
      return (left as number) <= (right as number);
  }
}

function evaluate(node: Node, record: Json): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, record) && evaluate(node.right, record);
    case 'or':
      return evaluate(node.left, record) || evaluate(node.right, record);
    case 'not':
      return !evaluate(node.inner, record);
    case 'truthy':
      return resolve(node.operand, record) === true;
    case 'method': {
      const text = String(lookup(record, node.path) ?? '').toLowerCase();
      const arg = String(node.arg ?? '').toLowerCase();
      if (node.method === 'contains') return text.includes(arg);
      if (node.method === 'startswith') return text.startsWith(arg);
      if (node.method === 'endswith') return text.endsWith(arg);
      return false;
    }
    case 'compare': {
      const rightValue = 'value' in node.right ? node.right.value : null;
      const leftValue = 'value' in node.left ? node.left.value : null;
      const a = normalise(resolve(node.left, record), rightValue);
      const b = normalise(resolve(node.right, record), leftValue);
      return compare(node.op, a, b);
    }
  }
}

export function compileWhere(text: string): WhereFilter {
  try {
    const tree = new Parser(tokenize(text)).parse();
    return { ok: true, test: (record) => evaluate(tree, record) };
  } catch (error) {
    return {
      ok: false,
      error: `The where clause '${text}' could not be parsed: ${(error as Error).message}`,
    };
  }
}
