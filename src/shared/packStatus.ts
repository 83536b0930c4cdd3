/** A pack is voorlopig until the analyst says definitief; the first value is the default. Core, CLI and screen share this list. */
export const PACK_STATUSES = ['voorlopig', 'definitief'] as const;
export type PackStatus = (typeof PACK_STATUSES)[number];
/** The ijkperiode choice of a release that means: compare with no earlier period (null is the default choice). */
export const GEEN_IJKPERIODE = 'geen';
/** The one symbol for a suppressed value (primary and secondary alike): in every file of a pack and in the gemeente's Benchmark view. */
export const SUPPRESSED_MARK = '×';
