import { UserError } from '../errors.ts';

/*
 * The publication rules of DESIGN.md "Disclosure control": a cell of fewer than `minimumClienten`
 * clients is primary, and a suppressed cell's costs must stay open over at least `kostenBreedte`
 * of their value. The analyst may make them stricter (Instellingen), never looser than the
 * Arrangementenmonitor's promise of 5 clients and 10 %.
 */

export type Regels = { minimumClienten: number; kostenBreedte: number };

export const MIN_CLIENTS = 5;
export const COST_WIDTH = 0.1;
export const STANDAARD_REGELS: Regels = { minimumClienten: MIN_CLIENTS, kostenBreedte: COST_WIDTH };

/** The rules to use: the defaults, or stricter ones; looser or malformed rules throw a Dutch error. */
export function publicationRules(regels: Regels | undefined): Regels {
  if (regels === undefined) return STANDAARD_REGELS;
  const { minimumClienten, kostenBreedte } = regels;
  if (!Number.isInteger(minimumClienten) || minimumClienten < MIN_CLIENTS) {
    throw new UserError('REGELS_ONGELDIG', `Het publicatieminimum moet een geheel getal van ten minste ${MIN_CLIENTS} cliënten zijn (gekregen: ${minimumClienten}).`);
  }
  if (!Number.isFinite(kostenBreedte) || kostenBreedte < COST_WIDTH) {
    throw new UserError('REGELS_ONGELDIG', `De kostenbreedte moet ten minste ${COST_WIDTH.toLocaleString('nl-NL')} (${COST_WIDTH * 100} % van de waarde) zijn (gekregen: ${kostenBreedte}).`);
  }
  return { minimumClienten, kostenBreedte };
}

/** Primary: 1 up to the minimum (zeros have no cell at all). */
export function isPrimary(clienten: number, regels: Regels = STANDAARD_REGELS): boolean {
  return clienten >= 1 && clienten < regels.minimumClienten;
}
