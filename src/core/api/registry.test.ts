import { z } from 'zod';
import { describe, expect, test } from 'vitest';
import { contractCalls } from '../../shared/apiObject.test.ts';
import { UserError } from '../errors.ts';
import { createCore } from '../host/core.ts';
import { openDatabase } from '../store/database.ts';
import { createScriptedDialogs } from '../testing/scriptedDialogs.ts';
import { tempDir } from '../testing/tempDir.ts';
import { allHandlers } from './handlers.ts';
import { createRegistry, defineHandler, noArgs, type HandlerContext } from './registry.ts';

const ctx = {} as HandlerContext;

describe('registry', () => {
  test('has exactly one handler for every call in the contract', async () => {
    const contract = (await contractCalls()).map((c) => c.name).sort();
    expect(allHandlers.map((h) => h.name).sort()).toEqual(contract);
  });

  test('refuses a name registered twice at start', () => {
    const one = defineHandler('app.info', noArgs, () => ({ version: '1', schemaVersion: 1 }));
    expect(() => createRegistry([one, one])).toThrow('API call registered twice: app.info');
  });

  test('validates arguments before the handler runs', async () => {
    let ran = false;
    const registry = createRegistry([
      defineHandler('audit.list', z.object({ limit: z.number().int().min(1, 'Minstens 1.') }).strict(), () => {
        ran = true;
        return [];
      }),
    ]);
    expect(await registry.dispatch('audit.list', { limit: 0 }, ctx)).toEqual({
      ok: false,
      error: { code: 'ONGELDIGE_INVOER', message: 'Minstens 1.' },
    });
    expect(await registry.dispatch('audit.list', { limit: 1, extra: 'x' }, ctx)).toMatchObject({ ok: false });
    expect(ran).toBe(false);
  });

  test('answers unknown calls and hides internal errors behind a Dutch message', async () => {
    const registry = createRegistry([
      defineHandler('app.info', noArgs, () => {
        throw new Error('SQLITE_CORRUPT at /home/secret/path');
      }),
      defineHandler('settings.get', noArgs, () => {
        throw new UserError('X', 'Bestand a.csv, rij 3, kolom BSN: ongeldig.', { file: 'a.csv', row: 3, column: 'BSN' });
      }),
    ]);
    expect(await registry.dispatch('fs.readFile', {}, ctx)).toMatchObject({ ok: false, error: { code: 'ONBEKENDE_AANROEP' } });
    const internal = await registry.dispatch('app.info', undefined, ctx);
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNE_FOUT' } });
    expect(JSON.stringify(internal)).not.toContain('secret');
    expect(await registry.dispatch('settings.get', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'X', message: 'Bestand a.csv, rij 3, kolom BSN: ongeldig.', location: { file: 'a.csv', row: 3, column: 'BSN' } },
    });
  });

  test('reports progress under the caller’s job id and cancels by it', async () => {
    const db = await openDatabase(`${tempDir()}/wijkmonitor.sqlite`);
    let release: () => void = () => {};
    const registry = createRegistry([
      defineHandler('audit.list', z.object({ limit: z.number(), jobId: z.string() }) as never, async (_args, { progress, signal }) => {
        progress({ phase: 'lezen', done: 1, total: 2 });
        await new Promise<void>((resolve) => (release = resolve));
        if (signal.aborted) throw new UserError('GEANNULEERD', 'Geannuleerd.');
        return [];
      }),
      allHandlers.find((h) => h.name === 'jobs.cancel')!,
    ]);
    const core = createCore(db, { appVersion: 't', dialogs: createScriptedDialogs(), registry });
    const events: unknown[] = [];
    core.onProgress((event) => events.push(event));

    const job = core.call('audit.list', { limit: 1, jobId: 'job-1' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await core.call('audit.list', { limit: 1, jobId: 'job-1' })).toMatchObject({ ok: false, error: { code: 'TAAK_LOOPT_AL' } });
    expect(await core.call('jobs.cancel', { id: 'job-1' })).toEqual({ ok: true, result: { cancelled: true } });
    release();
    expect(await job).toEqual({ ok: false, error: { code: 'GEANNULEERD', message: 'Geannuleerd.' } });
    expect(events).toEqual([{ jobId: 'job-1', phase: 'lezen', done: 1, total: 2 }]);
    expect(await core.call('jobs.cancel', { id: 'job-1' })).toEqual({ ok: true, result: { cancelled: false } });
    core.close();
  });
});
