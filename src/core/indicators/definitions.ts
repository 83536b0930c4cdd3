import { defaultResourcesDir, readResourceTable } from '../resources/csvTable.ts';

/** What a figure means, as the UI shows it beside the figure and on the Begrippen page. */
export type IndicatorDefinition = { code: string; naam: string; eenheid: string; formule: string; populatie: string };

export function loadIndicatorDefinitions(dir = defaultResourcesDir): IndicatorDefinition[] {
  return readResourceTable(dir, 'indicatoren.csv').map((r) => ({
    code: r.code!,
    naam: r.naam!,
    eenheid: r.eenheid!,
    formule: r.formule!,
    populatie: r.populatie!,
  }));
}
