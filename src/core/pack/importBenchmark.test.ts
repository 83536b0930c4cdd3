import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import yauzl from 'yauzl';
import { afterEach, describe, expect, test } from 'vitest';
import { setGemeente } from '../settings/settings.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { tempDir } from '../testing/tempDir.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { benchmarkView } from './benchmarkView.ts';
import { importBenchmark } from './importBenchmark.ts';
import type { PackInput } from './packInput.ts';
import { noIjk } from './ijkperiode.ts';
import type { ReleaseRow } from './releaseRows.ts';
import { writeBenchmarkZip } from './writeBenchmarkZip.ts';

const opened: Db[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

const row = (gemeente: string, wijk: string, indicator: string, waarde: number | null, dimensie = ''): ReleaseRow => ({ periode: '2026Q3', gemeente, wijk, indicator, dimensie, waarde, status: waarde === null ? 'onderdrukt' : 'ok' });

function input(gemeente = 'GM9903'): PackInput {
  return {
    periode: '2026Q3',
    gemeente: { code: gemeente, naam: 'Maasvoorde' },
    setting: { status: 'voorlopig', toelichting: 'Eerste release.' },
    aangemaakt: '2026-11-30T10:00:00.000Z',
    cbsJaar: 2024,
    ijk: noIjk([]),
    release: [
      row(gemeente, '', 'clienten', 120), row(gemeente, 'WK990301', 'clienten', 70), row(gemeente, 'WK990302', 'clienten', null),
      row(gemeente, 'WK990301', 'sr', 112.5, 'pijler=WMO'), row(gemeente, 'WK990301', 'sr_onder', 90.1, 'pijler=WMO'), row(gemeente, 'WK990301', 'sr_boven', 138.2, 'pijler=WMO'),
      row('ALLE', '', 'clienten', 900), row('', 'RG01', 'clienten', 300),
      row('GM9901', '', 'clienten', 500),
    ],
    wijken: [{ code: 'WK990301', naam: 'Centrum', inwoners: 7000, groep: 'RG01', afstand: 0.5 }, { code: 'WK990302', naam: 'Dorp', inwoners: 1000, groep: 'RG02', afstand: 1.1 }],
    groepen: [{ code: 'RG01', naam: 'stedelijk, veel ouderen', wijken: 12, inwoners: 80000 }, { code: 'RG02', naam: 'landelijk', wijken: 9, inwoners: 20000 }],
    profiel: new Map(),
  };
}

async function gemeenteStore(code = 'GM9903'): Promise<Db> {
  const db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
  opened.push(db);
  setGemeente(db, code, 'Maasvoorde');
  return db;
}

/** The zip with one entry's bytes changed (the manifest kept), as a damaged or edited file would be. */
async function rewrite(file: string, change: (name: string, bytes: Buffer) => Buffer): Promise<string> {
  const entries = await new Promise<Map<string, Buffer>>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (e, zip) => {
      if (e) return reject(e);
      const out = new Map<string, Buffer>();
      zip!.on('entry', (entry: yauzl.Entry) =>
        zip!.openReadStream(entry, async (err, stream) => {
          if (err) return reject(err);
          const chunks: Buffer[] = [];
          for await (const c of stream!) chunks.push(c as Buffer);
          out.set(entry.fileName, Buffer.concat(chunks));
          zip!.readEntry();
        }),
      );
      zip!.on('end', () => resolve(out));
      zip!.readEntry();
    }),
  );
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of entries) zip.addBuffer(change(name, bytes), name);
  zip.end();
  const target = path.join(tempDir(), path.basename(file));
  await finished(zip.outputStream.pipe(createWriteStream(target)));
  return target;
}

describe('benchmark import', () => {
  test('the analyst’s file is verified and stored; the view shows the release beside the wijken', async () => {
    const file = path.join(tempDir(), 'GM9903_2026Q3_benchmark.zip');
    const manifest = await writeBenchmarkZip(file, input());
    // Only this gemeente, its groups and ALLE travel: never another gemeente's figures.
    expect(manifest.bestanden['cijfers.csv'].rijen).toBe(8);
    const db = await gemeenteStore();
    const result = await importBenchmark(db, file);
    expect(result).toMatchObject({ imported: true, periode: '2026Q3', gemeente: 'GM9903', status: 'voorlopig', rijen: 8, wijken: 2 });
    const view = await benchmarkView(db, loadReferenceTables());
    expect(view.releases.map((r) => r.periode)).toEqual(['2026Q3']);
    const wijk = view.gekozen!.wijken.find((w) => w.wijk === 'WK990301')!;
    expect(wijk).toMatchObject({ wijknaam: 'Centrum', groep: 'RG01', groepnaam: 'stedelijk, veel ouderen' });
    // No records in this store for the period: no own figures, the release's values as they are.
    expect(view.gekozen!.eigenCijfers).toBe(false);
    expect(wijk.rijen.find((r) => r.indicator === 'clienten')).toMatchObject({ eigen: null, groep: 300, gemeente: 120, alle: 900 });
    expect(wijk.sr).toEqual([{ dimensie: 'pijler=WMO', sr: 112.5, onder: 90.1, boven: 138.2 }]);
    // A newer file of the same period replaces the old one whole.
    await importBenchmark(db, file);
    expect((db.prepare('SELECT count(*) AS n FROM benchmark_cijfer').get() as { n: number }).n).toBe(8);
  });

  test('another gemeente’s file, a damaged file, an unknown version, a row of another period: refused in Dutch, nothing stored', async () => {
    const file = path.join(tempDir(), 'GM9903_2026Q3_benchmark.zip');
    await writeBenchmarkZip(file, input());
    const other = await gemeenteStore('GM9901');
    await expect(importBenchmark(other, file)).rejects.toThrow(/voor GM9903, niet voor deze gemeente \(GM9901\)/);
    const db = await gemeenteStore();
    const damaged = await rewrite(file, (name, bytes) => (name === 'cijfers.csv' ? Buffer.from(bytes.toString('utf8').replace('900', '901')) : bytes));
    await expect(importBenchmark(db, damaged)).rejects.toThrow(/controlesom \(sha256\) van cijfers\.csv klopt niet/);
    const future = await rewrite(file, (name, bytes) => (name === 'benchmark.json' ? Buffer.from(bytes.toString('utf8').replace('"versie": 1', '"versie": 2')) : bytes));
    await expect(importBenchmark(db, future)).rejects.toThrow(/versie 2 kan deze Wijkmonitor niet lezen/);
    // A row of another period than the file's: refused naming the row and column.
    const mixed = path.join(tempDir(), 'GM9903_2026Q3_benchmark.zip');
    const base = input();
    await writeBenchmarkZip(mixed, { ...base, release: [...base.release.slice(0, 2), { ...base.release[2]!, periode: '2026Q2' }, ...base.release.slice(3)] });
    await expect(importBenchmark(db, mixed)).rejects.toThrow('GM9903_2026Q3_benchmark.zip › cijfers.csv, rij 4, kolom periode: 2026Q2 hoort niet bij periode 2026Q3.');
    const notZip = path.join(tempDir(), 'kapot.zip');
    writeFileSync(notZip, 'geen zip');
    await expect(importBenchmark(db, notZip)).rejects.toThrow(/kapot\.zip is geen leesbaar zip-bestand/);
    expect((db.prepare('SELECT count(*) AS n FROM benchmark').get() as { n: number }).n).toBe(0);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });
});
