import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { DeliveryRecord } from '../delivery/deliveryRecord.ts';
import { rec } from './indicatorTestKit.ts';

/*
 * Bijlage 6 of the Haarlem report (Jeugdhulp met verblijf 2019, fixtures/haarlem-jeugd-verblijf-2019.csv): its rows are
 * turned into client records spread over four quarterly deliveries, and the engine must give back
 * every row exactly and every subtotal within the 2 euros the source lost by rounding its rows.
 */
export type Line = { soort: 'rij' | 'subtotaal'; product: string; aanbieder: string; omzet: number; clienten: number };

export const lines = Papa.parse<Record<string, string>>(readFileSync(path.join(import.meta.dirname, '../../../fixtures/haarlem-jeugd-verblijf-2019.csv'), 'utf8'), {
  header: true,
  delimiter: ';',
  skipEmptyLines: true,
}).data.map((r) => ({ soort: r.soort, product: r.product, aanbieder: r.aanbieder, omzet: Number(r.omzet), clienten: Number(r.clienten) }) as Line);
export const rows = lines.filter((l) => l.soort === 'rij');
export const subtotals = lines.filter((l) => l.soort === 'subtotaal');
export const products = [...new Set(rows.map((r) => r.product))];
export const aanbieders = [...new Set(rows.map((r) => r.aanbieder))];
export const productcode = (product: string) => `V${String(products.indexOf(product) + 1).padStart(2, '0')}`;
export const agb = (aanbieder: string) => `4100${String(aanbieders.indexOf(aanbieder) + 1).padStart(4, '0')}`;

/**
 * Each row's omzet in cents is split unevenly over its clients and each client's share over the
 * quarters it was in care, so no quarter and no client carries a round number.
 */
export function quarterlyRecords(): Map<string, DeliveryRecord[]> {
  const byQuarter = new Map<string, DeliveryRecord[]>(['2019Q1', '2019Q2', '2019Q3', '2019Q4'].map((q) => [q, []]));
  let clientNo = 0;
  for (const row of rows) {
    const weights = Array.from({ length: row.clienten }, (_, i) => 1 + ((i * 7) % 5));
    const shares = splitCents(row.omzet * 100, weights);
    shares.forEach((cents, i) => {
      clientNo++;
      const first = clientNo % 4; // the quarter the client enters
      const quarters = [0, 1, 2, 3].filter((q) => q >= first || row.clienten === 1);
      const begindatum = `2019-${String(quarters[0]! * 3 + 1).padStart(2, '0')}-0${1 + (i % 9)}`;
      splitCents(cents, quarters.map((q) => q + 1)).forEach((part, k) => {
        byQuarter.get(`2019Q${quarters[k]! + 1}`)!.push(
          rec({
            client: `C${String(clientNo).padStart(4, '0')}`,
            pijler: 'JW',
            productcode: productcode(row.product),
            product: row.product,
            voorziening: 'JW-44',
            leefdomein: 'LD07',
            aanbieder: agb(row.aanbieder),
            aanbieder_naam: row.aanbieder,
            begindatum,
            kosten: part / 100,
          }),
        );
      });
    });
  }
  return byQuarter;
}

export function splitCents(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  parts[0]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}
