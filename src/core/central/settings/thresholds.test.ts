import { afterEach, describe, expect, test } from 'vitest';
import { listActions } from '../../audit/auditLog.ts';
import { referenceGroups } from '../../benchmark/referenceGroups.ts';
import { COST_WIDTH, MIN_CLIENTS } from '../../disclosure/auditLp.ts';
import { tempDir } from '../../testing/tempDir.ts';
import { loadPlausibilityRules, storedPlausibilityRules } from '../feedback/plausibilityRules.ts';
import { importReferenceFiles } from '../reference/importReference.ts';
import { STATLINE_2024_NL } from '../reference/testFiles.ts';
import { openCentralStore, type CentralStore } from '../store/centralStore.ts';
import { disclosureRules, readThresholds, setThreshold } from './thresholds.ts';

const stores: CentralStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));
async function store() {
  const s = await openCentralStore(tempDir('wm-drempels-'));
  stores.push(s);
  return s;
}
const valueOf = (db: CentralStore['db'], code: string) => readThresholds(db).find((t) => t.code === code)!;

describe('the analyst thresholds in the catalogue', () => {
  test('defaults are the rules the code applies; every plausibility drempel of the table is listed', async () => {
    const { db } = await store();
    expect(disclosureRules(db)).toEqual({ minimumClienten: MIN_CLIENTS, kostenBreedte: COST_WIDTH });
    const all = readThresholds(db);
    expect(all.slice(0, 3).map((t) => [t.code, t.waarde, t.gewijzigd])).toEqual([
      ['minimum_clienten', 5, null],
      ['kosten_breedte', 10, null],
      ['kleine_wijk', 2500, null],
    ]);
    const withDrempel = loadPlausibilityRules().filter((r) => r.drempel !== null);
    expect(all.filter((t) => t.groep === 'plausibiliteit').map((t) => t.waarde)).toEqual(withDrempel.map((r) => r.drempel));
    expect(valueOf(db, 'plausibiliteit.verandering_clienten.fout').naam).toBe('Verandering van het aantal cliënten: fout');
    expect(valueOf(db, 'minimum_clienten').uitleg).toContain('vanaf de volgende export');
  });

  test('the publication minimum only gets stricter, as a whole number; each change is logged and a reset deletes the row', async () => {
    const { db } = await store();
    expect(() => setThreshold(db, 'minimum_clienten', 4)).toThrow('Minimum aantal cliënten per gepubliceerde cel: mag alleen strenger dan de afspraak van het project: 5 cliënten of meer, niet 4.');
    expect(() => setThreshold(db, 'minimum_clienten', 7.5)).toThrow('vul een geheel getal in, niet 7,5.');
    expect(() => setThreshold(db, 'kosten_breedte', 9.5)).toThrow('10 % of meer, niet 9,5.');
    expect(() => setThreshold(db, 'kleine_wijk', 400)).toThrow('kies een waarde van 500 tot en met 10.000 inwoners, niet 400.');
    expect(() => setThreshold(db, 'onbekend', 4)).toThrow('Onbekende drempel: onbekend.');
    expect(listActions(db, 10)).toEqual([]);

    setThreshold(db, 'minimum_clienten', 10, new Date('2026-12-01T10:00:00Z'));
    setThreshold(db, 'kosten_breedte', 12.5);
    expect(disclosureRules(db)).toEqual({ minimumClienten: 10, kostenBreedte: 0.125 });
    expect(valueOf(db, 'minimum_clienten')).toMatchObject({ waarde: 10, standaard: 5, gewijzigd: '2026-12-01T10:00:00.000Z' });
    expect(valueOf(db, 'minimum_clienten').uitleg).toContain('onder de 10 cliënten');
    // Setting the same value again changes nothing and logs nothing.
    setThreshold(db, 'minimum_clienten', 10);
    setThreshold(db, 'minimum_clienten', null);
    expect(disclosureRules(db).minimumClienten).toBe(5);
    expect(valueOf(db, 'minimum_clienten').gewijzigd).toBeNull();
    expect(db.prepare('SELECT count(*) FROM analist_drempel').pluck().get()).toBe(1);
    expect(listActions(db, 10).map((a) => [a.action, a.details])).toEqual([
      ['drempel gewijzigd', { drempel: 'minimum_clienten', van: 10, naar: 5, standaard: true }],
      ['drempel gewijzigd', { drempel: 'kosten_breedte', van: 10, naar: 12.5, standaard: false }],
      ['drempel gewijzigd', { drempel: 'minimum_clienten', van: 5, naar: 10, standaard: false }],
    ]);
  });

  test('a plausibility drempel overrides the table in the feedback rules; a waarschuwing stays below its fout', async () => {
    const { db } = await store();
    setThreshold(db, 'plausibiliteit.verandering_clienten.waarschuwing', 30);
    setThreshold(db, 'plausibiliteit.ondergrens_vergelijking.grens', 50);
    const rules = storedPlausibilityRules(db);
    expect(rules.find((r) => r.controle === 'verandering_clienten' && r.ernst === 'waarschuwing')!.drempel).toBe(30);
    expect(rules.find((r) => r.controle === 'verandering_clienten' && r.ernst === 'fout')!.drempel).toBe(50);
    expect(rules.find((r) => r.controle === 'ondergrens_vergelijking')!.drempel).toBe(50);
    expect(() => setThreshold(db, 'plausibiliteit.verandering_clienten.waarschuwing', 60)).toThrow(
      'Verandering van het aantal cliënten: waarschuwing: de drempel voor een waarschuwing moet lager liggen dan die voor een fout (50 %), niet 60.',
    );
    // Vulgraad judges values below the drempel: there the fout lies lower.
    expect(() => setThreshold(db, 'plausibiliteit.vulgraad.fout', 95)).toThrow('moet lager liggen dan die voor een waarschuwing (90 %)');
    setThreshold(db, 'plausibiliteit.verandering_clienten.waarschuwing', null);
    expect(storedPlausibilityRules(db)).toEqual(loadPlausibilityRules().map((r) => (r.controle === 'ondergrens_vergelijking' ? { ...r, drempel: 50 } : r)));
  });

  test('the small-wijk size decides which wijken form the small groups (real CBS 2024 file)', async () => {
    const s = await store();
    await importReferenceFiles(s.db, [STATLINE_2024_NL]);
    setThreshold(s.db, 'kleine_wijk', 5000);
    const groups = referenceGroups(s.db);
    const klein = new Map(groups.groepen.map((g) => [g.code, g.klein]));
    expect(groups.wijken.some((w) => w.inwoners >= 2500 && w.inwoners < 5000)).toBe(true);
    for (const w of groups.wijken) expect(klein.get(w.groep)).toBe(w.inwoners < 5000);
    expect(groups.groepen.filter((g) => g.klein).every((g) => g.naam.startsWith('kleine kernen (< 5.000 inwoners)'))).toBe(true);
  }, 120_000);
});
