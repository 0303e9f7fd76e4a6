import { errors } from '../errors';
import { parseFilter, type FilterNode } from './filter';

/** The query options the emulator honours (reference/dataverse-webapi.md §1.3). */
export interface QueryOptions {
  select?: string[];
  filter?: FilterNode;
  orderby?: { property: string; desc: boolean }[];
  top?: number;
  count?: boolean;
  expand?: ExpandOption[];
  skiptoken?: string;
}

export interface ExpandOption {
  navigation: string;
  options: QueryOptions;
}

/** Splits on `sep` outside parentheses and quotes. */
export function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === sep) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

export function parseQueryString(query: string): QueryOptions {
  const params = new URLSearchParams(query);
  const pairs: [string, string][] = [...params.entries()];
  return parseOptionPairs(pairs);
}

function parseOptionPairs(pairs: [string, string][]): QueryOptions {
  const options: QueryOptions = {};
  for (const [rawKey, value] of pairs) {
    const key = rawKey.trim().toLowerCase();
    switch (key) {
      case '$select':
        options.select = splitTopLevel(value, ',');
        break;
      case '$filter':
        options.filter = parseFilter(value);
        break;
      case '$orderby':
        options.orderby = splitTopLevel(value, ',').map((part) => {
          const [property, dir] = part.split(/\s+/);
          return { property, desc: dir?.toLowerCase() === 'desc' };
        });
        break;
      case '$top': {
        const top = Number(value);
        if (!Number.isInteger(top) || top < 0) throw errors.badRequest(`Invalid value for $top: '${value}'`);
        options.top = top;
        break;
      }
      case '$count':
        options.count = value.toLowerCase() === 'true';
        break;
      case '$expand':
        options.expand = splitTopLevel(value, ',').map(parseExpandItem);
        break;
      case '$skiptoken':
        options.skiptoken = value;
        break;
      case '$skip':
        throw errors.badRequest('The query parameter $skip is not supported');
      default:
        break;
    }
  }
  return options;
}

function parseExpandItem(item: string): ExpandOption {
  const open = item.indexOf('(');
  if (open < 0) return { navigation: item, options: {} };
  if (!item.endsWith(')')) throw errors.badRequest(`Syntax error in $expand near '${item}'`);
  const inner = item.slice(open + 1, -1);
  const pairs = splitTopLevel(inner, ';').map((opt): [string, string] => {
    const eq = opt.indexOf('=');
    return [opt.slice(0, eq), opt.slice(eq + 1)];
  });
  return { navigation: item.slice(0, open).trim(), options: parseOptionPairs(pairs) };
}
