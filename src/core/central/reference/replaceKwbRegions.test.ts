import { describe, expect, test } from 'vitest';
import { tempDir } from '../../testing/tempDir.ts';
import { openCentralStore, type CentralStore } from '../store/centralStore.ts';
import { importReferenceFiles } from './importReference.ts';
import { referenceOverview } from './referenceOverview.ts';
import { STATLINE_2024_NL, writeTemp } from './testFiles.ts';

/** A small Kerncijfers file of 2030: per gemeente its own row and two wijken, inhabitants scaled by `factor`. */
function kwb2030(name: string, gemeenten: readonly string[], factor: number, land?: number): string {
  const rows = gemeenten.flatMap((g) => {
    const digits = g.slice(2);
    return [`${g};${30 * factor}`, `WK${digits}01;${10 * factor}`, `WK${digits}02;${20 * factor}`];
  });
  const nl = land === undefined ? [] : [`NL00;${land}`];
  return writeTemp(name, `WijkenEnBuurten;AantalInwoners_5\n${[...nl, ...rows].join('\n')}\n`);
}

const inwoners = (store: CentralStore, code: string) =>
  store.db.prepare("SELECT waarde FROM cbs_kenmerk WHERE jaar = 2030 AND code = ? AND kenmerk = 'inwoners'").pluck().get(code) as number | undefined;
/** Which file each region of 2030 came from. */
const bestandOf = (store: CentralStore, code: string) =>
  store.db.prepare('SELECT i.bestand FROM cbs_regio r JOIN referentie_import i ON i.id = r.import_id WHERE r.jaar = 2030 AND r.code = ?').pluck().get(code) as string | undefined;
const imports = (store: CentralStore) => store.db.prepare("SELECT bestand FROM referentie_import WHERE soort = 'cbs_kwb' ORDER BY id").pluck().all() as string[];
const audit = (store: CentralStore) =>
  (store.db.prepare("SELECT details FROM audit_log WHERE action = 'referentie.ingelezen' ORDER BY id").pluck().all() as string[]).map((d) => JSON.parse(d) as Record<string, unknown>);

describe('Kerncijfers files of one year combine by gemeente', () => {
  test('two files with different gemeenten are both present; a third replaces only its own gemeente', async () => {
    const store = await openCentralStore(tempDir());
    const a = kwb2030('kwb2030_a.csv', ['GM9901', 'GM9902'], 1);
    const b = kwb2030('kwb2030_b.csv', ['GM9903'], 2);
    const first = await importReferenceFiles(store.db, [a, b]);
    expect(first.map((r) => r.status)).toEqual(['nieuw', 'nieuw']);
    expect(first[1]!.meldingen.at(-1)).toBe('Voegt 1 gemeente toe aan 2030 (GM9903).');
    expect([inwoners(store, 'GM9901'), inwoners(store, 'WK990202'), inwoners(store, 'GM9903')]).toEqual([30, 20, 60]);
    expect(imports(store)).toEqual(['kwb2030_a.csv', 'kwb2030_b.csv']);

    const c = kwb2030('kwb2030_c.csv', ['GM9902'], 5);
    const [third] = await importReferenceFiles(store.db, [c]);
    expect(third!.status).toBe('vervangen');
    expect(third!.meldingen.at(-1)).toMatch(/^Vervangt de cijfers van 1 gemeente \(GM9902\) uit kwb2030_a\.csv \(ingelezen \d{4}-\d\d-\d\d\); de andere gemeenten uit dat bestand blijven\.$/);
    expect(third!.meldingen.some((m) => m.startsWith('Voegt'))).toBe(false);
    // GM9902 and its wijken come from the new file; GM9901 stays with file a, GM9903 with file b.
    expect([inwoners(store, 'GM9902'), inwoners(store, 'WK990201'), inwoners(store, 'WK990202')]).toEqual([150, 50, 100]);
    expect([bestandOf(store, 'GM9902'), bestandOf(store, 'WK990201')]).toEqual(['kwb2030_c.csv', 'kwb2030_c.csv']);
    expect([bestandOf(store, 'GM9901'), bestandOf(store, 'WK990101'), bestandOf(store, 'GM9903')]).toEqual(['kwb2030_a.csv', 'kwb2030_a.csv', 'kwb2030_b.csv']);
    expect([inwoners(store, 'GM9901'), inwoners(store, 'GM9903')]).toEqual([30, 60]);
    expect(imports(store)).toEqual(['kwb2030_a.csv', 'kwb2030_b.csv', 'kwb2030_c.csv']);

    // The Referentiedata overview says which file provides which gemeenten now.
    const overview = referenceOverview(store, [{ gemeente: 'GM9902', gemeentenaam: 'Twee', wijken: ['WK990201', 'WK990202'] }]);
    expect(overview.bronnen.map((b) => [b.bestand, b.gemeenten, b.deelnemers])).toEqual([
      ['kwb2030_a.csv', 1, []],
      ['kwb2030_b.csv', 1, []],
      ['kwb2030_c.csv', 1, ['GM9902']],
    ]);
    expect(overview.dekking).toEqual([expect.objectContaining({ soort: 'cbs_kwb', jaar: 2030, wijken: 2, gedekt: 2 })]);

    const log = audit(store);
    expect(log).toHaveLength(3);
    expect(log[2]).toMatchObject({ bestand: 'kwb2030_c.csv', soort: 'cbs_kwb', jaar: 2030, vervangt: [{ bestand: 'kwb2030_a.csv', gemeenten: ['GM9902'], land: false, verwijderd: false }], toegevoegd: [] });
    expect(log[1]).toMatchObject({ bestand: 'kwb2030_b.csv', vervangt: [], toegevoegd: ['GM9903'] });
    store.close();
  });

  test('a file that takes every gemeente of an earlier one removes that import; the same file again is a clean replace', async () => {
    const store = await openCentralStore(tempDir());
    const a = kwb2030('kwb2030_a.csv', ['GM9901'], 1);
    const all = kwb2030('kwb2030_alles.csv', ['GM9901', 'GM9902'], 3);
    await importReferenceFiles(store.db, [a, all]);
    expect(imports(store)).toEqual(['kwb2030_alles.csv']);
    const regions = store.db.prepare('SELECT count(*) FROM cbs_regio').pluck().get();
    const latest = store.db.prepare('SELECT max(id) FROM referentie_import').pluck();
    const before = latest.get() as number;
    const [again] = await importReferenceFiles(store.db, [all]);
    // A new id, never the one just freed: the benchmark view's cache is keyed on it.
    expect(latest.get()).toBeGreaterThan(before);
    expect(again!.status).toBe('vervangen');
    expect(again!.meldingen.at(-1)).toMatch(/^Vervangt de cijfers van 2 gemeenten \(GM9901, GM9902\) uit kwb2030_alles\.csv .*; daar blijft niets van over\.$/);
    expect(store.db.prepare('SELECT count(*) FROM cbs_regio').pluck().get()).toBe(regions);
    expect(imports(store)).toEqual(['kwb2030_alles.csv']);
    store.close();
  });

  test('the Nederland row belongs to the file that has one; other years are untouched', async () => {
    const store = await openCentralStore(tempDir());
    await importReferenceFiles(store.db, [kwb2030('kwb2030_nl.csv', ['GM9901'], 1, 1000), kwb2030('kwb2030_b.csv', ['GM9902'], 1)]);
    expect(bestandOf(store, 'NL00')).toBe('kwb2030_nl.csv');
    const [next] = await importReferenceFiles(store.db, [kwb2030('kwb2030_nl2.csv', ['GM9903'], 1, 2000)]);
    expect(next!.meldingen).toContain('Voegt 1 gemeente toe aan 2030 (GM9903).');
    expect(next!.meldingen.find((m) => m.startsWith('Vervangt'))).toMatch(/^Vervangt de cijfers van Nederland uit kwb2030_nl\.csv/);
    expect([bestandOf(store, 'NL00'), inwoners(store, 'NL00'), bestandOf(store, 'GM9901')]).toEqual(['kwb2030_nl2.csv', 2000, 'kwb2030_nl.csv']);
    store.close();
  });

  test('the national file and a file of fictional gemeenten of the same year stay side by side', async () => {
    const store = await openCentralStore(tempDir());
    const fixtures = writeTemp('kerncijfers_wijken_buurten_2024.csv', 'WijkenEnBuurten;AantalInwoners_5\nGM9901;30\nWK990101;10\nWK990102;20\n');
    const [national, own] = await importReferenceFiles(store.db, [STATLINE_2024_NL, fixtures]);
    expect([national!.status, own!.status]).toEqual(['nieuw', 'nieuw']);
    const gemeenten = store.db.prepare("SELECT count(*) FROM cbs_regio WHERE jaar = 2024 AND soort = 'gemeente'").pluck();
    expect(gemeenten.get()).toBe(343);
    // The national file again replaces its 342 gemeenten (and Nederland), not the fictional one.
    const [again] = await importReferenceFiles(store.db, [STATLINE_2024_NL]);
    expect(again!.meldingen.at(-1)).toMatch(/^Vervangt de cijfers van 342 gemeenten \(GM\d{4}, GM\d{4}, GM\d{4}, GM\d{4}, GM\d{4} en 337 andere\) en de cijfers van Nederland uit kwb2024_85984NED/);
    expect(gemeenten.get()).toBe(343);
    expect(bestandOf(store, 'GM9901')).toBeUndefined();
    expect(store.db.prepare("SELECT i.bestand FROM cbs_regio r JOIN referentie_import i ON i.id = r.import_id WHERE r.jaar = 2024 AND r.code = 'WK990101'").pluck().get()).toBe('kerncijfers_wijken_buurten_2024.csv');
    store.close();
  });
});
