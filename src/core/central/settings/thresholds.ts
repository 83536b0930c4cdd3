import type { CentralThreshold } from '../../../shared/api.ts';
import { recordAction } from '../../audit/auditLog.ts';
import { SMALL_WIJK } from '../../benchmark/referenceGroups.ts';
import { COST_WIDTH, MIN_CLIENTS, type Regels } from '../../disclosure/publicationRules.ts';
import { UserError } from '../../errors.ts';
import type { Db } from '../../store/database.ts';
import { loadPlausibilityRules, ruleCode, type PlausibilityRule } from '../feedback/plausibilityRules.ts';
import { defaultResourcesDir, readResourceTable } from '../../resources/csvTable.ts';
import { storedThreshold } from './storedThreshold.ts';

/**
 * The thresholds the analyst sets on Instellingen (and with `central instellingen`), stored in
 * the catalogue (migration 7, table analist_drempel). The two publication rules can only be made
 * stricter than the project's: whatever leaves the analyst edition keeps at least its protection.
 */
type Definition = Omit<CentralThreshold, 'waarde' | 'gewijzigd' | 'uitleg'> & { uitleg(waarde: number): string };

const number = (v: number) => v.toLocaleString('nl-NL', { maximumFractionDigits: 2 });
const NEXT_EXPORT = 'Een strengere waarde geldt vanaf de volgende export; wat al geschreven is, blijft zoals het is.';

const FIXED: readonly Definition[] = [
  {
    code: 'minimum_clienten',
    groep: 'publicatie',
    naam: 'Minimum aantal cliënten per gepubliceerde cel',
    eenheid: 'cliënten',
    standaard: MIN_CLIENTS,
    min: MIN_CLIENTS,
    max: 100,
    geheel: true,
    alleenStrenger: true,
    uitleg: (v) =>
      `Een aantal onder de ${number(v)} cliënten, en elk cijfer dat op minder dan ${number(v)} cliënten berust (kosten, gemiddelden, percentages), wordt onderdrukt in alles wat de analist-editie verlaat, met secundaire onderdrukking zodat het niet uit totalen is terug te rekenen. Alleen strenger dan ${MIN_CLIENTS} (de afspraak van het project). ${NEXT_EXPORT}`,
  },
  {
    code: 'kosten_breedte',
    groep: 'publicatie',
    naam: 'Breedte van het interval om onderdrukte kosten',
    eenheid: '%',
    standaard: COST_WIDTH * 100,
    min: COST_WIDTH * 100,
    max: 100,
    geheel: false,
    alleenStrenger: true,
    uitleg: (v) =>
      `Onderdrukte kosten mogen uit de gepubliceerde cijfers niet nauwkeuriger terug te rekenen zijn dan tot een interval van ${number(v)} % van het bedrag. Alleen strenger dan ${number(COST_WIDTH * 100)} %. ${NEXT_EXPORT}`,
  },
  {
    code: 'kleine_wijk',
    groep: 'referentiegroepen',
    naam: 'Kleine wijk bij het vormen van referentiegroepen',
    eenheid: 'inwoners',
    standaard: SMALL_WIJK,
    min: 500,
    max: 10000,
    geheel: true,
    alleenStrenger: false,
    uitleg: (v) =>
      `Wijken en kernen met minder dan ${number(v)} inwoners vormen eigen groepen, op hun profiel en hun grootte: hun aandelen berusten op weinig mensen (en CBS rondt af op 5), zodat ze anders over de andere groepen verspreid raken. Geldt bij de volgende berekening van de referentiegroepen.`,
  },
];

type Meter = { naam: string; eenheid: string; min: number; max: number; geheel: boolean; richting: 'boven' | 'onder' | null };

/**
 * How each plausibility check's drempel is set on Instellingen (resources/plausibiliteit-drempels.csv):
 * its name, unit and range, and `richting`, whether a finding lies above or below it.
 */
function loadMeters(dir = defaultResourcesDir): Map<string, Meter> {
  return new Map(
    readResourceTable(dir, 'plausibiliteit-drempels.csv').map((r, i) => {
      const where = `resource plausibiliteit-drempels.csv: row ${i + 2}`;
      const [min, max] = [Number(r.min), Number(r.max)];
      if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) throw new Error(`${where}: min and max must be numbers, min ≤ max`);
      if (r.geheel !== 'ja' && r.geheel !== 'nee') throw new Error(`${where}: geheel is ja or nee`);
      const richting = r.richting ?? '';
      if (richting !== '' && richting !== 'boven' && richting !== 'onder') throw new Error(`${where}: richting is boven, onder or empty`);
      return [r.controle!, { naam: r.naam!, eenheid: r.eenheid!, min, max, geheel: r.geheel === 'ja', richting: richting === '' ? null : richting }] as const;
    }),
  );
}

let meters: Map<string, Meter> | null = null;
const meter = (controle: string) => (meters ??= loadMeters()).get(controle);

function plausibilityDefinition(rule: PlausibilityRule): Definition {
  const m = meter(rule.controle);
  // A rule with a drempel that plausibiliteit-drempels.csv does not know is a mistake in the table, not a setting to guess.
  if (!m) throw new Error(`resource plausibiliteit.csv: drempel of unknown controle ${rule.controle}`);
  const ernst = rule.ernst ?? 'grens';
  return {
    code: ruleCode(rule),
    groep: 'plausibiliteit',
    naam: rule.ernst === null ? m.naam : `${m.naam}: ${ernst}`,
    eenheid: m.eenheid,
    standaard: rule.drempel!,
    min: m.min,
    max: m.max,
    geheel: m.geheel,
    alleenStrenger: false,
    uitleg: (v) =>
      m.richting === null
        ? `Een verandering wordt pas beoordeeld als de vorige periode ten minste ${number(v)} cliënten had. Geldt bij de volgende terugkoppeling.`
        : `Een ${ernst} ${m.richting === 'boven' ? 'vanaf' : 'onder'} ${number(v)} ${m.eenheid}. Geldt bij de volgende terugkoppeling.`,
  };
}

function definitions(): Definition[] {
  return [...FIXED, ...loadPlausibilityRules().filter((r) => r.drempel !== null).map(plausibilityDefinition)];
}

function current(db: Db, d: Definition): CentralThreshold {
  const row = db.prepare('SELECT waarde, gewijzigd FROM analist_drempel WHERE code = ?').get(d.code) as { waarde: number; gewijzigd: string } | undefined;
  const waarde = row?.waarde ?? d.standaard;
  const { uitleg, ...rest } = d;
  return { ...rest, waarde, gewijzigd: row?.gewijzigd ?? null, uitleg: uitleg(waarde) };
}

/** Every threshold with its value in use (the stored one, else the default). */
export function readThresholds(db: Db): CentralThreshold[] {
  return definitions().map((d) => current(db, d));
}

/**
 * Sets one threshold (`null`: back to its default) in one transaction, with an audit entry
 * naming the old and the new value. A value equal to the default is stored as the default.
 */
export function setThreshold(db: Db, code: string, waarde: number | null, at = new Date()): CentralThreshold[] {
  const all = definitions();
  const d = all.find((t) => t.code === code);
  if (!d) throw new UserError('DREMPEL_ONBEKEND', `Onbekende drempel: ${code.slice(0, 80)}. Bekend zijn: ${all.map((t) => t.code).join(', ')}.`);
  if (waarde !== null) validate(db, d, waarde, all);
  const before = current(db, d).waarde;
  const next = waarde ?? d.standaard;
  db.transaction(() => {
    if (next === d.standaard) db.prepare('DELETE FROM analist_drempel WHERE code = ?').run(code);
    else db.prepare('INSERT INTO analist_drempel (code, waarde, gewijzigd) VALUES (?, ?, ?) ON CONFLICT (code) DO UPDATE SET waarde = excluded.waarde, gewijzigd = excluded.gewijzigd').run(code, next, at.toISOString());
    if (next !== before) recordAction(db, 'drempel gewijzigd', { drempel: code, van: before, naar: next, standaard: next === d.standaard }, at);
  })();
  return readThresholds(db);
}

function validate(db: Db, d: Definition, waarde: number, all: readonly Definition[]): void {
  const fail = (text: string) => {
    throw new UserError('DREMPEL_ONGELDIG', `${d.naam}: ${text}`);
  };
  if (!Number.isFinite(waarde)) fail('vul een getal in.');
  if (d.geheel && !Number.isInteger(waarde)) fail(`vul een geheel getal in, niet ${number(waarde)}.`);
  if (d.alleenStrenger && waarde < d.min) fail(`mag alleen strenger dan de afspraak van het project: ${number(d.min)} ${d.eenheid} of meer, niet ${number(waarde)}.`);
  if (waarde < d.min || waarde > d.max) fail(`kies een waarde van ${number(d.min)} tot en met ${number(d.max)} ${d.eenheid}, niet ${number(waarde)}.`);
  // A waarschuwing must come before the fout, or the fout would hide it (and the other way round).
  const [, controle, ernst] = d.code.split('.');
  const richting = d.groep === 'plausibiliteit' ? meter(controle!)!.richting : null;
  if (richting === null || (ernst !== 'waarschuwing' && ernst !== 'fout')) return;
  const other = all.find((t) => t.code === `plausibiliteit.${controle}.${ernst === 'fout' ? 'waarschuwing' : 'fout'}`);
  if (!other) return;
  const otherValue = current(db, other).waarde;
  // Above-checks (a rise of 50 % is a fout) put the fout higher; below-checks (vulgraad) lower.
  const higher = (ernst === 'fout') === (richting === 'boven');
  if (higher ? waarde <= otherValue : waarde >= otherValue) fail(`de drempel voor een ${ernst} moet ${higher ? 'hoger' : 'lager'} liggen dan die voor een ${ernst === 'fout' ? 'waarschuwing' : 'fout'} (${number(otherValue)} ${d.eenheid}), niet ${number(waarde)}.`);
}

/**
 * The publication rules as the analyst set them, for `discloseFigures`' `regels`: the minimum
 * number of clients per published cell, and the cost interval width as a fraction (0.1 = 10 %).
 */
export function disclosureRules(db: Db): Regels {
  return {
    minimumClienten: storedThreshold(db, 'minimum_clienten') ?? MIN_CLIENTS,
    kostenBreedte: (storedThreshold(db, 'kosten_breedte') ?? COST_WIDTH * 100) / 100,
  };
}
