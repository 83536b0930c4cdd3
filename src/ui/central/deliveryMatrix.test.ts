import { describe, expect, test } from 'vitest';
import type { CentralStatusRow } from '../../shared/api.ts';
import { deliveryMatrix, outcomeText } from './deliveryMatrix.ts';

const row = (over: Partial<CentralStatusRow>): CentralStatusRow => ({
  gemeente: 'GM9901',
  gemeentenaam: 'Heidebroek',
  periode: '2026Q3',
  versie: 1,
  rijen: 10,
  ontvangen: '2026-10-05T10:00:00.000Z',
  status: 'actueel',
  sleutelGewijzigd: false,
  akkoord: null,
  bestand: 'GM9901_2026Q3_levering.zip',
  reden: null,
  ...over,
});

describe('the delivery matrix gemeente × periode', () => {
  test('a cell is akkoord, voorlopig or geweigerd by its current version, and keeps every file received', () => {
    const matrix = deliveryMatrix([
      row({ versie: 1, status: 'vervangen', akkoord: '2026-10-06' }),
      row({ versie: 2 }),
      row({ periode: '2026Q2', akkoord: '2026-07-10' }),
      row({ gemeente: 'GM9902', gemeentenaam: null, versie: null, rijen: null, status: 'geweigerd', reden: 'controlesom klopt niet' }),
      row({ gemeente: null, gemeentenaam: null, periode: null, versie: null, status: 'geweigerd', bestand: 'kapot.zip' }),
    ]);
    expect(matrix.gemeenten).toEqual([
      { code: 'GM9901', naam: 'Heidebroek' },
      { code: 'GM9902', naam: '' },
    ]);
    expect(matrix.perioden).toEqual(['2026Q2', '2026Q3']);
    // The akkoord of version 1 does not carry over to version 2.
    expect(matrix.cell('GM9901', '2026Q3')).toMatchObject({ state: 'voorlopig', actueel: { versie: 2 } });
    expect(matrix.cell('GM9901', '2026Q3')!.ontvangen).toHaveLength(2);
    expect(matrix.cell('GM9901', '2026Q2')!.state).toBe('akkoord');
    expect(matrix.cell('GM9902', '2026Q3')).toMatchObject({ state: 'geweigerd', actueel: null });
    expect(matrix.cell('GM9902', '2026Q2')).toBeNull();
  });

  test('intake outcomes in words', () => {
    expect(outcomeText({ bestand: 'a.zip', uitkomst: 'vervangt', vervangt: 1, gemeente: 'GM9901', periode: '2026Q3', versie: 2 })).toBe('vervangt v1');
    expect(outcomeText({ bestand: 'a.zip', uitkomst: 'al aanwezig', gemeente: 'GM9901', periode: '2026Q3', versie: 1 })).toBe('al aanwezig');
  });
});
