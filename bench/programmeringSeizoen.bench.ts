/**
 * What the seasonal projection costs the programmering: the same records (four quarters of 2025
 * and two of 2026) once with all of 2025 loaded (seasonal: two more scopes of last year) and once
 * without 2025Q3 (linear), beside a reference query in the same run (one count(DISTINCT) over
 * the scope). Wall clock and process CPU seconds (user + sys, DuckDB's threads included), medians
 * of --runs, interleaved.
 *
 *   node bench/programmeringSeizoen.bench.ts [--rows 100000] [--runs 3]
 */
import { parseArgs } from 'node:util';
import { medians } from './measure.ts';
import type { DeliveryRecord } from '../src/core/delivery/deliveryRecord.ts';
import { rec, testRecords, type TestRecords } from '../src/core/indicators/indicatorTestKit.ts';
import { programmeringStand } from '../src/core/indicators/programmering.ts';
import { parsePeriode } from '../src/core/period/periode.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' } } });
const rows = Number(values.rows);
const runs = Number(values.runs);
const QUARTERS = ['2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1', '2026Q2'];

function records(quarter: string): DeliveryRecord[] {
  const q = QUARTERS.indexOf(quarter);
  const out: DeliveryRecord[] = [];
  for (let i = 0; i < rows; i++) {
    // Clients come in over the quarters, a third of each quarter's rows new.
    const client = `C${q * Math.ceil(rows / 3) + i}`;
    out.push(
      rec({
        client,
        productcode: `P${i % 7}`,
        aanbieder: `A${i % 40}`,
        aanbieder_naam: `Aanbieder ${i % 40}`,
        wijk: `WK9901${String(i % 12).padStart(2, '0')}`,
        begindatum: `${quarter.slice(0, 4)}-${String((Number(quarter[5]) - 1) * 3 + 1).padStart(2, '0')}-01`,
        kosten: 100 + (i % 900) * (quarter.endsWith('Q4') ? 2 : 1),
      }),
    );
  }
  return out;
}

async function load(quarters: string[]): Promise<TestRecords> {
  const t = await testRecords();
  for (const q of quarters) t.load(q, records(q));
  return t;
}

const targets = [
  { jaar: 2026, pijler: 'WMO', productcode: '', aanbieder: '', wijk: '', clienten: 1000, kosten: 1e7, aandeel: null },
  ...Array.from({ length: 7 }, (_, p) => ({ jaar: 2026, pijler: 'WMO', productcode: `P${p}`, aanbieder: '', wijk: '', clienten: 100, kosten: 1e6, aandeel: null })),
];

const sets = { seizoen: await load(QUARTERS), lineair: await load(QUARTERS.filter((q) => q !== '2025Q3')) };
const timings = medians();
for (let run = 0; run < runs; run++) {
  for (const [name, t] of Object.entries(sets)) {
    await t.scope('2026');
    await timings.measure(`referentie count(DISTINCT cid), ${name}`, () => t.connection.runAndReadAll('SELECT count(DISTINCT cid) FROM fv'));
    let methode = '';
    await timings.measure(`programmering 2026Q2 (incl. scopes), ${name}`, async () => (methode = (await programmeringStand(t.connection, t.set, parsePeriode('2026Q2'), targets)).prognose.methode));
    if (methode !== name) throw new Error(`expected ${name}, got ${methode}`);
  }
}
console.log(`${rows} rows per quarter, ${QUARTERS.length} quarters; medians of ${runs}; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const line of timings.lines()) console.log(line);
for (const set of Object.values(sets)) set.close();
