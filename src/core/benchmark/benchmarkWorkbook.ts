import type { OverzichtTabel } from '../../shared/api.ts';
import { writeTableWorkbook } from '../indicators/overzichtWorkbook.ts';

/**
 * A benchmark table as a workbook. Its first line says which view it is: the internal one is
 * marked INTERN (also in its sheet's name), the published one names its disclosure control;
 * a suppressed cell holds the word, never a number.
 */
export async function writeBenchmarkWorkbook(file: string, table: OverzichtTabel, intern: boolean): Promise<void> {
  await writeTableWorkbook(file, table, {
    sheet: intern ? 'Intern' : 'Benchmark',
    banner: intern
      ? 'INTERN — niet onderdrukte cijfers van alle actuele leveringen, alleen voor de analist. Niet publiceren.'
      : 'Zoals gepubliceerd: gemeenten met akkoord, kleine aantallen onderdrukt (onthullingscontrole).',
    bannerColor: intern ? 'FFB00020' : 'FF1B5E20',
    titel: table.titel,
    textWidth: 32,
  });
}
