import { describe, expect, test } from 'vitest';
import { separatingAxes } from './groupsView.ts';

describe('the scatter axes of the reference groups', () => {
  test('the two kenmerken with the largest between-group share of variance', () => {
    // Kenmerk 1 splits the groups perfectly, kenmerk 2 partly, kenmerk 0 not at all.
    const points = [
      [0, 10, 1],
      [1, 10, 2],
      [0, -10, -1],
      [1, -10, 0],
    ];
    expect(separatingAxes(points, ['A', 'A', 'B', 'B'])).toEqual([1, 2]);
    expect(separatingAxes(points, ['A', 'B', 'A', 'B'])).toEqual([0, 2]);
    expect(() => separatingAxes([[1], [2]], ['A', 'B'])).toThrow(RangeError);
  });
});
