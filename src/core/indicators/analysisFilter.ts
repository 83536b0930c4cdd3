import { sqlText } from '../central/store/duckdb.ts';

/** Narrows an analysis to part of the records (a gemeente, a pillar, a voorzieningsoort). */
export type AnalysisFilter = {
  gemeente?: string | undefined;
  pijler?: string | undefined;
  voorziening?: string | undefined;
};

/** The filter as SQL conditions on columns of that name (`true` without one); values are quoted literals. */
export function filterSql(filter: AnalysisFilter, alias = ''): string {
  const parts = (['gemeente', 'pijler', 'voorziening'] as const).flatMap((key) => {
    const value = filter[key];
    return value === undefined ? [] : [`${alias}${key} = ${sqlText(value)}`];
  });
  return parts.length === 0 ? 'true' : parts.join(' AND ');
}
