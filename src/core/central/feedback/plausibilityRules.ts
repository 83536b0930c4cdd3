import { defaultResourcesDir, readResourceTable } from '../../resources/csvTable.ts';
import type { Db } from '../../store/database.ts';
import { storedThreshold } from '../settings/storedThreshold.ts';

export type Ernst = 'fout' | 'waarschuwing' | 'info';
export const ERNST_ORDER: readonly Ernst[] = ['fout', 'waarschuwing', 'info'];

export type PlausibilityRule = {
  controle: string;
  ernst: Ernst | null;
  drempel: number | null;
  /** The data elements a fill-rate rule judges; empty: every one. Optional fields stay out. */
  gegevens: string[];
  tekst: string;
};

/** The thresholds and sentences of the plausibility report: data, so the analyst tunes them. */
export function loadPlausibilityRules(dir = defaultResourcesDir): PlausibilityRule[] {
  return readResourceTable(dir, 'plausibiliteit.csv').map((r, i) => {
    const ernst = r.ernst ?? '';
    if (ernst !== '' && !(ERNST_ORDER as readonly string[]).includes(ernst)) throw new Error(`resource plausibiliteit.csv: row ${i + 2}: unknown ernst`);
    const drempel = (r.drempel ?? '') === '' ? null : Number(r.drempel);
    if (drempel !== null && !Number.isFinite(drempel)) throw new Error(`resource plausibiliteit.csv: row ${i + 2}: drempel is not a number`);
    const gegevens = (r.gegevens ?? '').split('|').map((g) => g.trim()).filter((g) => g !== '');
    return { controle: r.controle!, ernst: ernst === '' ? null : (ernst as Ernst), drempel, gegevens, tekst: r.tekst ?? '' };
  });
}

/** How the analyst's settings name a rule's drempel: `plausibiliteit.verandering_clienten.fout`. */
export function ruleCode(rule: Pick<PlausibilityRule, 'controle' | 'ernst'>): string {
  return `plausibiliteit.${rule.controle}.${rule.ernst ?? 'grens'}`;
}

/** The rules with each drempel the analyst set on Instellingen in place of the table's. */
export function storedPlausibilityRules(db: Db, dir = defaultResourcesDir): PlausibilityRule[] {
  return loadPlausibilityRules(dir).map((rule) => (rule.drempel === null ? rule : { ...rule, drempel: storedThreshold(db, ruleCode(rule)) ?? rule.drempel }));
}

/**
 * Fills `{name}` placeholders; a placeholder without a value is a mistake in the table. A
 * sentence may open with a placeholder (`{onderwerp} komt …`), so its first letter is raised.
 */
export function sentence(template: string, values: Record<string, string | number>): string {
  const text = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`plausibiliteit.csv: no value for {${name}}`);
    return String(values[name]);
  });
  return text.charAt(0).toUpperCase() + text.slice(1);
}
