/**
 * Iterative proportional fitting (Deming–Stephan): the table closest to the seed (in the
 * Kullback–Leibler sense) whose row and column sums are the given margins. Used to estimate a
 * wijk's age band × sex table from its two CBS margins, seeded with its gemeente's table so that
 * the wijk keeps the gemeente's association between age and sex (more women among the old).
 *
 * CBS rounds wijk figures to multiples of 5, so the two margins rarely have the same total; the
 * column margins are scaled to the row total first (the age bands are the finer margin and the
 * one the rates are about). A zero in the seed stays zero.
 */
export function fitTable(seed: readonly (readonly number[])[], rows: readonly number[], columns: readonly number[], options: { tolerance?: number; maxIterations?: number } = {}): number[][] {
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 1000;
  const rowTotal = rows.reduce((s, v) => s + v, 0);
  const columnTotal = columns.reduce((s, v) => s + v, 0);
  const targetColumns = columnTotal > 0 ? columns.map((c) => (c * rowTotal) / columnTotal) : columns.map(() => rowTotal / columns.length);
  const table = seed.map((r) => [...r]);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    table.forEach((r, i) => {
      const sum = r.reduce((s, v) => s + v, 0);
      const factor = sum > 0 ? rows[i]! / sum : 0;
      for (let j = 0; j < r.length; j++) r[j]! *= factor;
    });
    let worst = 0;
    for (let j = 0; j < targetColumns.length; j++) {
      const sum = table.reduce((s, r) => s + r[j]!, 0);
      const factor = sum > 0 ? targetColumns[j]! / sum : 0;
      for (const r of table) r[j]! *= factor;
    }
    table.forEach((r, i) => {
      worst = Math.max(worst, Math.abs(r.reduce((s, v) => s + v, 0) - rows[i]!));
    });
    if (worst <= tolerance * Math.max(1, rowTotal)) return table;
  }
  return table;
}
