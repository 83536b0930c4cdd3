/** Narrows an analysis to part of the records (a gemeente, a pillar, a voorzieningsoort). */
export type AnalysisFilter = {
  gemeente?: string | undefined;
  pijler?: string | undefined;
  voorziening?: string | undefined;
};

/** A WHERE clause over `ind_v` with its parameters; values are always bound, never spliced. */
export function filterClause(filter: AnalysisFilter): { where: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const key of ['gemeente', 'pijler', 'voorziening'] as const) {
    const value = filter[key];
    if (value === undefined) continue;
    parts.push(`${key} = ?`);
    params.push(value);
  }
  return { where: parts.length === 0 ? '' : `WHERE ${parts.join(' AND ')}`, params };
}
