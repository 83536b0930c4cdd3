import { describe, expect, test } from 'vitest';
import { overlapsPeriode, parsePeriode, periodeWithin, previousPeriode } from './periode.ts';

describe('periode', () => {
  test.each([
    ['2026Q3', '2026-07-01', '2026-09-30'],
    ['2026q1', '2026-01-01', '2026-03-31'],
    ['2024Q1', '2024-01-01', '2024-03-31'],
    ['2026H2', '2026-07-01', '2026-12-31'],
    ['2024H1', '2024-01-01', '2024-06-30'],
    ['2026', '2026-01-01', '2026-12-31'],
  ])('%s runs from %s to %s', (code, begin, eind) => {
    expect(parsePeriode(code)).toEqual({ code: code.toUpperCase(), begin, eind });
  });

  test.each([
    ['3e kwartaal 2026', '2026Q3'],
    ['Q3 2026', '2026Q3'],
    ['2026-Q3', '2026Q3'],
    ['2026 Q3', '2026Q3'],
    ['kwartaal 3 2026', '2026Q3'],
    ['Kwartaal 3, 2026', '2026Q3'],
    ['derde kwartaal 2026', '2026Q3'],
    ['1ste kwartaal 2027', '2027Q1'],
    ['K4 2026', '2026Q4'],
    ['q1-2026', '2026Q1'],
    ['2e halfjaar 2026', '2026H2'],
    ['eerste helft 2026', '2026H1'],
    ['H2 2026', '2026H2'],
    ['2026-H1', '2026H1'],
    [' 2026 ', '2026'],
    ['jaar 2026', '2026'],
  ])('reads %j as %s', (text, code) => {
    expect(parsePeriode(text).code).toBe(code);
  });

  test.each(['2026Q5', '2026H3', '26Q1', '5e kwartaal 2026', '3e halfjaar 2026', 'kwartaal 2026', 'Q3 2026 2027', '1999Q1', 'zomer 2026'])('refuses %j in Dutch', (code) => {
    expect(() => parsePeriode(code)).toThrow(/wordt niet herkend\. Gebruik een kwartaal \(2026Q3 of 3e kwartaal 2026\)/);
  });

  test('an empty period asks to fill it in', () => {
    expect(() => parsePeriode('  ')).toThrow(/^Vul de periode in, bijvoorbeeld 2026Q3/);
  });

  test('overlap includes provisions crossing either edge and open-ended ones', () => {
    const q3 = parsePeriode('2026Q3');
    expect(overlapsPeriode('2026-06-01', '2026-07-01', q3)).toBe(true);
    expect(overlapsPeriode('2026-09-30', null, q3)).toBe(true);
    expect(overlapsPeriode('2025-01-01', null, q3)).toBe(true);
    expect(overlapsPeriode('2026-01-01', '2026-06-30', q3)).toBe(false);
    expect(overlapsPeriode('2026-10-01', null, q3)).toBe(false);
  });

  test('within and previous', () => {
    expect(periodeWithin(parsePeriode('2026Q3'), parsePeriode('2026'))).toBe(true);
    expect(periodeWithin(parsePeriode('2026Q3'), parsePeriode('2026H1'))).toBe(false);
    expect(previousPeriode(parsePeriode('2026Q1')).code).toBe('2025Q4');
    expect(previousPeriode(parsePeriode('2026Q3')).code).toBe('2026Q2');
    expect(previousPeriode(parsePeriode('2026H1')).code).toBe('2025H2');
    expect(previousPeriode(parsePeriode('2026')).code).toBe('2025');
  });
});
