import type { DeliveryRecord } from '../delivery/deliveryRecord.ts';
import { rec } from './indicatorTestKit.ts';
import { Random } from '../../../fixtures/random.ts';

/*
 * Records of the oracle cases (testdata/golden/README.md): the figures CSV the one-pass JS engine
 * wrote for them is kept, and the SQL engine must write it again byte for byte.
 */

/** A seeded mix: several gemeenten, households across clients, JW ages around 18, repeat care, moves. */
export function synthetic(seed: number, count: number, quarter: number): DeliveryRecord[] {
  const generator = new Random(seed);
  const rnd = () => generator.next();
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const day = (from: string, span: number) => new Date(Date.parse(from) + Math.floor(rnd() * span) * 86_400_000).toISOString().slice(0, 10);
  const qBegin = `2026-${String(quarter * 3 - 2).padStart(2, '0')}-01`;
  return Array.from({ length: count }, (_, i) => {
    const c = Math.floor(rnd() ** 1.5 * count * 0.4);
    const pijler = pick(['WMO', 'JW', 'PW', 'SHV', 'JW']);
    const begindatum = rnd() < 0.5 ? day('2025-01-01', 450) : day(qBegin, 90);
    const ended = rnd() < 0.45;
    return rec({
      client: `T${String(c).padStart(5, '0')}`,
      huishouden: c % 4 === 0 ? null : `H${Math.floor(c / 2)}`,
      leeftijd: rnd() < 0.1 ? null : pijler === 'JW' ? 14 + Math.floor(rnd() * 8) : 30 + (c % 50),
      wijk: `WK9901${String((c + (rnd() < 0.1 ? i : 0)) % 7).padStart(2, '0')}`,
      gebied: rnd() < 0.2 ? null : `G${c % 3}`,
      pijler,
      productcode: `${pijler}${Math.floor(rnd() * 6)}`,
      voorziening: `${pijler}-0${Math.floor(rnd() * 3)}`,
      leefdomein: `LD0${1 + (c % 4)}`,
      begindatum,
      einddatum: ended ? new Date(Math.max(Date.parse(begindatum), Date.parse(qBegin)) + Math.floor(rnd() * 100) * 86_400_000).toISOString().slice(0, 10) : null,
      aanbieder: rnd() < 0.1 ? null : pick(['A1', 'A2', 'A3', 'A4']),
      aanbieder_naam: pick(['Zorg Noord', 'Zorg Zuid', 'zorg  noord']),
      kosten: rnd() < 0.2 ? null : Math.round(rnd() * 300_000) / 100,
      aanvraagdatum: rnd() < 0.5 ? day('2025-12-01', 200) : null,
    });
  });
}

/** Two gemeenten, four quarters each. */
export function syntheticQuarters(): { gemeente: string; periode: string; records: DeliveryRecord[] }[] {
  return ['GM9901', 'GM9902'].flatMap((gemeente) => [1, 2, 3, 4].map((q) => ({ gemeente, periode: `2026Q${q}`, records: synthetic(q * 7 + gemeente.charCodeAt(5), 1500, q) })));
}

/** Repeat care and instroom over a gap, small enough to check by hand. */
export const REPEAT_CARE: Record<string, DeliveryRecord[]> = {
  '2026Q1': [
    rec({ client: 'R1', begindatum: '2025-06-01', einddatum: '2026-01-20' }),
    rec({ client: 'R2', begindatum: '2026-01-05', pijler: 'JW', leeftijd: 17 }),
    rec({ client: 'R3', begindatum: '2025-01-01', einddatum: '2026-03-31', wijk: 'WK990102' }),
  ],
  '2026Q2': [
    rec({ client: 'R1', begindatum: '2026-04-10' }),
    rec({ client: 'R2', begindatum: '2026-01-05', pijler: 'JW', leeftijd: 18 }),
    rec({ client: 'R3', begindatum: '2026-04-01', wijk: 'WK990101' }),
    rec({ client: 'R4', begindatum: '2026-05-01', huishouden: 'H-R1' }),
  ],
};
