/**
 * The CBS years an output's inhabitants come from: per year, the gemeenten whose population it
 * gives (years ascending, gemeenten in code order). Each gemeente has its own year, because a CBS
 * Kerncijfers file can be loaded for some gemeenten only. Empty: no CBS inhabitants at all.
 */
export type CbsJaren = { jaar: number; gemeenten: string[] }[];

/** `CBS 2024` when one year serves all; else `CBS 2023 (GM0518, GM0599), 2024 (GM0363)`. */
export function describeCbsJaren(jaren: CbsJaren): string {
  if (jaren.length === 1) return `CBS ${jaren[0]!.jaar}`;
  return `CBS ${jaren.map((j) => `${j.jaar} (${j.gemeenten.join(', ')})`).join(', ')}`;
}

/** `; zonder CBS-inwonertallen (geen cijfers per inwoner): GM9903` for the gemeenten no year covers, else ''. */
export function withoutCbs(gemeenten: readonly string[], jaren: CbsJaren): string {
  const covered = new Set(jaren.flatMap((j) => j.gemeenten));
  const missing = gemeenten.filter((g) => !covered.has(g));
  return missing.length === 0 ? '' : `; zonder CBS-inwonertallen (geen cijfers per inwoner): ${missing.join(', ')}`;
}
