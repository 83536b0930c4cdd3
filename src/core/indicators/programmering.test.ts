import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parsePeriode } from '../period/periode.ts';
import { GEZINSHUIS, haarlemProgrammering, PLEEGZORG } from '../programmering/haarlemProgrammering.ts';
import type { ProgrammeringRow } from '../programmering/programmeringTable.ts';
import { agb, productcode, quarterlyRecords } from './haarlemTestData.ts';
import { rec, testRecords, type TestRecords } from './indicatorTestKit.ts';
import { programmeringFigures, programmeringStand } from './programmering.ts';
import { programmeringTabel, signalen } from './programmeringTabel.ts';

let haarlem: TestRecords;
const opened: TestRecords[] = [];
async function fresh(): Promise<TestRecords> {
  const t = await testRecords();
  opened.push(t);
  return t;
}
beforeAll(async () => {
  haarlem = await fresh();
  for (const [quarter, records] of quarterlyRecords()) haarlem.load(quarter, records, 'GM0392');
});
afterAll(() => opened.forEach((t) => t.close()));

const target = (over: Partial<ProgrammeringRow>): ProgrammeringRow => ({ jaar: 2026, pijler: 'WMO', productcode: 'P1', aanbieder: '', wijk: '', clienten: null, kosten: null, aandeel: null, ...over });

describe('the Haarlem shift from instellingen to pleegzorg and gezinshuizen', () => {
  const plan = haarlemProgrammering();
  const code = (product: string) => productcode(product);
  const of = (jaar: number, product: string) => plan.find((r) => r.jaar === jaar && r.productcode === code(product))!;

  test('the targets move 10 % of the 133 instelling clients over three years, half to pleegzorg, half to gezinshuizen', () => {
    // Hand-computed: 42 × (1 − 0,1/3) = 40,6; cost per client 2 013 054 / 42 kept: 40,6 × 47 929,857 = 1 945 952.
    expect(of(2019, 'Residentiële behandeling zwaar')).toMatchObject({ clienten: 40.6, kosten: 1945952 });
    expect(of(2019, 'JeugdzorgPlus').clienten).toBe(18.4); // 19 × 0,9667
    // 133 × 0,1 / 3 / 2 = 2,22 more each.
    expect(of(2019, PLEEGZORG).clienten).toBe(127.2);
    expect(of(2019, GEZINSHUIS).clienten).toBe(27.2);
    expect(of(2019, 'Deeltijd pleegzorg').clienten).toBe(31);
    // After three years the instelling products hold 90 % of 133 = 119,7.
    const instelling = ['Residentiële behandeling zwaar', 'JeugdzorgPlus', 'Verblijf C, open setting', 'Verblijf B, fasehuis, kamertrainingscentrum'];
    expect(instelling.reduce((n, p) => n + of(2021, p).clienten!, 0)).toBeCloseTo(119.7, 6);
  });

  test('2019 in full against its targets: instellingen over, pleegzorg and gezinshuizen under', async () => {
    const stand = await programmeringStand(haarlem.connection, haarlem.set, parsePeriode('2019'), plan);
    expect(stand).toMatchObject({ jaar: 2019, tot: '2019-12-31', dagenGedekt: 365, dagenJaar: 365, gemeente: 'GM0392' });
    // Only 2019's seven products: the other years' targets are not compared with 2019.
    expect(stand.regels).toHaveLength(7);
    const res = stand.regels.find((r) => r.productcode === code('Residentiële behandeling zwaar'))!;
    expect(res.realisatie).toMatchObject({ clienten: 42, kosten: 2013054 });
    expect(res.realisatieClientenPct).toBeCloseTo((42 / 40.6) * 100, 10);
    expect(res.realisatieKostenPct).toBeCloseTo((2013054 / 1945952) * 100, 10);
    // The whole year is loaded: the projection is the realisation.
    expect(res.prognose).toEqual({ clienten: 42, kosten: 2013054 });
    expect(res.verschilKosten).toBe(2013054 - 1945952);
    expect(res.verschilClienten).toBeCloseTo(1.4, 10);
    expect(res.signaal).toBe('overschreden');
    const pleeg = stand.regels.find((r) => r.productcode === code(PLEEGZORG))!;
    expect(pleeg.realisatie.clienten).toBe(125);
    expect(pleeg.verschilClienten).toBeCloseTo(-2.2, 10);
    expect(pleeg.verschilClientenPct).toBeCloseTo((-2.2 / 127.2) * 100, 10);
    expect(pleeg.signaal).toBe('');
    // A product's realised share is of its pijler: 125 of the 314 Jeugd clients.
    expect(pleeg.realisatie.aandeel).toBeCloseTo((125 / 314) * 100, 10);
  });

  test('half a year in: costs projected linearly over the days loaded, clients by the inflow', async () => {
    const stand = await programmeringStand(haarlem.connection, haarlem.set, parsePeriode('2019Q2'), plan);
    expect(stand).toMatchObject({ tot: '2019-06-30', dagenGedekt: 181, dagenJaar: 365 });
    const records = [...quarterlyRecords()].filter(([q]) => q === '2019Q1' || q === '2019Q2').flatMap(([, r]) => r);
    const pleegzorg = records.filter((r) => r.productcode === code(PLEEGZORG));
    const cents = pleegzorg.reduce((n, r) => n + Math.round(r.kosten! * 100), 0);
    const clients = new Set(pleegzorg.map((r) => r.client)).size;
    const row = stand.regels.find((r) => r.productcode === code(PLEEGZORG))!;
    expect(row.realisatie.kosten).toBeCloseTo(cents / 100, 2);
    expect(row.prognose.kosten).toBeCloseTo(((cents / 100) * 365) / 181, 2);
    // Every client of the test data starts in 2019, so all of them came in this year.
    expect(row.realisatie.nieuw).toBe(clients);
    expect(row.prognose.clienten).toBeCloseTo((clients * 365) / 181, 2);
  });

  test('an aanbieder row: its share of its product, realised and target', async () => {
    const kenter = target({ jaar: 2019, pijler: 'JW', productcode: code('Residentiële behandeling zwaar'), aanbieder: agb('Kenter jeugdhulp'), clienten: 20, aandeel: 50 });
    const stand = await programmeringStand(haarlem.connection, haarlem.set, parsePeriode('2019'), [kenter]);
    const [row] = stand.regels;
    expect(row!.realisatie.clienten).toBe(24);
    expect(row!.realisatie.aandeel).toBeCloseTo((24 / 42) * 100, 10);
    expect(row!.realisatie.kosten).toBe(1112017);
    expect(row!.signaal).toBe('overschreden');
  });

  test('the Overzicht table over the three years: 2019 against its targets, the shift of 2020 and 2021 beside it', async () => {
    const table = await programmeringTabel({ connection: haarlem.connection, set: haarlem.set, nietIngedeeld: 0 }, plan, '2019', 'JW');
    expect(table.kolommen.slice(-4).map((k) => k.titel)).toEqual(['Streef cliënten 2020', 'Streef kosten 2020', 'Streef cliënten 2021', 'Streef kosten 2021']);
    const row = (product: string) => table.rijen.find((r) => r.product === `${code(product)} ${product}`)!;
    // Residentieel: 42 × (1 − 0,1 × 2/3) = 39,2 and × 0,9 = 37,8; its cost per client kept.
    expect(row('Residentiële behandeling zwaar')).toMatchObject({ streef_clienten: 40.6, streef_clienten_2020: 39.2, streef_clienten_2021: 37.8, streef_kosten_2021: Math.round(37.8 * (2013054 / 42)) });
    // Pleegzorg: 125 + 133 × 0,1 × k/3 / 2 = 127,2; 129,4; 131,7.
    expect(row(PLEEGZORG)).toMatchObject({ clienten: 125, streef_clienten: 127.2, streef_clienten_2020: 129.4, streef_clienten_2021: 131.7 });
    expect(row(GEZINSHUIS)).toMatchObject({ clienten: 25, streef_clienten: 27.2, streef_clienten_2020: 29.4, streef_clienten_2021: 31.7 });
    // The four instelling products are over their 2019 target and say so above the table.
    expect(table.meldingen).toHaveLength(4);
    expect(table.meldingen![0]).toBe(`Overschreden: JW, ${code('Residentiële behandeling zwaar')} Residentiële behandeling zwaar (cliënten 42 t/m nu, prognose 42, streefwaarde 40,6; kosten € 2.013.054,00 t/m nu, prognose € 2.013.054,00, streefwaarde € 1.945.952,00).`);
  });

  test('the figures CSV rows: targets, realisation percentages and the projection', async () => {
    const stand = await programmeringStand(haarlem.connection, haarlem.set, parsePeriode('2019'), plan);
    const figures = programmeringFigures(stand, '2019');
    const dim = `pijler=JW|productcode=${code('Residentiële behandeling zwaar')}`;
    const value = (indicator: string) => figures.find((f) => f.dimensie === dim && f.indicator === indicator)?.waarde;
    expect(value('streef_clienten')).toBe(40.6);
    expect(value('streef_kosten')).toBe(1945952);
    expect(value('realisatie_clienten_pct')).toBe(103.45); // 42 / 40,6
    expect(value('realisatie_kosten_pct')).toBe(103.45); // 2 013 054 / 1 945 952
    expect(value('prognose_kosten')).toBe(2013054);
    expect(figures.every((f) => f.niveau === 'gemeente' && f.gemeente === 'GM0392' && f.periode === '2019')).toBe(true);
  });
});

describe('signals and the split by wijk (hand-made records)', () => {
  test('on course to exceed, exceeded, and within the target; an existing client is not projected again', async () => {
    const t = await fresh();
    t.load('2026Q1', [
      rec({ client: 'A', begindatum: '2025-06-01', kosten: 300 }), // in care before the year
      rec({ client: 'B', begindatum: '2026-02-01', kosten: 100, wijk: 'WK990102' }), // came in this year
      rec({ client: 'C', pijler: 'JW', productcode: 'J1', begindatum: '2026-01-10', kosten: 50 }),
    ]);
    const stand = await programmeringStand(t.connection, t.set, parsePeriode('2026Q1'), [
      target({ clienten: 2.5, kosten: 1500 }),
      target({ clienten: 10, kosten: 2000, aanbieder: 'A1' }),
      target({ clienten: 1, wijk: 'WK990102' }),
      target({ jaar: 2027, clienten: 1 }),
    ]);
    expect(stand).toMatchObject({ dagenGedekt: 90, dagenJaar: 365 });
    const [total, aanbieder, wijk] = stand.regels;
    expect(stand.regels).toHaveLength(3);
    // 400 × 365 / 90 = 1 622,22 > 1 500; clients 2 + 1 × (365 / 90 − 1) = 5,06 > 2,5.
    expect(total!.prognose).toEqual({ clienten: 5.06, kosten: 1622.22 });
    expect(total!.verschilKosten).toBe(122.22);
    expect(total!.signaal).toBe('dreigt overschreden');
    expect(aanbieder!.signaal).toBe('');
    expect(aanbieder!.realisatie.aandeel).toBe(100);
    // Only B lives in WK990102: one client, within its target of one so far, but more to come.
    expect(wijk!.realisatie).toMatchObject({ clienten: 1, kosten: 100, aandeel: 50 });
    expect(wijk!.signaal).toBe('dreigt overschreden');
    // Reported as lines, exceeded first; only what is over is named.
    expect(signalen(stand.regels, (r) => (r.wijk ? `wijk ${r.wijk}` : r.aanbieder ? `aanbieder ${r.aanbieder}` : 'totaal'))).toEqual([
      'Dreigt overschreden: totaal (cliënten 2 t/m nu, prognose 5,1, streefwaarde 2,5; kosten € 400,00 t/m nu, prognose € 1.622,22, streefwaarde € 1.500,00).',
      'Dreigt overschreden: wijk WK990102 (cliënten 1 t/m nu, prognose 4,1, streefwaarde 1).',
    ]);
    const figures = programmeringFigures(stand, '2026Q1');
    expect(figures.filter((f) => f.niveau === 'wijk').map((f) => [f.gebied, f.indicator, f.dimensie])).toEqual([
      ['WK990102', 'streef_clienten', 'pijler=WMO|productcode=P1'],
      ['WK990102', 'realisatie_clienten_pct', 'pijler=WMO|productcode=P1'],
      ['WK990102', 'prognose_kosten', 'pijler=WMO|productcode=P1'],
    ]);
  });

  test('a year with nothing loaded yet: zero realisation, no projection, no signal', async () => {
    const t = await fresh();
    t.load('2026Q1', [rec({ client: 'A', kosten: 10 })]);
    const stand = await programmeringStand(t.connection, t.set, parsePeriode('2027Q1'), [target({ jaar: 2027, clienten: 5, kosten: 100 })]);
    expect(stand.tot).toBeNull();
    expect(stand.regels[0]).toMatchObject({ realisatie: { clienten: 0, kosten: 0 }, prognose: { clienten: 0, kosten: 0 }, signaal: '' });
  });
});

describe('the seasonal projection (the previous year loaded whole)', () => {
  // 2025 per quarter: A 100, 100, 100, 300 (a peak at year end); E in from June, 50 a quarter; B in
  // November, 150. Up to 31 March: 100 of costs and one new client (A); the whole year 900 and three
  // new clients (A, E, B). J1 only in the third quarter, so it has no season up to 31 March.
  const load2025 = (t: TestRecords, quarters: string[]) => {
    const in2025: Record<string, Parameters<typeof rec>[0][]> = {
      '2025Q1': [{ client: 'A', begindatum: '2025-01-05', kosten: 100 }],
      '2025Q2': [
        { client: 'A', begindatum: '2025-01-05', kosten: 100 },
        { client: 'E', begindatum: '2025-06-01', kosten: 50 },
      ],
      '2025Q3': [
        { client: 'A', begindatum: '2025-01-05', kosten: 100 },
        { client: 'E', begindatum: '2025-06-01', kosten: 50 },
        { client: 'C', pijler: 'JW', productcode: 'J1', begindatum: '2025-08-01', einddatum: '2025-09-30', kosten: 80 },
      ],
      '2025Q4': [
        { client: 'A', begindatum: '2025-01-05', kosten: 300 },
        { client: 'E', begindatum: '2025-06-01', kosten: 50 },
        { client: 'B', begindatum: '2025-11-01', kosten: 150 },
      ],
    };
    for (const q of quarters) t.load(q, in2025[q]!.map((r) => rec(r)));
    t.load('2026Q1', [
      rec({ client: 'D', begindatum: '2026-01-10', kosten: 150 }),
      rec({ client: 'E', begindatum: '2025-06-01', kosten: 50 }),
      rec({ client: 'F', pijler: 'JW', productcode: 'J1', begindatum: '2026-01-10', kosten: 50 }),
    ]);
  };
  const targets = [target({ clienten: 3, kosten: 1000 }), target({ pijler: 'JW', productcode: 'J1', clienten: 1, kosten: 100 })];

  test('costs × last year’s whole over last year up to the same day, the inflow likewise; a row without last year’s season stays linear', async () => {
    const t = await fresh();
    load2025(t, ['2025Q1', '2025Q2', '2025Q3', '2025Q4']);
    const stand = await programmeringStand(t.connection, t.set, parsePeriode('2026Q1'), targets);
    expect(stand.prognose).toEqual({ methode: 'seizoen', patroonJaar: 2025, patroonTot: '2025-03-31' });
    const [p1, j1] = stand.regels;
    // 200 so far × 900 / 100 = 1 800 (linear would be 200 × 365 / 90 = 811,11).
    expect(p1!.realisatie).toMatchObject({ clienten: 2, kosten: 200, nieuw: 1 });
    expect(p1!.prognose).toEqual({ clienten: 4, kosten: 1800 }); // 2 + 1 × (3 / 1 − 1)
    expect(p1!.verschilKosten).toBe(800);
    expect(p1!.signaal).toBe('dreigt overschreden');
    // J1 had nothing up to 31 March 2025: 50 × 365 / 90 = 202,78; clients 1 + 1 × (365 / 90 − 1) = 4,06.
    expect(j1!.prognose).toEqual({ clienten: 4.06, kosten: 202.78 });
    // The year to date is what fv holds afterwards, not last year.
    const rows = (await t.connection.runAndReadAll('SELECT sum(kosten) AS kosten FROM fv')).getRowObjectsJS();
    expect(Number(rows[0]!.kosten)).toBe(25000);
    // The Overzicht's table says which projection it shows.
    const table = await programmeringTabel({ connection: t.connection, set: t.set, nietIngedeeld: 0 }, targets, '2026Q1', null);
    expect(table.titel).toBe('Programmering 2026: realisatie t/m 31-03-2026 (2026Q1), prognose naar jaareinde volgens het seizoen van 2025 (heel 2025 tegen t/m 31-03-2025)');
    expect(table.rijen[0]).toMatchObject({ prognose_kosten: 1800, prognose_clienten: 4 });
  });

  test('with a quarter of last year missing the projection is linear', async () => {
    const t = await fresh();
    load2025(t, ['2025Q1', '2025Q2', '2025Q4']);
    const stand = await programmeringStand(t.connection, t.set, parsePeriode('2026Q1'), targets);
    expect(stand.prognose).toEqual({ methode: 'lineair' });
    expect(stand.regels[0]!.prognose).toEqual({ clienten: 5.06, kosten: 811.11 });
  });
});
