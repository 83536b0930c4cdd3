import { copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DroppedFiles, ImportPreview } from '../../shared/api.ts';
import { createCore } from '../host/core.ts';
import { openDatabase } from '../store/database.ts';
import { fixtureSet, type FixtureSet } from '../testing/fixtureSet.ts';
import { createScriptedDialogs } from '../testing/scriptedDialogs.ts';
import { openTestCore } from '../testing/testCore.ts';
import { tempDir } from '../testing/tempDir.ts';
import { checkDroppedFiles, createDropBox } from './droppedFiles.ts';

let fixtures: FixtureSet;
beforeAll(async () => {
  fixtures = await fixtureSet();
});

/** A folder as a user might drop from: two exports, a Word file, an old Excel file and a subfolder. */
function desk(): { dir: string; csv: string; xlsx: string; txt: string; docx: string; xls: string; folder: string } {
  const dir = tempDir();
  const csv = path.join(dir, 'export_2026Q3.csv');
  copyFileSync(fixtures.export('GM9903', '2026Q3'), csv);
  const xlsx = path.join(dir, 'Export Jeugd.XLSX');
  copyFileSync(fixtures.export('GM9901', '2026Q3'), xlsx);
  const txt = path.join(dir, 'export.txt');
  copyFileSync(fixtures.export('GM9903', '2026Q2'), txt);
  const docx = path.join(dir, 'notities.docx');
  writeFileSync(docx, 'geen export');
  const xls = path.join(dir, 'oud.xls');
  writeFileSync(xls, 'geen export');
  const folder = path.join(dir, 'map.csv');
  mkdirSync(folder);
  return { dir, csv, xlsx, txt, docx, xls, folder };
}

const entry = (pad: string) => ({ naam: path.basename(pad), pad });

describe('the host’s check of dropped files', () => {
  test('grants existing csv, txt and xlsx files and refuses everything else with a Dutch reason', () => {
    const d = desk();
    const outcome = checkDroppedFiles([d.csv, d.xlsx, d.txt, d.docx, d.xls, d.folder, path.join(d.dir, 'weg.csv')].map(entry));
    expect(outcome.granted).toEqual([d.csv, d.xlsx, d.txt]);
    expect(outcome.refused).toEqual([
      '“notities.docx” is niet toegevoegd: alleen CSV-, TXT- en Excel-bestanden (.xlsx) en iWmo-/iJw-berichten (.xml, .zip) kunnen worden ingelezen.',
      '“oud.xls” is een oud Excel-bestand (.xls). Sla het in Excel op als .xlsx of als CSV en sleep dat bestand.',
      '“map.csv” is een map zonder berichten (.xml of .zip) en is niet toegevoegd. Exports sleept u als bestand.',
      '“weg.csv” is niet gevonden.',
    ]);
  });

  test('a dropped folder gives the messages in it and its subfolders, in name order, never through a link', () => {
    const dir = tempDir();
    const archive = path.join(dir, 'berichtenverkeer');
    mkdirSync(path.join(archive, '2026-08'), { recursive: true });
    mkdirSync(path.join(archive, '2026-07'));
    for (const file of ['2026-08/WMO323_b.xml', '2026-08/WMO301_a.XML', '2026-07/JW301.xml', 'export.csv', 'leesmij.txt', 'oud.zip']) writeFileSync(path.join(archive, file), '<x/>');
    const elsewhere = tempDir();
    writeFileSync(path.join(elsewhere, 'WMO305.xml'), '<x/>');
    symlinkSync(elsewhere, path.join(archive, 'link'));
    const outcome = checkDroppedFiles([entry(archive)]);
    expect(outcome.granted).toEqual(['2026-07/JW301.xml', '2026-08/WMO301_a.XML', '2026-08/WMO323_b.xml', 'oud.zip'].map((f) => path.join(archive, f)));
    expect(outcome.refused).toEqual([]);
    // A folder on a share is refused like a file there.
    expect(checkDroppedFiles([{ naam: 'archief', pad: '\\\\server\\zorg\\archief' }]).refused[0]).toMatch(/staat op een netwerklocatie/);
  });

  test('refuses a file that exists only in the page, and a path that is not absolute', () => {
    const outcome = checkDroppedFiles([
      { naam: 'gemaakt-in-de-pagina.csv', pad: '' },
      { naam: 'export.csv', pad: 'relatief/export.csv' },
    ]);
    expect(outcome.granted).toEqual([]);
    expect(outcome.refused).toEqual([
      '“gemaakt-in-de-pagina.csv” is geen bestand op deze computer. Sla het eerst op en sleep dan het opgeslagen bestand.',
      '“export.csv” is geen bestand op deze computer. Sla het eerst op en sleep dan het opgeslagen bestand.',
    ]);
  });

  test('refuses network shares and device paths, in either slash direction, naming only the file', () => {
    const paths = [
      String.raw`\\server\share\export.csv`,
      '//server/share/export.csv',
      String.raw`\\?\C:\Users\anna\export.csv`,
      String.raw`\\.\C:\Users\anna\export.csv`,
      String.raw`\\?\UNC\server\share\export.csv`,
      String.raw`\??\C:\export.csv`,
      String.raw`/\server\share\export.csv`,
    ];
    const outcome = checkDroppedFiles(paths.map((pad) => ({ naam: 'export.csv', pad })));
    expect(outcome.granted).toEqual([]);
    expect(outcome.refused).toEqual(
      paths.map(() => '“export.csv” staat op een netwerklocatie of is een apparaatpad (begint met \\\\) en is niet toegevoegd. Kopieer het bestand eerst naar deze computer en sleep dan de kopie.'),
    );
    // A local absolute path with a double slash further on is an ordinary file.
    const d = desk();
    expect(checkDroppedFiles([{ naam: 'export_2026Q3.csv', pad: d.csv.replace(/\/(?=[^/]*$)/, '//') }]).granted).toHaveLength(1);
  });

  test('throws on anything that is not a list of dropped files', () => {
    expect(() => checkDroppedFiles('/etc/passwd')).toThrow();
    expect(() => checkDroppedFiles([])).toThrow();
    expect(() => checkDroppedFiles([{ naam: 'a.csv', pad: '/a.csv', extra: 1 }])).toThrow();
    expect(() => checkDroppedFiles(Array.from({ length: 51 }, () => ({ naam: 'a.csv', pad: '/a.csv' })))).toThrow();
  });

  test('a token is good for one redemption, within a minute', () => {
    let now = 0;
    const box = createDropBox(() => now);
    const outcome = { granted: ['/x.csv'], refused: [] };
    const first = box.put(outcome);
    expect(box.take(first)).toEqual(outcome);
    expect(box.take(first)).toBeNull();
    const late = box.put(outcome);
    now += 60_001;
    expect(box.take(late)).toBeNull();
    expect(box.take('verzonnen')).toBeNull();
  });
});

describe('import.dropFiles', () => {
  test('registers dropped files like dialog-chosen ones (opaque ids that preview and import use) and lists the refused', async () => {
    const d = desk();
    const { call, core, desktop } = await openTestCore();
    const result: DroppedFiles = await call('import.dropFiles', { drop: desktop.drop([d.csv, d.docx, d.xlsx]) });
    expect(result.bestanden.map((f) => f.naam)).toEqual(['export_2026Q3.csv', 'Export Jeugd.XLSX']);
    expect(result.bestanden.every((f) => /^[0-9a-f-]{36}$/.test(f.id) && f.grootte > 0)).toBe(true);
    expect(JSON.stringify(result)).not.toContain(d.dir);
    expect(result.geweigerd).toEqual(['“notities.docx” is niet toegevoegd: alleen CSV-, TXT- en Excel-bestanden (.xlsx) en iWmo-/iJw-berichten (.xml, .zip) kunnen worden ingelezen.']);
    const preview: ImportPreview = await call('import.preview', { bestandId: result.bestanden[0]!.id });
    expect(preview.headers).toContain('Ingangsdatum');
    core.close();
  });

  test('a token redeems once; a file gone since the host checked it is refused by the core', async () => {
    const d = desk();
    const { call, core, desktop } = await openTestCore();
    const token = desktop.drop([d.csv, d.txt]);
    rmSync(d.txt);
    expect(await call('import.dropFiles', { drop: token })).toMatchObject({ bestanden: [{ naam: 'export_2026Q3.csv' }], geweigerd: ['“export.txt” is niet gevonden.'] });
    await expect(call('import.dropFiles', { drop: token })).rejects.toThrow('Deze gesleepte bestanden zijn niet meer bekend. Sleep ze opnieuw.');
    core.close();
  });

  test('without a window (the command line) there is nothing to drop on', async () => {
    const db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
    const cli = createCore(db, { appVersion: 't', dialogs: createScriptedDialogs() });
    expect(await cli.call('import.dropFiles', { drop: 'x' })).toMatchObject({ ok: false, error: { code: 'GEEN_VENSTER' } });
    cli.close();
  });
});
