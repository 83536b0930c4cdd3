import type { Db } from '../store/database.ts';
import type { BenchmarkFeature } from './benchmarkFeatures.ts';

/**
 * Per wijk of one CBS year its profile: the benchmark kenmerken computed from cbs_kenmerk, a
 * missing value imputed from its gemeente (else the land, else the mean of the wijken) and
 * flagged with where it came from, then standardised (z-scores over all wijken of the year, so a
 * wijk's position does not depend on which gemeenten take part).
 *
 * A kenmerk is left out as a whole when fewer than half of the wijken have it themselves: a
 * feature mostly made of imputed gemeente values would group wijken by gemeente, not by profile.
 * Wijken without inhabitants (industrial estates, water) get no profile.
 */
export type Herkomst = 'cbs' | 'gemeente' | 'land' | 'gemiddelde';

export type WijkProfile = {
  code: string;
  gemeente: string;
  naam: string;
  inwoners: number;
  /** In the order of WijkProfiles.kenmerken. */
  waarden: number[];
  herkomst: Herkomst[];
  z: number[];
};

export type WijkProfiles = {
  jaar: number;
  kenmerken: BenchmarkFeature[];
  /** The mean and standard deviation each z-score used, per kenmerk. */
  gemiddelde: number[];
  sd: number[];
  wijken: WijkProfile[];
  /** Kenmerken left out, with why, in Dutch. */
  weggelaten: string[];
  zonderInwoners: number;
};

export function latestKwbYear(db: Db): number | null {
  return (db.prepare("SELECT max(jaar) FROM cbs_kenmerk WHERE kenmerk = 'inwoners' AND code LIKE 'WK%'").pluck().get() as number | null) ?? null;
}

export function wijkProfiles(db: Db, jaar: number, features: readonly BenchmarkFeature[]): WijkProfiles {
  const values = new Map<string, Map<string, number>>();
  for (const r of db.prepare('SELECT code, kenmerk, waarde FROM cbs_kenmerk WHERE jaar = ?').iterate(jaar) as Iterable<{ code: string; kenmerk: string; waarde: number }>) {
    let m = values.get(r.code);
    if (!m) values.set(r.code, (m = new Map()));
    m.set(r.kenmerk, r.waarde);
  }
  const regions = db.prepare("SELECT code, soort, coalesce(naam, '') AS naam, coalesce(gemeente, '') AS gemeente FROM cbs_regio WHERE jaar = ? AND soort IN ('land', 'wijk') ORDER BY code").all(jaar) as {
    code: string;
    soort: string;
    naam: string;
    gemeente: string;
  }[];
  const land = regions.find((r) => r.soort === 'land')?.code ?? null;
  const compute = (code: string | null, f: BenchmarkFeature): number | null => {
    const m = code === null ? undefined : values.get(code);
    const teller = m?.get(f.teller);
    if (teller === undefined) return null;
    let v = teller;
    if (f.noemer !== null) {
      const noemer = m!.get(f.noemer);
      if (noemer === undefined || noemer <= 0) return null;
      v = teller / noemer;
    }
    if (f.schaal === 'log') return v > 0 ? Math.log(v) : null;
    return v;
  };
  const wijken = regions.filter((r) => r.soort === 'wijk');
  const inhabited = wijken.filter((w) => (values.get(w.code)?.get('inwoners') ?? 0) > 0);
  const used: BenchmarkFeature[] = [];
  const weggelaten: string[] = [];
  const own: (number | null)[][] = inhabited.map(() => []);
  for (const f of features) {
    const column = inhabited.map((w) => compute(w.code, f));
    const present = column.filter((v) => v !== null).length;
    if (present * 2 < inhabited.length) {
      weggelaten.push(`${f.omschrijving || f.kenmerk}: ${present === 0 ? 'niet' : `maar voor ${present} van de ${inhabited.length} wijken`} in de CBS Kerncijfers ${jaar}`);
      continue;
    }
    used.push(f);
    column.forEach((v, i) => own[i]!.push(v));
  }
  const means = used.map((_, f) => {
    const present = own.map((row) => row[f]).filter((v): v is number => v !== null);
    return present.reduce((s, v) => s + v, 0) / present.length;
  });
  const profiles: WijkProfile[] = inhabited.map((w, i) => {
    const waarden: number[] = [];
    const herkomst: Herkomst[] = [];
    used.forEach((f, fi) => {
      const mine = own[i]![fi]!;
      if (mine !== null) {
        waarden.push(mine);
        herkomst.push('cbs');
        return;
      }
      const fromGemeente = compute(w.gemeente === '' ? null : w.gemeente, f);
      if (fromGemeente !== null) {
        waarden.push(fromGemeente);
        herkomst.push('gemeente');
        return;
      }
      const fromLand = compute(land, f);
      waarden.push(fromLand ?? means[fi]!);
      herkomst.push(fromLand === null ? 'gemiddelde' : 'land');
    });
    return { code: w.code, gemeente: w.gemeente, naam: w.naam, inwoners: values.get(w.code)!.get('inwoners')!, waarden, herkomst, z: [] };
  });
  const gemiddelde = used.map((_, f) => profiles.reduce((s, p) => s + p.waarden[f]!, 0) / profiles.length);
  const sd = used.map((_, f) => Math.sqrt(profiles.reduce((s, p) => s + (p.waarden[f]! - gemiddelde[f]!) ** 2, 0) / profiles.length));
  // A kenmerk without spread cannot tell wijken apart; dividing by its zero sd would be NaN.
  const keep = used.map((f, i) => {
    if (sd[i]! > 0) return true;
    weggelaten.push(`${f.omschrijving || f.kenmerk}: gelijk voor alle wijken`);
    return false;
  });
  const pick = <T>(row: readonly T[]) => row.filter((_, i) => keep[i]);
  for (const p of profiles) {
    p.waarden = pick(p.waarden);
    p.herkomst = pick(p.herkomst);
  }
  const m = pick(gemiddelde);
  const s = pick(sd);
  for (const p of profiles) p.z = p.waarden.map((v, f) => (v - m[f]!) / s[f]!);
  return { jaar, kenmerken: pick(used), gemiddelde: m, sd: s, wijken: profiles, weggelaten, zonderInwoners: wijken.length - inhabited.length };
}
