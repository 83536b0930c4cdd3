import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ProgressEvent } from '../shared/api.ts';
import type { Desktop } from '../core/api/registry.ts';
import { checkDroppedFiles, createDropBox } from '../core/import/droppedFiles.ts';
import { createScriptedDialogs } from '../core/testing/scriptedDialogs.ts';
import { startCoreWorker } from '../core/host/workerHost.ts';
import { contentSecurityPolicy } from '../shared/contentSecurityPolicy.ts';
import { createHarnessSecrets } from './harnessSecrets.ts';

export type HarnessOptions = {
  dataDir: string;
  /** The renderer built with the HTTP client (`npm run build:harness`). */
  rendererDir: string;
  appVersion: string;
  port?: number;
};

export type Harness = { url: string; port: number; token: string; close(): Promise<void> };

const MAX_BODY = 10 * 1024 * 1024;
const MAX_DROP = 512 * 1024 * 1024;
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Serves the real renderer and the real core handlers over HTTP, for browser tests where
 * Electron cannot run. Loopback only; every API request must carry this run's random token, so
 * no other local process or web page can drive the store.
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  if (!existsSync(path.join(options.rendererDir, 'harness.html'))) {
    throw new Error(`Geen harness-build in ${options.rendererDir}: voer eerst "npm run build:harness" uit.`);
  }
  const token = randomBytes(24).toString('hex');
  const dialogs = createScriptedDialogs();
  // A browser has no file manager to open: the harness records what it was asked to show.
  const shown: string[] = [];
  const drops = createDropBox();
  const dropRoot = mkdtempSync(path.join(tmpdir(), 'wijkmonitor-harness-drop-'));
  const desktop: Desktop = { showInFolder: async (file) => void shown.push(file), takeDrop: async (token) => drops.take(token) };
  const core = startCoreWorker({ dataDir: options.dataDir, appVersion: options.appVersion, dialogs, secrets: createHarnessSecrets(options.dataDir), desktop });
  const streams = new Set<ServerResponse>();
  core.onProgress((event: ProgressEvent) => streams.forEach((res) => res.write(`${JSON.stringify(event)}\n`)));

  let port = 0;
  const server = createServer((req, res) => {
    void handle(req, res).catch(() => send(res, 500, { error: 'interne fout' }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A page on another site resolving its own name to 127.0.0.1 (DNS rebinding) sends its own Host.
    if (req.headers.host !== `127.0.0.1:${port}`) return send(res, 403, { error: 'onbekende host' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/__harness/')) {
      if (!authorised(req, token)) return send(res, 401, { error: 'token ontbreekt of is onjuist' });
      if (req.method === 'POST' && url.pathname.startsWith('/api/call/')) {
        const response = await core.call(decodeURIComponent(url.pathname.slice('/api/call/'.length)), await readJson(req));
        return send(res, 200, response);
      }
      if (req.method === 'GET' && url.pathname === '/api/events') {
        res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
        res.write('\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/__harness/dialogs') {
        const script = (await readJson(req)) as { save?: (string | null)[]; open?: string[][] };
        script.save?.forEach((file) => dialogs.queueSave(file));
        script.open?.forEach((files) => dialogs.queueOpen(files));
        return send(res, 200, { ok: true });
      }
      if (req.method === 'GET' && url.pathname === '/__harness/dialogs') return send(res, 200, dialogs.asked);
      if (req.method === 'GET' && url.pathname === '/__harness/shown') return send(res, 200, shown);
      if (req.method === 'POST' && url.pathname === '/api/drop') return send(res, 200, { drop: drops.put(checkDroppedFiles(await receiveDrop(req, dropRoot))) });
      return send(res, 404, { error: 'onbekend' });
    }
    if (req.method !== 'GET') return send(res, 405, { error: 'niet toegestaan' });
    serveStatic(options.rendererDir, url.pathname, res);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      streams.forEach((res) => res.end());
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
      rmSync(dropRoot, { recursive: true, force: true });
    },
  };
}

/**
 * The files of a drop in the browser. Electron's preload learns where a dropped file lives
 * (`webUtils.getPathForFile`); a browser page cannot, and pretending it could would make the test
 * prove nothing. So the harness takes the honest route: the page uploads the dropped files'
 * bytes, the harness writes each to a folder of its own, and from there the same check
 * (`checkDroppedFiles`), one-time token and core call run as in Electron, on a real file with
 * exactly the dropped bytes. What this does not exercise is the preload and the IPC hop, which
 * need Electron.
 */
async function receiveDrop(req: IncomingMessage, dropRoot: string): Promise<{ naam: string; pad: string }[]> {
  if (Number(req.headers['content-length'] ?? MAX_DROP + 1) > MAX_DROP) throw new Error('drop too large');
  const form = await new Request('http://127.0.0.1/', {
    method: 'POST',
    headers: { 'content-type': String(req.headers['content-type'] ?? '') },
    body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit).formData();
  const entries: { naam: string; pad: string }[] = [];
  for (const value of form.getAll('bestand')) {
    if (typeof value === 'string') continue;
    // A folder per file keeps two drops of "export.csv" apart; the name cannot climb out of it.
    const folder = mkdtempSync(path.join(dropRoot, 'bestand-'));
    const naam = path.basename(value.name.replace(/\\/g, '/'));
    if (naam === '' || naam === '.' || naam === '..') {
      entries.push({ naam: value.name, pad: '' });
      continue;
    }
    const pad = path.join(folder, naam);
    writeFileSync(pad, Buffer.from(await value.arrayBuffer()), { flag: 'wx' });
    entries.push({ naam, pad });
  }
  return entries;
}

function authorised(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const relative = pathname === '/' ? 'harness.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  if (!file.startsWith(path.resolve(root) + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
    return send(res, 404, { error: 'niet gevonden' });
  }
  const type = types[path.extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
  if (type.startsWith('text/html')) headers['content-security-policy'] = contentSecurityPolicy('connect-src \'self\'');
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
