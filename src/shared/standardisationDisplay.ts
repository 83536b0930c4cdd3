/**
 * Reading a standardised ratio on fewer than 5 expected clients is guesswork: a display rule
 * (not disclosure control), one number for the export's statement, the packs and the Benchmark
 * screen.
 */
export const MIN_EXPECTED_SHOWN = 5;
