import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tempDir } from '../core/testing/tempDir.ts';
import { latestVersion } from '../core/store/database.ts';
import { startHarness, type Harness } from './server.ts';

let harness: Harness;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = tempDir();
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'harness.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(tempDir(), 'geheim.txt'), 'geheim');
  harness = await startHarness({ dataDir: tempDir(), rendererDir, appVersion: '9.9.9' });
});
afterAll(() => harness.close());

/** A raw request, so the test controls the Host header and path exactly. */
function raw(method: string, pathname: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: harness.port, method, path: pathname, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const auth = () => ({ authorization: `Bearer ${harness.token}` });

describe('test harness', () => {
  test('listens on loopback only, with a fresh random token', () => {
    expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  test('refuses API calls without the token or with a wrong one', async () => {
    expect((await raw('POST', '/api/call/settings.get')).status).toBe(401);
    expect((await raw('POST', '/api/call/settings.get', { authorization: 'Bearer 00' })).status).toBe(401);
    expect((await raw('POST', '/api/call/settings.get', { authorization: `Bearer ${harness.token.replace(/.$/, 'x')}` })).status).toBe(401);
    expect((await raw('POST', '/__harness/dialogs', {}, '{}')).status).toBe(401);
    expect((await raw('GET', '/__harness/shown')).status).toBe(401);
    expect((await raw('POST', '/api/drop', {}, '')).status).toBe(401);
    expect((await raw('GET', '/api/events')).status).toBe(401);
  });

  test('answers the real handlers with the token', async () => {
    const response = await raw('POST', '/api/call/app.info', auth(), '{}');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ok: true, result: { version: '9.9.9', schemaVersion: latestVersion() } });
  });

  test('refuses another Host (DNS rebinding) and paths outside the renderer', async () => {
    expect((await raw('GET', '/', { host: 'example.org' })).status).toBe(403);
    expect((await raw('GET', '/../geheim.txt')).status).toBe(404);
    expect((await raw('GET', '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  test('serves the renderer with a strict Content-Security-Policy', async () => {
    const response = await raw('GET', '/');
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).toContain("connect-src 'self'");
  });

  test('plays the scripted dialog answers to the core', async () => {
    const target = path.join(tempDir(), 'log.csv');
    await raw('POST', '/__harness/dialogs', { ...auth(), 'content-type': 'application/json' }, JSON.stringify({ save: [target] }));
    const response = JSON.parse((await raw('POST', '/api/call/audit.export', auth(), '{}')).body) as unknown;
    expect(response).toEqual({ ok: true, result: { saved: true, path: target } });
    const asked = JSON.parse((await raw('GET', '/__harness/dialogs', auth())).body) as unknown;
    expect(asked).toEqual([{ kind: 'save', title: 'Logboek opslaan' }]);
  });

  test('takes a drop’s bytes into a folder of its own; the core grants them by token, like a dialog choice', async () => {
    const form = new FormData();
    form.append('bestand', new Blob(['Productcode;BSN\n']), 'export.csv');
    form.append('bestand', new Blob(['x']), '../../ontsnapt.csv');
    form.append('bestand', new Blob(['x']), 'brief.docx');
    const offered = await fetch(`http://127.0.0.1:${harness.port}/api/drop`, { method: 'POST', headers: auth(), body: form });
    const { drop } = (await offered.json()) as { drop: string };
    const answer = JSON.parse((await raw('POST', '/api/call/import.dropFiles', auth(), JSON.stringify({ drop }))).body) as {
      result: { bestanden: { naam: string; grootte: number }[]; geweigerd: string[] };
    };
    expect(answer.result.bestanden.map((f) => [f.naam, f.grootte])).toEqual([
      ['export.csv', 16],
      ['ontsnapt.csv', 1],
    ]);
    expect(answer.result.geweigerd).toEqual(['“brief.docx” is niet toegevoegd: alleen CSV-, TXT- en Excel-bestanden (.xlsx) en iWmo-/iJw-berichten (.xml, .zip) kunnen worden ingelezen.']);
    // The name cannot climb out of the harness's drop folder (it lives in the system's temp folder).
    expect(existsSync(path.join(tmpdir(), 'ontsnapt.csv'))).toBe(false);
    const again = JSON.parse((await raw('POST', '/api/call/import.dropFiles', auth(), JSON.stringify({ drop }))).body) as unknown;
    expect(again).toMatchObject({ ok: false, error: { code: 'SLEPEN_VERLOPEN' } });
  });
});
