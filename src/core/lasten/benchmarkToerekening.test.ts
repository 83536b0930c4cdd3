import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { records, writeKwbPopulation, writeTestDelivery, type KwbRegion } from '../central/centralTestKit.ts';
import { openTestCore, type TestCore } from '../testing/testCore.ts';
import { tempDir } from '../testing/tempDir.ts';
import type { DeliveryLast } from './deliveryLasten.ts';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.core.close()));

/**
 * Two gemeenten in 2026Q2, every client € 100 of recorded costs and in care the whole quarter.
 * GM9901 delivers a levering v2 with € 3.700 of lasten for P1 over its 37 clients (by days in care,
 * all the same: € 100 each), GM9902 a levering v1.
 */
async function central(lasten: DeliveryLast[]): Promise<TestCore> {
  const c = await openTestCore(tempDir('wm-benchmark-lasten-'));
  cores.push(c);
  const delivery = (gemeente: string, parts: [string, number][], withLasten: DeliveryLast[]) =>
    writeTestDelivery({
      gemeente,
      periode: '2026Q2',
      dir: tempDir(),
      lasten: withLasten,
      records: parts.flatMap(([wijk, n], i) => records(n, { wijk, begindatum: '2026-04-01', kosten: 100, leeftijd: 30 + i * 20, geslacht: i % 2 ? '2' : '1' }, 'abcdefgh'[i])),
    });
  c.dialogs.queueOpen([await delivery('GM9901', [['WK990101', 20], ['WK990102', 17]], lasten), await delivery('GM9902', [['WK990201', 30], ['WK990202', 12]], [])]);
  const lines = await c.call('central.import', { jobId: 'intake' });
  expect(lines.map((l) => l.uitkomst)).toEqual(['nieuw', 'nieuw']);
  const region = (code: string, n: number): KwbRegion => [code, n, n / 2, n / 2, n / 5, n / 5, n / 5, n / 5, n / 5];
  const kwb = writeKwbPopulation([region('GM9901', 10000), region('WK990101', 5000), region('WK990102', 5000), region('GM9902', 8000), region('WK990201', 5000), region('WK990202', 3000)]);
  c.dialogs.queueOpen([kwb]);
  await c.call('central.reference', { jaar: 2026 });
  return c;
}

describe('the analyst’s Benchmark with and without toerekening', () => {
  test('intern: each cost figure with toerekening, without and allocated, hand-computed, in the view, the table and its Excel', async () => {
    const c = await central([{ productcode: 'P1', aanbieder: '', kosten: 3700 }]);
    const view = await c.call('central.benchmark', { periode: '2026Q2', intern: true, dimensie: 'pijler=WMO', gemeente: 'GM9901' });
    expect(view.indicatoren).toEqual(['clienten', 'clienten_per_1000', 'kosten', 'kosten_client', 'kosten_toegerekend', 'kosten_per_inwoner', 'kosten_per_inwoner_client', 'kosten_per_inwoner_toegerekend', 'verwacht', 'sr', 'sr_onder', 'sr_boven']);
    // The marks do not become splits of their own.
    expect(view.dimensies.some((d) => d.includes('kosten_bron'))).toBe(false);
    const value = (gemeente: string, gebied: string, indicator: string) => view.cijfers.find((x) => x.gemeente === gemeente && x.gebied === gebied && x.indicator === indicator)?.waarde;
    // GM9901: 37 × 100 recorded, 3 700 allocated; per inhabitant of 10 000: 0,37 + 0,37 = 0,74.
    expect([value('GM9901', '', 'kosten'), value('GM9901', '', 'kosten_client'), value('GM9901', '', 'kosten_toegerekend')]).toEqual([7400, 3700, 3700]);
    expect([value('GM9901', '', 'kosten_per_inwoner'), value('GM9901', '', 'kosten_per_inwoner_client'), value('GM9901', '', 'kosten_per_inwoner_toegerekend')]).toEqual([0.74, 0.37, 0.37]);
    // Wijk WK990101: 20 clients, 2 000 + 2 000 over 5 000 inhabitants.
    expect([value('GM9901', 'WK990101', 'kosten'), value('GM9901', 'WK990101', 'kosten_client'), value('GM9901', 'WK990101', 'kosten_toegerekend')]).toEqual([4000, 2000, 2000]);
    // ALLE: GM9902's 42 × 100 has nothing allocated.
    expect([value('ALLE', '', 'kosten'), value('ALLE', '', 'kosten_client'), value('ALLE', '', 'kosten_toegerekend')]).toEqual([11600, 7900, 3700]);

    const kolommen = view.tabel!.kolommen.map((k) => k.titel);
    expect(kolommen).toContain('Kosten met toerekening');
    expect(kolommen).toContain('Kosten zonder toerekening');
    expect(kolommen).toContain('Kosten toegerekend');
    const gemeenteRij = view.tabel!.rijen.find((r) => r.gebied === 'GM9901')!;
    expect([gemeenteRij.kosten, gemeenteRij.kosten_client, gemeenteRij.kosten_toegerekend]).toEqual([7400, 3700, 3700]);

    const out = path.join(tempDir(), 'benchmark-intern.xlsx');
    c.dialogs.queueSave(out);
    await c.call('central.benchmarkExport', { periode: '2026Q2', intern: true, dimensie: 'pijler=WMO', gemeente: 'GM9901' });
    const sheet = (await new ExcelJS.Workbook().xlsx.readFile(out)).worksheets[0]!;
    const header = sheet.getRow(4).values as unknown[];
    const row = sheet.getRow(4 + 1 + view.tabel!.rijen.indexOf(gemeenteRij));
    expect(row.getCell(header.indexOf('Kosten zonder toerekening')).value).toBe(3700);
    expect(row.getCell(header.indexOf('Kosten toegerekend')).value).toBe(3700);
  }, 120_000);

  test('published: the variants carry the suppression of their cell; without lasten no variant at all', async () => {
    const c = await central([{ productcode: 'P1', aanbieder: '', kosten: 3700 }]);
    for (const gemeente of ['GM9901', 'GM9902']) await c.call('central.approve', { gemeente, periode: '2026Q2', door: 'test' });
    const view = await c.call('central.benchmark', { periode: '2026Q2', intern: false, dimensie: '', gemeente: 'GM9901' });
    const of = (indicator: string) => view.cijfers.filter((x) => x.indicator === indicator).map((x) => `${x.gemeente}|${x.gebied}|${x.onderdrukt}`).sort();
    expect(of('kosten_client').length).toBeGreaterThan(0);
    expect(of('kosten_client')).toEqual(of('kosten'));
    // Allocated costs only where lasten were allocated: GM9901, its wijken and ALLE.
    expect(of('kosten_toegerekend')).toEqual(of('kosten').filter((k) => !k.startsWith('GM9902')));

    const without = await central([]);
    const plain = await without.call('central.benchmark', { periode: '2026Q2', intern: true, dimensie: '', gemeente: 'GM9901' });
    expect(plain.indicatoren).toEqual(['clienten', 'clienten_per_1000', 'kosten', 'kosten_per_inwoner', 'verwacht', 'sr', 'sr_onder', 'sr_boven']);
    expect(plain.tabel!.kolommen.map((k) => k.titel)).not.toContain('Kosten zonder toerekening');
  }, 120_000);
});
