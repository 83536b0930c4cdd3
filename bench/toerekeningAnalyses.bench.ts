/**
 * What the cost variants (met / zonder toerekening / toegerekend) cost the three analyses outside
 * the figures engine: the aanbiedersanalyse, the informatievragen and the programmering, on the
 * same synthetic records once without lasten and once with lasten on a lump-sum product, beside a
 * reference query in the same run (one count(DISTINCT) over the scope). Wall clock and process
 * CPU seconds (user + sys, DuckDB's threads included), medians of --runs, interleaved.
 *
 *   node bench/toerekeningAnalyses.bench.ts [--rows 300000] [--runs 3]
 */
import { parseArgs } from 'node:util';
import { medians } from './measure.ts';
import type { DeliveryRecord } from '../src/core/delivery/deliveryRecord.ts';
import { aanbiedersanalyse } from '../src/core/indicators/aanbiedersanalyse.ts';
import { rec, testRecords, type TestRecords } from '../src/core/indicators/indicatorTestKit.ts';
import { informatievragen } from '../src/core/indicators/informatievragen.ts';
import { programmeringStand } from '../src/core/indicators/programmering.ts';
import { parsePeriode } from '../src/core/period/periode.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '300000' }, runs: { type: 'string', default: '3' } } });
const rows = Number(values.rows);
const runs = Number(values.runs);

function records(): DeliveryRecord[] {
  const out: DeliveryRecord[] = [];
  for (let i = 0; i < rows; i++) {
    const client = `C${i % Math.ceil(rows / 3)}`;
    const sub = i % 10 < 3;
    out.push(
      rec({
        client,
        productcode: sub ? 'SUB' : `P${i % 7}`,
        aanbieder: `A${i % 40}`,
        aanbieder_naam: `Aanbieder ${i % 40}`,
        wijk: `WK9901${String(i % 12).padStart(2, '0')}`,
        begindatum: `2026-0${1 + (i % 9)}-01`,
        kosten: sub ? null : 100 + (i % 900),
      }),
    );
  }
  return out;
}

async function load(lasten: boolean): Promise<TestRecords> {
  const t = await testRecords();
  const sink = t.set.open({ gemeente: 'GM9901', gemeentenaam: 'Test', periode: parsePeriode('2026Q3'), omschrijving: 'bench' });
  sink.add(records());
  const { bron } = sink.finish() as { bron: number };
  if (lasten) await t.set.addLasten(bron, [{ productcode: 'SUB', aanbieder: '', kosten: 1_000_000 }]);
  return t;
}

const targets = [{ jaar: 2026, pijler: 'WMO', productcode: '', aanbieder: '', wijk: '', clienten: null, kosten: 1e7, aandeel: null }, { jaar: 2026, pijler: 'WMO', productcode: 'SUB', aanbieder: '', wijk: '', clienten: null, kosten: 1e6, aandeel: null }];

const sets = { zonder: await load(false), met: await load(true) };
const timings = medians();
for (let run = 0; run < runs; run++) {
  for (const [name, t] of Object.entries(sets)) {
    await t.scope('2026Q3');
    await timings.measure(`referentie count(DISTINCT cid), ${name} lasten`, () => t.connection.runAndReadAll('SELECT count(DISTINCT cid) FROM fv'));
    await timings.measure(`aanbiedersanalyse, ${name} lasten`, () => aanbiedersanalyse(t.connection));
    await timings.measure(`informatievragen, ${name} lasten`, () => informatievragen(t.connection, 20));
    // Builds its own year-to-date scope, with the toerekening, as the Overzicht does.
    await timings.measure(`programmering (incl. scope), ${name} lasten`, () => programmeringStand(t.connection, t.set, parsePeriode('2026Q3'), targets));
  }
}
console.log(`${rows} rows, ${Math.ceil(rows / 3)} clients, 30 % of the rows a lump-sum product; medians of ${runs}; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const line of timings.lines()) console.log(line);
for (const t of Object.values(sets)) t.close();
