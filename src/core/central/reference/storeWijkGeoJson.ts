import type { Db } from '../../store/database.ts';
import type { GeoJsonFile } from './wijkGeoJson.ts';

/** Runs inside the caller's transaction. */
export function storeWijkGeoJson(db: Db, importId: number, map: GeoJsonFile): void {
  const insert = db.prepare('INSERT INTO geo_gebied (import_id, jaar, code, naam, geometrie) VALUES (?, ?, ?, ?, ?)');
  for (const a of map.areas) insert.run(importId, map.jaar.jaar, a.code, a.naam, JSON.stringify(a.geometrie));
}
