import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createAreaLookup } from '../../classification/areaTable.ts';
import { readAreaFile } from '../../classification/tableFiles.ts';
import { fixtureSet } from '../../testing/fixtureSet.ts';
import { openTestCore } from '../../testing/testCore.ts';
import { tempDir } from '../../testing/tempDir.ts';
import { openCentralStore, type CentralStore } from '../store/centralStore.ts';
import { importReferenceFiles } from './importReference.ts';
import { pc6AreaTable } from './pc6AreaTable.ts';
import { STATLINE_2024_NL, TYPED_2019_AMSTERDAM, writeTemp } from './testFiles.ts';

const count = (store: CentralStore, table: string) => store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const kenmerk = (store: CentralStore, jaar: number, code: string, naam: string) =>
  store.db.prepare('SELECT waarde FROM cbs_kenmerk WHERE jaar = ? AND code = ? AND kenmerk = ?').pluck().get(jaar, code, naam) as number | undefined;

const small2030 = (inwoners: string, last = 'WK990102;30') =>
  writeTemp('kwb2030.csv', `WijkenEnBuurten;AantalInwoners_5\nGM9901;${inwoners}\nWK990101;20\n${last}\n`);

describe('central reference import into the catalogue', () => {
  test('both real CBS layouts are stored per region and year', async () => {
    const store = await openCentralStore(tempDir());
    const results = await importReferenceFiles(store.db, [TYPED_2019_AMSTERDAM, STATLINE_2024_NL]);
    expect(results.map((r) => [r.status, r.soort, r.jaar])).toEqual([
      ['nieuw', 'cbs_kwb', 2019],
      ['nieuw', 'cbs_kwb', 2024],
    ]);
    expect(results[0]!.aantallen).toMatchObject({ "regio's": 579, gemeenten: 1, wijken: 99, buurten: 479, kenmerken: 15 });
    expect(results[1]!.aantallen).toMatchObject({ "regio's": 18310, gemeenten: 342, wijken: 3393, buurten: 14574, kenmerken: 8 });
    expect(results[0]!.meldingen[0]).toBe('CBS Kerncijfers wijken en buurten 2019 (tabel 84583NED), typed dataset.');
    expect(results[1]!.meldingen[1]).toMatch(/^Niet in dit bestand: huishoudens, /);
    expect(kenmerk(store, 2019, 'GM0363', 'inwoners')).toBe(862965);
    expect(kenmerk(store, 2024, 'GM0392', 'inwoners')).toBe(167636);
    const wijken = store.db.prepare("SELECT count(*) FROM cbs_regio WHERE jaar = ? AND gemeente = ? AND soort = 'wijk'").pluck();
    expect(wijken.get(2019, 'GM0363')).toBe(99);
    expect(wijken.get(2024, 'GM0392')).toBe(21);
    store.close();
  });

  test('importing the same source and year again replaces it: counts do not double', async () => {
    const store = await openCentralStore(tempDir());
    await importReferenceFiles(store.db, [TYPED_2019_AMSTERDAM]);
    const before = [count(store, 'cbs_regio'), count(store, 'cbs_kenmerk')];
    const [again] = await importReferenceFiles(store.db, [TYPED_2019_AMSTERDAM]);
    expect(again!.status).toBe('vervangen');
    expect(again!.meldingen.at(-1)).toMatch(/^Vervangt de cijfers van 1 gemeente \(GM0363\) uit kwb2019_84583NED_typeddataset_GM0363\.csv \(ingelezen \d{4}-\d\d-\d\d\); daar blijft niets van over\.$/);
    expect([count(store, 'cbs_regio'), count(store, 'cbs_kenmerk')]).toEqual(before);
    expect(count(store, 'referentie_import')).toBe(1);
    store.close();
  });

  test('a bad row at the end of a file leaves the catalogue as it was', async () => {
    const store = await openCentralStore(tempDir());
    expect((await importReferenceFiles(store.db, [small2030('100')]))[0]!.status).toBe('nieuw');
    const [bad] = await importReferenceFiles(store.db, [small2030('999', 'WK990102;veel')]);
    expect(bad).toMatchObject({ status: 'geweigerd', soort: null, aantallen: {} });
    expect(bad!.meldingen).toEqual([expect.stringContaining('kwb2030.csv: rij 4, kolom "AantalInwoners_5": "veel" is geen getal')]);
    expect(kenmerk(store, 2030, 'GM9901', 'inwoners')).toBe(100);
    expect(count(store, 'cbs_regio')).toBe(3);
    expect(count(store, 'referentie_import')).toBe(1);
    store.close();
  });

  test('a failure while writing undoes the replacement too: one transaction per file', async () => {
    const store = await openCentralStore(tempDir());
    await importReferenceFiles(store.db, [small2030('100')]);
    // The last region of the new file cannot be written: the old data must survive.
    store.db.exec("CREATE TEMP TRIGGER weiger BEFORE INSERT ON cbs_regio WHEN NEW.code = 'WK990102' BEGIN SELECT RAISE(ABORT, 'test'); END");
    const [failed] = await importReferenceFiles(store.db, [small2030('999')]);
    expect(failed!.status).toBe('geweigerd');
    expect(kenmerk(store, 2030, 'GM9901', 'inwoners')).toBe(100);
    expect(store.db.prepare('SELECT id, bestand FROM referentie_import').all()).toEqual([{ id: 1, bestand: 'kwb2030.csv' }]);
    store.close();
  });

  test('each bron and periode of an aggregated file is its own data set', async () => {
    const store = await openCentralStore(tempDir());
    const q1 = writeTemp('zvw.csv', 'periode;gebied;bron;indicator;waarde\n2025Q1;WK990101;ZVW;kosten;10\n2025Q1;WK990101;WLZ;clienten;3\n');
    const q2 = writeTemp('zvw-q2.csv', 'periode;gebied;bron;indicator;waarde\n2025Q2;WK990101;ZVW;kosten;11\n');
    const q1Again = writeTemp('zvw-q1-correctie.csv', 'periode;gebied;bron;indicator;waarde\n2025Q1;WK990101;ZVW;kosten;12\n');
    const results = await importReferenceFiles(store.db, [q1, q2, q1Again]);
    expect(results.map((r) => r.status)).toEqual(['nieuw', 'nieuw', 'vervangen']);
    expect(results[0]!.aantallen).toEqual({ cijfers: 2, bronnen: 2, perioden: 1, ontbrekend: 0 });
    expect(results[2]!.meldingen.at(-1)).toMatch(/^Vervangt ZVW 2025Q1 uit zvw\.csv/);
    expect(store.db.prepare('SELECT periode, bron, waarde FROM bron_cijfer ORDER BY periode, bron').all()).toEqual([
      { periode: '2025Q1', bron: 'WLZ', waarde: 3 },
      { periode: '2025Q1', bron: 'ZVW', waarde: 12 },
      { periode: '2025Q2', bron: 'ZVW', waarde: 11 },
    ]);
    store.close();
  });

  test('a refused file does not stop the others; an unknown file says what is expected', async () => {
    const store = await openCentralStore(tempDir());
    const unknown = writeTemp('iets.csv', 'a;b\n1;2\n');
    const map = writeTemp('wijken.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { statcode: 'WK990101' }, geometry: { type: 'Polygon', coordinates: [[[155000, 463000], [156000, 463000], [156000, 464000], [155000, 463000]]] } }] }));
    const results = await importReferenceFiles(store.db, [unknown, map, '/bestaat/niet.csv'], { jaar: 2030 });
    expect(results.map((r) => r.status)).toEqual(['geweigerd', 'nieuw', 'geweigerd']);
    expect(results[0]!.meldingen[0]).toMatch(/^iets\.csv: onbekend soort bestand/);
    expect(results[1]).toMatchObject({ soort: 'geojson', jaar: 2030, aantallen: { gebieden: 1, wijken: 1 } });
    expect(results[1]!.meldingen[0]).toBe('Kaart 2030 (opgegeven), RD New, omgezet naar WGS84 (coördinaten in RD-meters).');
    expect(results[2]!.meldingen[0]).toMatch(/niet\.csv.*bestaat niet/);
    const stored = JSON.parse(store.db.prepare('SELECT geometrie FROM geo_gebied').pluck().get() as string);
    expect(stored.coordinates[0][0]).toEqual([5.387204, 52.155172]);
    store.close();
  });

  test('a cancelled import stops and stores nothing more', async () => {
    const store = await openCentralStore(tempDir());
    const controller = new AbortController();
    controller.abort();
    await expect(importReferenceFiles(store.db, [small2030('1')], { signal: controller.signal })).rejects.toThrow();
    expect(count(store, 'referentie_import')).toBe(0);
    store.close();
  });
});

describe('central.reference handler', () => {
  test('runs through the core on the analyst catalogue and validates its arguments', async () => {
    const { call, core, dialogs } = await openTestCore();
    const events: { jobId: string; phase: string }[] = [];
    core.onProgress(({ jobId, phase }) => events.push({ jobId, phase }));
    dialogs.queueOpen([small2030('100')]);
    const results = await call('central.reference', { jobId: 'ref-1' });
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]).toEqual({ jobId: 'ref-1', phase: 'kwb2030.csv (1 van 1)' });
    expect(results).toEqual([
      {
        bestand: 'kwb2030.csv',
        status: 'nieuw',
        soort: 'cbs_kwb',
        jaar: 2030,
        aantallen: { "regio's": 3, gemeenten: 1, wijken: 2, buurten: 0, kenmerken: 1, waarden: 3, ontbrekend: 0 },
        meldingen: ['CBS Kerncijfers wijken en buurten 2030 (bestandsnaam), typed dataset.', expect.stringMatching(/^Niet in dit bestand: mannen, /)],
      },
    ]);
    // Cancelled dialog: nothing read. A path from the page is no argument the call takes.
    expect(await call('central.reference', {})).toEqual([]);
    await expect(call('central.reference', { bestanden: ['x.csv'] } as never)).rejects.toThrow();
    await expect(call('central.reference', { jaar: 1800 })).rejects.toThrow('Het jaar moet tussen 1990 en 2100 liggen.');
    core.close();
  });
});

describe('central.areas and central.areasExport handlers', () => {
  test('the area table per PC6 comes back as data and is saved where the dialog says', async () => {
    const { call, core, dialogs, dataDir } = await openTestCore();
    const pc6 = writeTemp('pc6hnr20300801_gwb.csv', 'PC6;Huisnummer;Buurt2030;Wijk2030;Gemeente2030\n9901AA;1;99010101;990101;9901\n9901AB;1;99010201;990102;9901\n');
    dialogs.queueOpen([pc6]);
    await call('central.reference', {});
    const table = await call('central.areas', { gemeente: 'gm9901' });
    expect(table).toEqual({
      gemeente: 'GM9901',
      jaar: 2030,
      gebieden: [
        { postcode: '9901AA', wijk: 'WK990101', wijknaam: '', gebied: '' },
        { postcode: '9901AB', wijk: 'WK990102', wijknaam: '', gebied: '' },
      ],
      dubbelzinnig: 0,
      zonderNaam: 2,
    });
    await expect(call('central.areas', { gemeente: '9901' })).rejects.toThrow('Geef een CBS-gemeentecode op, bijvoorbeeld GM0392.');
    const out = path.join(dataDir, 'gebieden.csv');
    dialogs.queueSave(out);
    expect(await call('central.areasExport', { gemeente: 'GM9901', jaar: 2030 })).toEqual({ saved: true, path: out });
    expect(await readAreaFile(out)).toEqual(table.gebieden);
    expect(await call('central.areasExport', { gemeente: 'GM9901' })).toEqual({ saved: false });
    // No postcodes for the gemeente: refused before anyone is asked where to save.
    const asked = dialogs.asked.length;
    await expect(call('central.areasExport', { gemeente: 'GM9902' })).rejects.toThrow(/geen CBS-postcodebestand ingelezen met adressen in GM9902/);
    expect(dialogs.asked.length).toBe(asked);
    core.close();
  });
});

describe('the shipped synthetic gemeenten', () => {
  test('their CBS files, postcode file and map import, and the PC6 area table agrees with their own gebieden', async () => {
    const fixtures = await fixtureSet();
    const store = await openCentralStore(tempDir());
    const files = ['cbs/kerncijfers_wijken_buurten_2024.csv', 'cbs/pc6hnr20240801_gwb.csv', 'geo/wijken.geojson'].map((f) => path.join(fixtures.dir, f));
    const results = await importReferenceFiles(store.db, files, { jaar: 2024 });
    expect(results.map((r) => [r.status, r.soort, r.jaar])).toEqual([
      ['nieuw', 'cbs_kwb', 2024],
      ['nieuw', 'cbs_pc6', 2024],
      ['nieuw', 'geojson', 2024],
    ]);
    expect(results[0]!.aantallen.kenmerken).toBe(15);
    const lookup = createAreaLookup(await readAreaFile(fixtures.areas('GM9902')));
    const table = pc6AreaTable(store.db, 'GM9902');
    expect(table.rows.length).toBeGreaterThan(10);
    for (const row of table.rows) expect(lookup(row.postcode.slice(0, 4), row.postcode)?.wijk).toBe(row.wijk);
    expect(store.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'referentie.ingelezen'").pluck().get()).toBe(3);
    store.close();
  });
});
