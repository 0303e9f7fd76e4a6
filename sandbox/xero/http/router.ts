// A tiny case-insensitive router (Xero's paths are case-insensitive: /Invoices and /invoices).

export interface RouteMatch<H> {
  handler: H;
  params: Record<string, string>;
  pattern: string;
}

interface Route<H> {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  handler: H;
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H): this {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, pattern, regex: new RegExp(`^${source}/?$`, 'i'), names, handler });
    return this;
  }

  match(method: string, path: string): RouteMatch<H> | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.regex.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1])));
      return { handler: route.handler, params, pattern: route.pattern };
    }
    return undefined;
  }

  /** True when the path exists under another method (so the answer is 405, not 404). */
  hasPath(path: string): boolean {
    return this.routes.some((route) => route.regex.test(path));
  }
}
