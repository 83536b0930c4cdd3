import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, test, vi } from 'vitest';
import { UserError } from '../errors.ts';
import { DeliveryZip } from '../delivery/deliveryZip.ts';
import { tempDir } from '../testing/tempDir.ts';
import { withAtomicFile, writeFileAtomic } from './atomicWrite.ts';
import { ABANDONED_AFTER_MS, claimTemp, releaseTemp, removeLiveTempsSync, removeStaleTemps, STALE_AFTER_MS } from './tempFiles.ts';
import { writeError } from './writeErrors.ts';

// A disk that fills up: while `fullAfter` is set, file streams opened by the code under test
// accept that many bytes and then fail with ENOSPC, as fs.WriteStream does on a full disk.
const disk = vi.hoisted(() => ({ fullAfter: undefined as number | undefined }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    createWriteStream(file: string, options?: Parameters<typeof real.createWriteStream>[1]) {
      const limit = disk.fullAfter;
      if (limit === undefined) return real.createWriteStream(file, options);
      real.writeFileSync(file, '', { flag: 'wx' });
      let written = 0;
      return new Writable({
        highWaterMark: 16 * 1024,
        write(chunk: Buffer, _encoding, callback) {
          written += chunk.length;
          if (written > limit) callback(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' }));
          else real.appendFile(file, chunk, callback);
        },
      });
    },
  };
});

const ENOSPC = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });

describe('writing when the disk is full', () => {
  test('a zip whose file stream fails rejects the pending write (no hang), says the disk is full and leaves no temp file', async () => {
    const dir = tempDir();
    disk.fullAfter = 64 * 1024;
    try {
      const zip = new DeliveryZip(path.join(dir, 'GM9999_2026Q3_levering.zip'), new Date(0));
      const entry = zip.csv('voorzieningen.csv', ['a', 'b']);
      // Random rows barely compress, so the zip output passes the limit quickly.
      const rows = Array.from({ length: 2000 }, (_, i) => [String(i), Math.random().toString(36).repeat(4)]);
      const writing = (async () => {
        for (let i = 0; i < 200; i++) await entry.write(rows);
        await entry.end();
        await zip.finish();
      })();
      const error = await Promise.race([writing.then(() => 'finished', (e: unknown) => e), new Promise((r) => setTimeout(() => r('hung'), 5000))]);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('SCHIJF_VOL');
      expect((error as UserError).message).toContain("'GM9999_2026Q3_levering.zip' kon niet worden geschreven");
      expect((error as UserError).message).toContain('de schijf is vol');
      await zip.abort();
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      disk.fullAfter = undefined;
    }
  });

  test('withAtomicFile turns a writer failure into a Dutch message naming the file and removes the temp file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'rapport.xlsx');
    const error = await withAtomicFile(file, async (temp) => {
      writeFileSync(temp, 'half');
      throw ENOSPC;
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/^'rapport\.xlsx' kon niet worden geschreven in map '.*': de schijf is vol\./);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('the write errors name the file and the cause for every code we meet', () => {
    const message = (code: string) => (writeError('/uit/levering.zip', Object.assign(new Error(code), { code })) as UserError).message;
    expect(message('EDQUOT')).toContain('uw schijfquotum is op');
    expect(message('EFBIG')).toContain('de schijf is vol of het bestand wordt groter dan hier is toegestaan');
    expect(message('EACCES')).toBe("'levering.zip' kon niet worden geschreven: in de map '/uit' mag niet worden geschreven. Kies een andere map. Er is geen (half) bestand achtergelaten.");
    expect(message('EROFS')).toContain('(alleen-lezen schijf)');
    expect(message('ENOENT')).toContain("de map '/uit' bestaat niet");
    const other = new Error('boom');
    expect(writeError('/uit/x', other)).toBe(other);
  });

  test('writeFileAtomic into a missing folder names the folder', () => {
    const dir = path.join(tempDir(), 'bestaat-niet');
    expect(() => writeFileAtomic(path.join(dir, 'profiel.json'), '{}')).toThrow(`'profiel.json' kon niet worden geschreven: de map '${dir}' bestaat niet.`);
  });
});

describe('temp files left behind', () => {
  function deadPid(): number {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    return Number(child.stdout);
  }

  test('the next writer removes our temp files whose writer is gone, and nothing else', () => {
    const dir = tempDir();
    const old = (Date.now() - 2 * STALE_AFTER_MS) / 1000;
    const ancient = (Date.now() - 2 * ABANDONED_AFTER_MS) / 1000;
    const dead = deadPid();
    const files = {
      killed: `.GM9999_2026Q3_levering.zip.${dead}-0123456789ab.tmp`, // kill -9 a few minutes ago
      justKilled: `.cijfers.csv.${dead}-0123456789ac.tmp`, // not written for < STALE_AFTER_MS: maybe another machine's writer
      running: `.kwaliteit.xlsx.${process.pid}-0123456789ad.tmp`, // a live writer (this process)
      oldFormatRecent: '.GM9999_2026Q2_levering.zip.0123456789ae.tmp', // no pid: only by age
      oldFormatAncient: '.GM9999_2026Q1_levering.zip.0123456789af.tmp',
      notOurs: '.vim.swp.tmp',
      notOursEither: 'GM9999_2026Q3_levering.zip.0123456789b0.tmp',
      otherProgram: '.kladblok.txt.0123456789b1.tmp', // our old pattern, but not a file we write
    };
    const ancientNames = [files.oldFormatAncient, files.otherProgram];
    for (const name of Object.values(files)) writeFileSync(path.join(dir, name), 'x');
    for (const name of [files.killed, files.running, files.oldFormatRecent, files.notOurs, files.notOursEither]) utimesSync(path.join(dir, name), old, old);
    for (const name of ancientNames) utimesSync(path.join(dir, name), ancient, ancient);

    writeFileAtomic(path.join(dir, 'profiel.json'), '{}');
    expect(readdirSync(dir).sort()).toEqual(
      [files.justKilled, files.running, files.oldFormatRecent, files.notOurs, files.notOursEither, files.otherProgram, 'profiel.json'].sort(),
    );
    expect(removeStaleTemps(dir)).toEqual([]);
  });

  test('live temp files are removed on request (the CLI does it on SIGINT/SIGTERM) and released ones are not', () => {
    const dir = tempDir();
    const kept = claimTemp(path.join(dir, 'a.csv'));
    writeFileSync(kept, 'klaar');
    releaseTemp(kept);
    const live = claimTemp(path.join(dir, 'b.csv'));
    writeFileSync(live, 'half');
    expect(path.basename(live)).toMatch(new RegExp(`^\\.b\\.csv\\.${process.pid}-[0-9a-f]{12}\\.tmp$`));
    removeLiveTempsSync();
    expect(existsSync(live)).toBe(false);
    expect(existsSync(kept)).toBe(true);
    expect(fs.readFileSync(kept, 'utf8')).toBe('klaar');
  });
});
