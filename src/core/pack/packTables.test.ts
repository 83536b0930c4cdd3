import { describe, expect, test } from 'vitest';
import { noIjk } from './ijkperiode.ts';
import type { PackInput } from './packInput.ts';
import { packTables, SR_NOT_SHOWN } from './packTables.ts';
import type { ReleaseRow } from './releaseRows.ts';

const row = (gemeente: string, wijk: string, indicator: string, waarde: number | null, dimensie = ''): ReleaseRow => ({ periode: '2026Q3', gemeente, wijk, indicator, dimensie, waarde, status: waarde === null ? 'onderdrukt' : 'ok' });

function input(release: ReleaseRow[]): PackInput {
  return {
    periode: '2026Q3',
    gemeente: { code: 'GM9901', naam: 'Testgemeente' },
    setting: { status: 'definitief', toelichting: '' },
    aangemaakt: '2026-11-30T10:00:00Z',
    cbsJaar: 2024,
    release,
    ijk: noIjk([]),
    wijken: [
      { code: 'WK990101', naam: 'Centrum', inwoners: 4000, groep: 'RG01', afstand: 0.4 },
      { code: 'WK990102', naam: 'Noord', inwoners: 3000, groep: 'RG01', afstand: 1.2 },
      { code: 'WK990103', naam: 'Buitengebied', inwoners: 2000, groep: 'RG02', afstand: 0.5 },
    ],
    groepen: [],
    profiel: new Map(),
  };
}

const table = (tables: ReturnType<typeof packTables>, sheet: string) => tables.find((t) => t.sheet === sheet)!;

describe('packTables', () => {
  test('the summary counts the wijken above and below their reference group on each rate, from published values only', () => {
    const release = [
      row('GM9901', '', 'clienten_per_1000', 9),
      row('GM9901', 'WK990101', 'clienten_per_1000', 12),
      row('GM9901', 'WK990102', 'clienten_per_1000', 7),
      row('GM9901', 'WK990103', 'clienten_per_1000', null),
      row('', 'RG01', 'clienten_per_1000', 10),
      row('', 'RG02', 'clienten_per_1000', 6),
    ];
    const samenvatting = table(packTables(input(release)), 'Samenvatting');
    const kop = samenvatting.kolommen.findIndex((k) => k.kop === 'Wijken t.o.v. hun referentiegroep');
    const rate = samenvatting.rijen.find((r) => r[0] === 'Cliënten per 1.000 inwoners')!;
    expect(rate[kop]).toBe('hoger in 1 van 2 wijken, lager in 1, 1 niet te vergelijken');
    // A count is not compared with a group of another size.
    expect(samenvatting.rijen.find((r) => r[0] === 'Cliënten')![kop]).toBeNull();
  });

  test('an sr on fewer than 5 expected clients is not shown, and the sheet says why', () => {
    const release = [
      row('GM9901', 'WK990101', 'clienten', 3, 'pijler=WMO'),
      row('GM9901', 'WK990101', 'verwacht', 4.2, 'pijler=WMO'),
      row('GM9901', 'WK990101', 'sr', 71.4, 'pijler=WMO'),
      row('GM9901', 'WK990101', 'sr_onder', 14.7, 'pijler=WMO'),
      row('GM9901', 'WK990101', 'sr_boven', 208.8, 'pijler=WMO'),
      row('GM9901', 'WK990102', 'clienten', 30, 'pijler=WMO'),
      row('GM9901', 'WK990102', 'verwacht', 25, 'pijler=WMO'),
      row('GM9901', 'WK990102', 'sr', 120, 'pijler=WMO'),
      row('GM9901', 'WK990102', 'sr_onder', 81, 'pijler=WMO'),
      row('GM9901', 'WK990102', 'sr_boven', 171.3, 'pijler=WMO'),
      row('GM9901', 'WK990102', 'sr_funnel95_onder', 64, 'pijler=WMO'),
      row('GM9901', 'WK990102', 'sr_funnel95_boven', 140, 'pijler=WMO'),
    ];
    const sr = table(packTables(input(release)), 'Gestandaardiseerd');
    expect(sr.rijen).toEqual([
      ['WK990101', 'RG01', 'pijler=WMO', 3, 4.2, SR_NOT_SHOWN, SR_NOT_SHOWN, SR_NOT_SHOWN, SR_NOT_SHOWN, SR_NOT_SHOWN],
      ['WK990102', 'RG01', 'pijler=WMO', 30, 25, 120, 81, 171.3, 64, 140],
    ]);
    expect(sr.uitleg).toContain('Bij minder dan 5 verwachte cliënten');
  });
});

describe('packTables with toerekening', () => {
  test('a cost figure with lasten is the total met toerekening, followed by its parts zonder toerekening and toegerekend, each from the release', () => {
    const release = [
      row('GM9901', '', 'kosten', 7400),
      row('GM9901', '', 'kosten', 3700, 'kosten_bron=client'),
      row('GM9901', '', 'kosten', 3700, 'kosten_bron=toegerekend'),
      row('ALLE', '', 'kosten', 9000),
      row('ALLE', '', 'kosten', 5300, 'kosten_bron=client'),
      row('ALLE', '', 'kosten', null, 'kosten_bron=toegerekend'),
      row('GM9901', '', 'kosten_per_client', 740),
    ];
    const samenvatting = table(packTables(input(release)), 'Samenvatting');
    const names = samenvatting.rijen.map((r) => r[0]);
    expect(names).toContain('Kosten met toerekening');
    expect(samenvatting.rijen.find((r) => r[0] === 'Kosten zonder toerekening')!.slice(1, 3)).toEqual([3700, 5300]);
    expect(samenvatting.rijen.find((r) => r[0] === 'Kosten toegerekend')!.slice(1, 3)).toEqual([3700, { onderdrukt: true }]);
    // kosten_per_client has no parts in this release: one row, no empty variants.
    expect(names.filter((n) => String(n).startsWith('Kosten per cliënt'))).toEqual(['Kosten per cliënt']);
  });
});

describe('the pack funnel', () => {
  test('plots each shown sr at its expected count against its own 95 % limits, all release values', async () => {
    const { packCharts } = await import('./packCharts.ts');
    const srRows = (wijk: string, [clienten, verwacht, sr, onder, boven, fo, fb]: number[]) =>
      (['clienten', 'verwacht', 'sr', 'sr_onder', 'sr_boven', 'sr_funnel95_onder', 'sr_funnel95_boven'] as const).map((i, k) => row('GM9901', wijk, i, [clienten, verwacht, sr, onder, boven, fo, fb][k]!, 'pijler=WMO'));
    const release = [...srRows('WK990101', [30, 25, 120, 81, 171.3, 64, 140]), ...srRows('WK990102', [8, 12, 66.7, 28.8, 131.3, 41.7, 166.7]), ...srRows('WK990103', [2, 3, 66.7, 8.1, 240.8, 0, 233.3])];
    const charts = packCharts(packTables(input(release)));
    const trechter = charts.find((c) => c.naam === 'trechter')!;
    expect(trechter.sheet).toBe('Gestandaardiseerd');
    // WK990103 expects 3 clients: its sr is not shown, so it is no point of the funnel either.
    expect(trechter.data).toEqual({
      labels: ['WK990101 WMO', 'WK990102 WMO'],
      series: [
        { name: 'verwacht', data: [25, 12] },
        { name: 'sr', data: [120, 66.7] },
        { name: 'trechtergrens 95 % onder', data: [64, 41.7] },
        { name: 'trechtergrens 95 % boven', data: [140, 166.7] },
      ],
    });
    expect(trechter.png.subarray(1, 4).toString()).toBe('PNG');
  });
});
