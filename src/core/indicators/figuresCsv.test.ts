import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../testing/tempDir.ts';
import { DIMENSION_KEYS, EXPORT_LEVELS } from './figures.ts';
import { writeFiguresCsv } from './figuresCsv.ts';
import { rec, testRecords } from './indicatorTestKit.ts';

describe('figures CSV', () => {
  test('an aanbieder without AGB code is keyed by its normalised name, every dimensie stays key=value', async () => {
    const t = await testRecords();
    t.load('2026Q1', [
      rec({ client: 'N1', aanbieder: null, aanbieder_naam: 'Stichting Zorg=Nabij', kosten: 100 }),
      rec({ client: 'N2', aanbieder: null, aanbieder_naam: 'Zorggroep Ééndracht & Cie', kosten: 200 }),
      rec({ client: 'N3', aanbieder: null, aanbieder_naam: 'zorggroep eendracht  & cie', kosten: 50 }),
      rec({ client: 'N4', aanbieder: null, aanbieder_naam: 'Welzijn | Wonen; Oost', kosten: 7, productcode: 'P2' }),
      rec({ client: 'N5', aanbieder: '75000001', aanbieder_naam: 'Thuishulp De Proefhoeve', kosten: 10 }),
    ]);
    const file = path.join(tempDir(), 'cijfers.csv');
    await writeFiguresCsv(file, await t.figures('2026Q1', EXPORT_LEVELS, { pijlerVolgorde: ['WMO'] }));
    t.close();
    const rows = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8').slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    const value = (indicator: string, dimensie: string) => rows.filter((r) => r.indicator === indicator && r.dimensie === dimensie && r.wijk === '').map((r) => r.waarde);

    expect(value('clienten', 'aanbieder=zorggroep eendracht cie')).toEqual(['2']);
    expect(value('kosten', 'aanbieder=zorggroep eendracht cie')).toEqual(['250']);
    expect(value('kosten', 'aanbieder=stichting zorg nabij')).toEqual(['100']);
    expect(value('kosten', 'aanbieder=welzijn wonen oost')).toEqual(['7']);
    expect(value('kosten', 'aanbieder=75000001')).toEqual(['10']);
    expect(value('clienten', 'productcode=P1|aanbieder=zorggroep eendracht cie')).toEqual(['2']);
    expect(rows.filter((r) => r.indicator === 'clienten' && r.dimensie!.startsWith('aanbieder=') && r.wijk === '')).toHaveLength(4);

    for (const { dimensie = '' } of rows) {
      if (dimensie === '') continue;
      const keys = dimensie.split('|').map((part) => /^([a-z]+)=[^|=;]+$/.exec(part)?.[1]);
      expect(keys.every((k) => (DIMENSION_KEYS as readonly (string | undefined)[]).includes(k)), dimensie).toBe(true);
    }
  });
});
