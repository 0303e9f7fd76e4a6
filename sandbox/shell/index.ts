/**
 * The demo shell's server: a node:http static server for the browser bundle, the solution's own
 * files (RibbonDiffXml, PCF controls), a tiny config endpoint, and a pass-through to the Xero
 * emulator's admin API for the Xero side panel. The browser calls the Dataverse emulator directly
 * (it answers CORS) with a user token the config endpoint hands out; Xero admin calls go through
 * this server so the Xero emulator needs no CORS.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { COMPONENTS, SOLUTION } from '../../solution/names';
import { versionForFileName } from '../../solution/version';
import { shellBundles } from './server/bundles';
import { readSolutionFiles, type SolutionFiles } from './server/solutionFiles';

export interface DemoShellOptions {
  port?: number;
  dataverseUrl: string;
  xeroUrl: string;
  relayUrl: string;
  /** A bearer token for the signed-in demo user; default: the emulator's POST /_admin/user-token. */
  getUserToken?: () => string | Promise<string>;
  /** The solution zip the Dataverse emulator imported; default: the built managed zip in dist/. */
  solutionZip?: string;
}

export interface DemoShell {
  url: string;
  stop(): Promise<void>;
}

const REPO = path.join(__dirname, '../..');
export const DEFAULT_SOLUTION_ZIP = path.join(
  REPO,
  'dist',
  `${SOLUTION.uniqueName}_${versionForFileName()}_managed.zip`,
);
const STATIC_DIR = path.join(__dirname, 'static');

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.xml': 'text/xml; charset=utf-8',
  '.resx': 'text/xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

async function emulatorUserToken(dataverseUrl: string): Promise<string> {
  const reply = await fetch(`${dataverseUrl}/_admin/user-token`, { method: 'POST', body: '{}' });
  if (!reply.ok) throw new Error(`The Dataverse emulator gave no user token (HTTP ${reply.status})`);
  return String(((await reply.json()) as { access_token: string }).access_token);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function proxyXeroAdmin(
  xeroUrl: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  adminPath: string,
): Promise<void> {
  const body = req.method === 'GET' ? undefined : await readBody(req);
  const reply = await fetch(`${xeroUrl}/_admin/${adminPath}`, {
    method: req.method,
    headers: { 'Content-Type': 'application/json' },
    body: body ? new Uint8Array(body) : undefined,
  });
  res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(Buffer.from(await reply.arrayBuffer()));
}

function sendFile(res: http.ServerResponse, name: string, content: Uint8Array | string | undefined): void {
  if (content === undefined) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`Not found: ${name}`);
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(name)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
  });
  res.end(content);
}

function createListener(options: DemoShellOptions, solution: SolutionFiles) {
  const getToken = options.getUserToken ?? (() => emulatorUserToken(options.dataverseUrl));
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://shell');
    const route = url.pathname;
    if (route === '/' || route === '/index.html') {
      sendFile(res, 'index.html', fs.readFileSync(path.join(STATIC_DIR, 'index.html')));
    } else if (route === '/shell.css') {
      sendFile(res, route, fs.readFileSync(path.join(STATIC_DIR, 'shell.css')));
    } else if (route === '/shell.js') {
      sendFile(res, route, (await shellBundles()).shellJs);
    } else if (route === '/platform.js') {
      sendFile(res, route, (await shellBundles()).platformJs);
    } else if (route === '/config.json') {
      const config = {
        app: COMPONENTS.appModule,
        dataverseUrl: options.dataverseUrl,
        xeroUrl: options.xeroUrl,
        relayUrl: options.relayUrl,
        token: await getToken(),
        controls: solution.controlNames(),
      };
      sendFile(res, route, JSON.stringify(config));
    } else if (route.startsWith('/solution/')) {
      const zipPath = decodeURIComponent(route.slice('/solution/'.length));
      sendFile(res, zipPath, solution.get(zipPath));
    } else if (route.startsWith('/xero-admin/')) {
      await proxyXeroAdmin(options.xeroUrl, req, res, route.slice('/xero-admin/'.length));
    } else {
      sendFile(res, route, undefined);
    }
  };
}

export async function startDemoShell(options: DemoShellOptions): Promise<DemoShell> {
  const solution = readSolutionFiles(options.solutionZip ?? DEFAULT_SOLUTION_ZIP);
  const listener = createListener(options, solution);
  const server = http.createServer((req, res) => {
    listener(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(error instanceof Error ? error.message : String(error));
    });
  });
  // Bundle before listening, so the first page load is as fast as the others.
  await shellBundles();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
