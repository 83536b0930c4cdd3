import { afterEach, describe, expect, test } from 'vitest';
import { describeCbsJaren, withoutCbs } from '../../../shared/cbsJaren.ts';
import { tempDir } from '../../testing/tempDir.ts';
import { openCentralStore, type CentralStore } from '../store/centralStore.ts';
import { cbsJarenOf, cbsYearPerGemeente, closestYear, yearOfRegion } from './cbsYearPerGemeente.ts';

const opened: CentralStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

describe('the CBS year per gemeente', () => {
  test('closest to the period, the later one on a tie', () => {
    expect(closestYear([2023, 2025], 2024)).toBe(2025);
    expect(closestYear([2019, 2023], 2026)).toBe(2023);
    expect(closestYear([], 2026)).toBeNull();
  });

  test('each gemeente its own closest year; its wijken follow it; a wijk-only year counts for its gemeente', async () => {
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    const add = (jaar: number, code: string, kenmerk = 'inwoners') => {
      const id = store.db.prepare("INSERT INTO referentie_import (soort, jaar, bestand, sha256, rijen, ingelezen) VALUES ('cbs_kwb', ?, 'test.csv', ?, 1, '2026-01-01')").run(jaar, `${jaar}${code}${kenmerk}`).lastInsertRowid;
      store.db.prepare('INSERT OR IGNORE INTO cbs_regio (import_id, jaar, code, soort) VALUES (?, ?, ?, ?)').run(id, jaar, code, code.startsWith('GM') ? 'gemeente' : 'wijk');
      store.db.prepare('INSERT INTO cbs_kenmerk (jaar, code, kenmerk, waarde) VALUES (?, ?, ?, 100)').run(jaar, code, kenmerk);
    };
    add(2023, 'GM9901');
    add(2023, 'GM9902');
    add(2024, 'GM9901');
    add(2024, 'WK990101');
    add(2022, 'WK990301');
    // A year with another kenmerk but no inhabitants does not count.
    add(2025, 'GM9902', 'mannen');
    const years = cbsYearPerGemeente(store.db, '2026Q2');
    expect(Object.fromEntries(years)).toEqual({ GM9901: 2024, GM9902: 2023, GM9903: 2022 });
    expect(yearOfRegion(years, 'WK990101')).toBe(2024);
    expect(yearOfRegion(years, 'BU99020101')).toBe(2023);
    expect(yearOfRegion(years, 'GM9904')).toBeNull();
    expect(yearOfRegion(years, 'NL00')).toBeNull();
    const jaren = cbsJarenOf(years, ['GM9904', 'GM9902', 'GM9901']);
    expect(jaren).toEqual([
      { jaar: 2023, gemeenten: ['GM9902'] },
      { jaar: 2024, gemeenten: ['GM9901'] },
    ]);
    expect(describeCbsJaren(jaren)).toBe('CBS 2023 (GM9902), 2024 (GM9901)');
    expect(describeCbsJaren([{ jaar: 2024, gemeenten: ['GM9901', 'GM9902'] }])).toBe('CBS 2024');
    expect(withoutCbs(['GM9901', 'GM9902', 'GM9904'], jaren)).toBe('; zonder CBS-inwonertallen (geen cijfers per inwoner): GM9904');
    expect(withoutCbs(['GM9901'], jaren)).toBe('');
  });
});
