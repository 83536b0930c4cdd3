import type { Edition, Settings } from '../../shared/api.ts';
import type { Db } from '../store/database.ts';

type Key = 'edition' | 'gemeente_code' | 'gemeente_naam' | 'organisatie_naam';

export function getSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: Key; value: string }[];
  const map = new Map(rows.map((r) => [r.key, r.value]));
  const edition = map.get('edition');
  return {
    edition: edition === 'gemeente' || edition === 'analist' ? edition : null,
    gemeenteCode: map.get('gemeente_code') ?? null,
    gemeenteNaam: map.get('gemeente_naam') ?? null,
    organisatieNaam: map.get('organisatie_naam') ?? null,
  };
}

export function setEdition(db: Db, edition: Edition): void {
  put(db, 'edition', edition);
}

/** The code is validated at the boundary (`GM` + 4 digits); stored upper-case as CBS writes it. */
export function setGemeente(db: Db, code: string, naam: string): void {
  db.transaction(() => {
    put(db, 'gemeente_code', code.toUpperCase());
    put(db, 'gemeente_naam', naam.trim());
  })();
}

/** The analyst edition's central organisation (the party that merges the deliveries). */
export function setOrganisatie(db: Db, naam: string): void {
  put(db, 'organisatie_naam', naam.trim());
}

function put(db: Db, key: Key, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
