import { productcode, rows } from '../indicators/haarlemTestData.ts';
import type { ProgrammeringRow } from './programmeringTable.ts';

/*
 * A programmering for the Haarlem Jeugd-verblijf table (bijlage 6): "van instellingen naar
 * pleegzorg en gezinshuizen". Over three years (2019-2021) 10 % of the clients of the instelling
 * products moves, a third each year, half to pleegzorg and half to gezinshuizen. Each product
 * keeps its 2019 cost per client, so the targets move costs with the clients. Clients are rounded
 * to one decimal, costs to whole euros, as a gemeente would write them down.
 */

export const INSTELLING = ['Residentiële behandeling zwaar', 'JeugdzorgPlus', 'Verblijf C, open setting', 'Verblijf B, fasehuis, kamertrainingscentrum'];
export const PLEEGZORG = 'Pleegzorg';
export const GEZINSHUIS = 'Verblijf A, gezinshuis, projectgezin';
export const EERSTE_JAAR = 2019;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Per product the realised 2019 clients and costs (the rows of bijlage 6 added up). */
export function baseline(): Map<string, { clienten: number; kosten: number }> {
  const out = new Map<string, { clienten: number; kosten: number }>();
  for (const r of rows) {
    const p = out.get(r.product) ?? { clienten: 0, kosten: 0 };
    out.set(r.product, { clienten: p.clienten + r.clienten, kosten: p.kosten + r.omzet });
  }
  return out;
}

export function haarlemProgrammering(): ProgrammeringRow[] {
  const base = baseline();
  const instellingClienten = INSTELLING.reduce((n, p) => n + base.get(p)!.clienten, 0);
  const out: ProgrammeringRow[] = [];
  for (let step = 1; step <= 3; step++) {
    const jaar = EERSTE_JAAR + step - 1;
    const moved = instellingClienten * 0.1 * (step / 3);
    for (const [product, b] of base) {
      const perClient = b.kosten / b.clienten;
      const clienten = INSTELLING.includes(product) ? b.clienten * (1 - 0.1 * (step / 3)) : product === PLEEGZORG || product === GEZINSHUIS ? b.clienten + moved / 2 : b.clienten;
      out.push({ jaar, pijler: 'JW', productcode: productcode(product), aanbieder: '', wijk: '', clienten: round1(clienten), kosten: Math.round(round1(clienten) * perClient), aandeel: null });
    }
  }
  return out;
}
