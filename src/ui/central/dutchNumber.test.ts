import { expect, test } from 'vitest';
import { formatDutchNumber, parseDutchNumber } from './dutchNumber.ts';

test('numbers as a Dutch user types them, and as the settings show them', () => {
  expect(['10', '12,5', '2.500', '1.234,5', ' 3 000 ', '12.5', '4'].map(parseDutchNumber)).toEqual([10, 12.5, 2500, 1234.5, 3000, 12.5, 4]);
  expect(['', 'tien', '-5', '1,2,3', '12,'].map(parseDutchNumber)).toEqual([null, null, null, null, null]);
  // What the form shows is read back as the same value.
  for (const v of [5, 12.5, 2500, 10000]) expect(parseDutchNumber(formatDutchNumber(v))).toBe(v);
});
