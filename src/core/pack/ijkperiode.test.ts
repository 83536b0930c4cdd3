import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { publishedPeriods, readPublication, storePublication } from '../central/export/publicationStore.ts';
import type { GemeenteRecords } from '../central/records/currentRecords.ts';
import { tempDir } from '../testing/tempDir.ts';
import { checkIjkKeuze, ijkInput, yearEarlier } from './ijkperiode.ts';
import { changeCells, SUPPRESSED_MARK } from './packTables.ts';
import { RELEASE_COLUMNS } from './releaseRows.ts';

/*
 * The choice of the ijkperiode and what may be compared, on stored publications written here by
 * hand (no figures engine, no disclosure control): the rules, not the numbers.
 */

const gemeente = (code: string, sleutel: string, leveringId = 1): GemeenteRecords => ({
  gemeente: code,
  gemeentenaam: code,
  bron: 'levering',
  delen: [{ periode: '', leveringId, versie: 1, sleutel, bestand: '' }],
  ontbreekt: [],
  sleutelBreuk: false,
  uitleg: '',
});

async function publish(dataDir: string, periode: string, gemeenten: GemeenteRecords[], rows: [string, string, string, number | null][]): Promise<void> {
  const file = path.join(tempDir(), 'cijfers.csv');
  const lines = rows.map(([g, wijk, indicator, waarde]) => [periode, g, wijk, indicator, '', waarde ?? '', waarde === null ? 'onderdrukt' : 'ok'].join(';'));
  writeFileSync(file, `\uFEFF${[RELEASE_COLUMNS.join(';'), ...lines].join('\r\n')}\r\n`);
  await storePublication(dataDir, { periode, cijfers: file, gemeenten, now: new Date(`${periode.slice(0, 4)}-12-01T10:00:00Z`) });
}

describe('the change of two published values', () => {
  test('P − I and % of I; a suppressed side is the mark, an absent side empty', () => {
    expect(changeCells(52, 51)).toEqual([1, 2]);
    expect(changeCells(6400.5, 6526)).toEqual([-125.5, -1.9]);
    expect(changeCells(3, 0)).toEqual([3, null]);
    expect(changeCells({ onderdrukt: true }, 6)).toEqual([{ onderdrukt: true }, { onderdrukt: true }]);
    expect(changeCells(6, { onderdrukt: true })).toEqual([{ onderdrukt: true }, { onderdrukt: true }]);
    expect(changeCells(6, null)).toEqual([null, null]);
    expect(SUPPRESSED_MARK).toBe('×');
  });
});

describe('the ijkperiode of a pack', () => {
  test('a chosen ijkperiode must be as long as the period and before it', () => {
    expect(checkIjkKeuze('2025Q3', '2026Q3')).toBe('2025Q3');
    expect(checkIjkKeuze('3e kwartaal 2025', '2026Q3')).toBe('2025Q3');
    expect(checkIjkKeuze(null, '2026Q3')).toBe(null);
    expect(checkIjkKeuze('geen', '2026Q3')).toBe('geen');
    expect(() => checkIjkKeuze('2025', '2026Q3')).toThrow(/niet even lang/);
    expect(() => checkIjkKeuze('2026Q3', '2026Q3')).toThrow(/moet vóór 2026Q3 liggen/);
    expect(yearEarlier('2026Q3')).toBe('2025Q3');
    expect(yearEarlier('2026')).toBe('2025');
  });

  test('default: the same quarter a year earlier when it is published', async () => {
    const dir = tempDir();
    await publish(dir, '2025Q2', [gemeente('GM9901', 'k1')], [['GM9901', '', 'clienten', 40]]);
    await publish(dir, '2025Q3', [gemeente('GM9901', 'k1')], [['GM9901', '', 'clienten', 50]]);
    await publish(dir, '2026Q3', [gemeente('GM9901', 'k1')], [['GM9901', '', 'clienten', 55]]);
    expect(publishedPeriods(dir)).toEqual(['2025Q2', '2025Q3', '2026Q3']);
    const ijk = ijkInput(dir, { periode: '2026Q3', gemeente: 'GM9901', keuze: null });
    expect(ijk).toMatchObject({ periode: '2025Q3', eigen: true, alle: true, notes: [] });
    expect(ijk.release).toEqual([expect.objectContaining({ gemeente: 'GM9901', indicator: 'clienten', waarde: 50 })]);
    // A chosen one wins; `geen` compares with nothing and says so.
    expect(ijkInput(dir, { periode: '2026Q3', gemeente: 'GM9901', keuze: '2025Q2' }).periode).toBe('2025Q2');
    expect(ijkInput(dir, { periode: '2026Q3', gemeente: 'GM9901', keuze: 'geen' })).toMatchObject({ periode: null, release: [], notes: [expect.stringMatching(/^Geen ijkperiode/)] });
  });

  test('default without the year earlier: the earliest published period with the same key; none with a note', async () => {
    const dir = tempDir();
    await publish(dir, '2025Q4', [gemeente('GM9901', 'oud'), gemeente('GM9902', 'k2')], []);
    await publish(dir, '2026Q1', [gemeente('GM9901', 'nieuw'), gemeente('GM9902', 'k2')], []);
    await publish(dir, '2026', [gemeente('GM9901', 'nieuw')], []);
    await publish(dir, '2026Q2', [gemeente('GM9901', 'nieuw'), gemeente('GM9902', 'k2')], []);
    // GM9901 changed its key after 2025Q4: its earliest with the same key is 2026Q1; GM9902's is 2025Q4.
    expect(ijkInput(dir, { periode: '2026Q2', gemeente: 'GM9901', keuze: null })).toMatchObject({ periode: '2026Q1', eigen: true, alle: true });
    expect(ijkInput(dir, { periode: '2026Q2', gemeente: 'GM9902', keuze: null })).toMatchObject({ periode: '2025Q4', eigen: true, alle: false });
    // GM9901 in 2026Q1: the only earlier quarter, 2025Q4, has its old key (and the year 2026 is never a quarter's base).
    expect(ijkInput(dir, { periode: '2026Q1', gemeente: 'GM9901', keuze: null })).toMatchObject({ periode: null, notes: [expect.stringMatching(/Geen ijkperiode: er is geen eerdere publicatie/)] });
  });

  test('a key change, a gemeente missing, another membership, a period never published', async () => {
    const dir = tempDir();
    await publish(dir, '2025Q3', [gemeente('GM9901', 'k1'), gemeente('GM9902', 'oud')], []);
    await publish(dir, '2026Q3', [gemeente('GM9901', 'k1'), gemeente('GM9902', 'nieuw'), gemeente('GM9903', 'k3')], []);
    const changed = ijkInput(dir, { periode: '2026Q3', gemeente: 'GM9902', keuze: null });
    expect(changed).toMatchObject({ periode: '2025Q3', eigen: false, alle: false });
    expect(changed.notes.join(' ')).toMatch(/sleutel van GM9902 is tussen 2025Q3 en 2026Q3 gewijzigd/);
    expect(ijkInput(dir, { periode: '2026Q3', gemeente: 'GM9901', keuze: null })).toMatchObject({ eigen: true, alle: false });
    expect(ijkInput(dir, { periode: '2026Q3', gemeente: 'GM9903', keuze: null }).notes[0]).toMatch(/GM9903 zat niet in de publicatie van 2025Q3/);
    // Chosen but not published: the pack says so and shows no change (nothing computed for it).
    expect(ijkInput(dir, { periode: '2026Q3', gemeente: 'GM9901', keuze: '2026Q1' })).toMatchObject({ periode: '2026Q1', release: [], eigen: false, notes: [expect.stringMatching(/Van de ijkperiode 2026Q1 is nog geen publicatie opgeslagen/)] });
  });

  test('a publication keeps what it was made of; a damaged one is refused with its name', async () => {
    const dir = tempDir();
    await publish(dir, '2026Q3', [gemeente('GM9901', 'k1', 7)], []);
    expect(readPublication(dir, '2026Q3')).toMatchObject({ periode: '2026Q3', gemeenten: [{ gemeente: 'GM9901', leveringen: [7], sleutels: ['k1'] }] });
    expect(readPublication(dir, '2026Q2')).toBeNull();
    writeFileSync(path.join(dir, 'publicaties', '2026Q3.publicatie.json'), '{"formaat":');
    expect(() => readPublication(dir, '2026Q3')).toThrow(/2026Q3.publicatie.json\) is onleesbaar/);
  });
});
