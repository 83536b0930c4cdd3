import { storedThreshold } from '../central/settings/storedThreshold.ts';
import { UserError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import { loadBenchmarkFeatures, type BenchmarkFeature } from './benchmarkFeatures.ts';
import { clusterSteps } from './chooseClusters.ts';
import { runSteps, runStepsAsync, type Step } from './steps.ts';
import { describeCentre } from './groupDescription.ts';
import { squaredDistance } from './kMeans.ts';
import { nearestPeers, type Peer } from './nearestPeers.ts';
import { latestKwbYear, wijkProfiles, type WijkProfile, type WijkProfiles } from './wijkProfiles.ts';

/**
 * Reference groups of comparable wijken over every wijk of one CBS year (the whole country, so a
 * group does not shift when a gemeente joins):
 *  - wijken of at least 2,500 inhabitants (the default; the analyst sets it on Instellingen): Ward on the z-scores, refined by k-means from the Ward
 *    centres, k from 6 to 12 by the highest mean silhouette unless the analyst fixes it;
 *  - wijken and kernen below 2,500 inhabitants form size groups of their own (their shares rest
 *    on few people and CBS rounds to 5, so they would scatter over the others): the same method on
 *    their profile plus the standardised log of their size, k from 2 to 4.
 * Groups are numbered RG01… large ones first, within each by number of wijken (most first),
 * then by lowest wijk code: the same catalogue gives the same file.
 */
export const SMALL_WIJK = 2500;
export const GROUP_RANGE = { min: 6, max: 12 } as const;
export const SMALL_GROUP_RANGE = { min: 2, max: 4 } as const;
export const PEER_COUNT = 10;

export type ReferenceGroup = {
  code: string;
  naam: string;
  klein: boolean;
  wijken: number;
  inwoners: number;
  /** Mean of the members' kenmerken (original units, imputed values included), per kenmerk. */
  profiel: number[];
  /** The centre in z-scores, on which the description rests. */
  centrum: number[];
};

export type GroupedWijk = WijkProfile & { groep: string; afstand: number; buren: Peer[] };

export type ReferenceGroups = {
  jaar: number;
  /** The inhabitants from which a wijk is among the large ones (the setting, else SMALL_WIJK). */
  kleineWijk: number;
  kenmerken: BenchmarkFeature[];
  groepen: ReferenceGroup[];
  wijken: GroupedWijk[];
  /** Silhouette per candidate k, for the large and for the small wijken; what was chosen and how. */
  keuze: { groot: { k: number; gekozen: string; silhouettes: { k: number; silhouette: number }[] }; klein: { k: number; gekozen: string; silhouettes: { k: number; silhouette: number }[] } | null };
  weggelaten: string[];
  zonderInwoners: number;
  geimputeerd: number;
};

type GroupOptions = { jaar?: number; groepen?: number; features?: BenchmarkFeature[]; kleineWijk?: number };

export function referenceGroups(db: Db, options: GroupOptions = {}): ReferenceGroups {
  return runSteps(referenceGroupSteps(db, options));
}

/** The same as a job: progress per clustering step, and a cancel seen between steps. */
export function referenceGroupsJob(db: Db, options: GroupOptions, job: { onStep: (step: Step) => void; signal: AbortSignal }): Promise<ReferenceGroups> {
  return runStepsAsync(referenceGroupSteps(db, options), { ...job, cancelled: () => new UserError('GEANNULEERD', 'Het berekenen van de referentiegroepen is geannuleerd; er is niets opgeslagen.') });
}

function* referenceGroupSteps(db: Db, options: GroupOptions): Generator<Step, ReferenceGroups> {
  const kleineWijk = options.kleineWijk ?? storedThreshold(db, 'kleine_wijk') ?? SMALL_WIJK;
  const jaar = options.jaar ?? latestKwbYear(db);
  if (jaar === null) throw new UserError('CBS_ONTBREEKT', 'Er zijn geen CBS Kerncijfers wijken en buurten ingelezen. Lees ze eerst in met "wijkmonitor central reference".');
  if (options.groepen !== undefined && (options.groepen < GROUP_RANGE.min || options.groepen > GROUP_RANGE.max)) {
    throw new UserError('GROEPEN_ONGELDIG', `Het aantal referentiegroepen moet tussen ${GROUP_RANGE.min} en ${GROUP_RANGE.max} liggen, niet ${options.groepen}.`);
  }
  const profiles = wijkProfiles(db, jaar, options.features ?? loadBenchmarkFeatures());
  if (profiles.wijken.length === 0) throw new UserError('CBS_ONTBREEKT', `De CBS Kerncijfers ${jaar} bevatten geen wijken met inwoners.`);
  if (profiles.kenmerken.length === 0) throw new UserError('CBS_ONTBREEKT', `De CBS Kerncijfers ${jaar} hebben geen bruikbare kenmerken voor referentiegroepen (${profiles.weggelaten.join('; ')}).`);
  const large = profiles.wijken.filter((w) => w.inwoners >= kleineWijk);
  const small = profiles.wijken.filter((w) => w.inwoners < kleineWijk);
  if (large.length < GROUP_RANGE.max) throw new UserError('TE_WEINIG_WIJKEN', `Er zijn maar ${large.length} wijken met ${kleineWijk.toLocaleString('nl-NL')} of meer inwoners in de CBS Kerncijfers ${jaar}; referentiegroepen vragen het hele land.`);

  const groot = yield* clusterSteps(large.map((w) => w.z), { ...GROUP_RANGE, ...(options.groepen === undefined ? {} : { k: options.groepen }) }, 'grote wijken');
  const kleinPoints = sizeAugmented(small);
  const klein = small.length >= SMALL_GROUP_RANGE.max ? yield* clusterSteps(kleinPoints, SMALL_GROUP_RANGE, 'kleine wijken') : null;

  const position = new Map(profiles.wijken.map((w, i) => [w, i]));
  type Draft = { klein: boolean; members: number[]; sizeOrder: number; firstCode: string };
  const drafts: Draft[] = [];
  const collect = (labels: readonly number[], k: number, members: readonly WijkProfile[], isSmall: boolean) => {
    for (let c = 0; c < k; c++) {
      const idx = labels.flatMap((l, i) => (l === c ? [i] : []));
      if (idx.length === 0) continue;
      drafts.push({ klein: isSmall, members: idx.map((i) => position.get(members[i]!)!), sizeOrder: idx.length, firstCode: members[idx[0]!]!.code });
    }
  };
  collect(groot.labels, groot.k, large, false);
  if (klein) collect(klein.labels, klein.k, small, true);
  else if (small.length > 0) drafts.push({ klein: true, members: small.map((w) => position.get(w)!), sizeOrder: small.length, firstCode: small[0]!.code });
  drafts.sort((a, b) => Number(a.klein) - Number(b.klein) || b.sizeOrder - a.sizeOrder || (a.firstCode < b.firstCode ? -1 : 1));

  const groupOf = new Array<number>(profiles.wijken.length);
  const groepen: ReferenceGroup[] = drafts.map((d, g) => {
    const code = `RG${String(g + 1).padStart(2, '0')}`;
    for (const m of d.members) groupOf[m] = g;
    const mean = (pick: (w: WijkProfile) => number[]) => profiles.kenmerken.map((_, f) => d.members.reduce((s, m) => s + pick(profiles.wijken[m]!)[f]!, 0) / d.members.length);
    const centrum = mean((w) => w.z);
    const beschrijving = describeCentre(centrum, profiles.kenmerken);
    return {
      code,
      naam: d.klein ? `kleine kernen (< ${kleineWijk.toLocaleString('nl-NL')} inwoners): ${beschrijving}` : beschrijving,
      klein: d.klein,
      wijken: d.members.length,
      inwoners: d.members.reduce((s, m) => s + profiles.wijken[m]!.inwoners, 0),
      profiel: mean((w) => w.waarden),
      centrum,
    };
  });
  const points = profiles.wijken.map((w) => w.z);
  yield { phase: 'de 10 meest gelijkende wijken per wijk', done: 0, total: 1 };
  const peers = nearestPeers(points, profiles.wijken.map((w) => w.gemeente), PEER_COUNT);
  const wijken: GroupedWijk[] = profiles.wijken.map((w, i) => ({
    ...w,
    groep: groepen[groupOf[i]!]!.code,
    afstand: Math.sqrt(squaredDistance(w.z, groepen[groupOf[i]!]!.centrum)),
    buren: peers[i]!,
  }));
  const summary = (c: { k: number; gekozen: string; silhouettes: { k: number; silhouette: number }[] }) => ({ k: c.k, gekozen: c.gekozen, silhouettes: c.silhouettes });
  return {
    jaar,
    kleineWijk,
    kenmerken: profiles.kenmerken,
    groepen,
    wijken,
    keuze: { groot: summary(groot), klein: klein ? summary(klein) : null },
    weggelaten: profiles.weggelaten,
    zonderInwoners: profiles.zonderInwoners,
    geimputeerd: profiles.wijken.filter((w) => w.herkomst.some((h) => h !== 'cbs')).length,
  };
}

/** The small wijken's z-scores plus the z-score of log(inhabitants) among them: "by size and profile". */
function sizeAugmented(small: readonly WijkProfiles['wijken'][number][]): number[][] {
  if (small.length === 0) return [];
  const logs = small.map((w) => Math.log(w.inwoners));
  const mean = logs.reduce((s, v) => s + v, 0) / logs.length;
  const sd = Math.sqrt(logs.reduce((s, v) => s + (v - mean) ** 2, 0) / logs.length) || 1;
  return small.map((w, i) => [...w.z, (logs[i]! - mean) / sd]);
}
