import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createRegistry, defineHandler, noArgs } from '../api/registry.ts';
import { UserError } from '../errors.ts';
import { openCore } from '../host/core.ts';
import { createScriptedDialogs } from '../testing/scriptedDialogs.ts';
import { tempDir } from '../testing/tempDir.ts';
import { createErrorLog, framesOf, logEntry, LOG_DIR, LOG_FILE } from './errorLog.ts';

// A test BSN (9999…, passes the 11-proef), a name and an address: what a cell could hold.
const BSN = '999913141';

/** A core whose one call throws what a reader might throw: a message quoting the data. */
async function failingCore(thrown: () => unknown) {
  const dataDir = tempDir();
  const registry = createRegistry([
    defineHandler('app.info', noArgs, () => {
      throw thrown();
    }),
  ]);
  const core = await openCore({ dataDir, appVersion: 't', dialogs: createScriptedDialogs(), registry });
  return { core, dataDir, log: path.join(dataDir, LOG_DIR, LOG_FILE) };
}

describe('the log of unexpected errors', () => {
  test('an INTERNE_FOUT is logged with call, class, code and frames — never the message with the BSN', async () => {
    const { core, log } = await failingCore(() => {
      const error = new Error(`Ongeldige waarde "${BSN}" voor Jansen, Kerkstraat 12 in rij 4`, { cause: Object.assign(new Error(`cel ${BSN}`), { code: 'SQLITE_CONSTRAINT_CHECK' }) });
      return error;
    });
    const response = await core.call('app.info', {});
    expect(response).toMatchObject({ ok: false, error: { code: 'INTERNE_FOUT' } });
    core.close();

    const text = readFileSync(log, 'utf8');
    const entry = JSON.parse(text.trim());
    expect(entry).toMatchObject({ code: 'INTERNE_FOUT', aanroep: 'app.info', soort: 'Error', oorzaken: [{ soort: 'Error', foutcode: 'SQLITE_CONSTRAINT_CHECK' }] });
    expect(entry.frames.length).toBeGreaterThan(0);
    expect(entry.frames.some((frame: string) => frame.includes('errorLog.test.ts'))).toBe(true);
    expect(text).not.toContain(BSN);
    expect(text).not.toContain('Jansen');
    expect(text).not.toContain('Kerkstraat');
    if (process.platform !== 'win32') {
      expect((statSync(log).mode & 0o777).toString(8)).toBe('600');
      expect((statSync(path.dirname(log)).mode & 0o777).toString(8)).toBe('700');
    }
  });

  test('a message that imitates stack frames does not get in either', () => {
    const error = new TypeError(`x\n    at ${BSN} (Jansen, Kerkstraat 12)\n    at 999 913 141`);
    const frames = framesOf(error);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.join('\n')).not.toMatch(/Jansen|999913141|999 913 141/);
  });

  test('something thrown that is not an Error is logged by its type only', () => {
    expect(logEntry('import.run', `BSN ${BSN}`, new Date('2026-12-01T09:00:00Z'))).toEqual({
      tijd: '2026-12-01T09:00:00.000Z',
      code: 'INTERNE_FOUT',
      aanroep: 'import.run',
      soort: 'string',
      frames: [],
    });
    // A foreign code that is not a symbol (it could be a value) is left out.
    expect(logEntry('x', Object.assign(new Error('y'), { code: BSN }), new Date())).not.toHaveProperty('foutcode');
  });

  test('refusals the user can act on (UserError) are not logged', async () => {
    const { core, log } = await failingCore(() => new UserError('ONGELDIG', 'Kolom bsn ontbreekt.'));
    expect(await core.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'ONGELDIG' } });
    core.close();
    expect(existsSync(log)).toBe(false);
  });

  test('the log rotates at its size limit and keeps three old files', () => {
    const dataDir = tempDir();
    const log = createErrorLog(dataDir, { maxBytes: 2000 });
    for (let i = 0; i < 60; i++) log.write('delivery.write', new Error(`fout ${i}`));
    const files = readdirSync(path.join(dataDir, LOG_DIR)).sort();
    expect(files).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`, `${LOG_FILE}.3`]);
    for (const file of files) expect(statSync(path.join(dataDir, LOG_DIR, file)).size).toBeLessThanOrEqual(2000);
  });
});
