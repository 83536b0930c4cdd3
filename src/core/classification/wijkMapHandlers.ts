import path from 'node:path';
import { z } from 'zod';
import { defineHandler, noArgs } from '../api/registry.ts';
import { recordAction } from '../audit/auditLog.ts';
import { storedMap } from '../benchmark/screenHandlers.ts';
import { loadReferenceResources } from '../central/reference/referenceResources.ts';
import { readWijkGeoJson } from '../central/reference/wijkGeoJson.ts';

const yearMessage = 'Het jaar moet tussen 1990 en 2100 liggen.';

/**
 * The gemeente edition's wijk map: the GeoJSON of wijken the analyst uses (CBS wijk codes, RD New
 * or WGS84), read by the same reader, kept in the gemeente's own store for the Overzicht.
 */
export const wijkMapHandlers = [
  defineHandler('areas.mapImport', z.object({ jaar: z.number().int().min(1990, yearMessage).max(2100, yearMessage).optional() }).strict(), async ({ jaar }, { db, dialogs }) => {
    const [file] = await dialogs.open({ title: 'Wijkkaart (GeoJSON) kiezen', multiple: false, filters: [{ name: 'GeoJSON', extensions: ['geojson', 'json'] }] });
    if (!file) return null;
    const map = await readWijkGeoJson(file, loadReferenceResources(), jaar === undefined ? {} : { jaar });
    db.transaction(() => {
      db.prepare('DELETE FROM wijkkaart').run();
      const insert = db.prepare('INSERT INTO wijkkaart (code, jaar, naam, geometrie) VALUES (?, ?, ?, ?)');
      for (const a of map.areas) insert.run(a.code, map.jaar.jaar, a.naam, JSON.stringify(a.geometrie));
      recordAction(db, 'wijkkaart ingelezen', { bestand: path.basename(file), jaar: map.jaar.jaar, wijken: map.areas.length, crs: map.crs });
    })();
    return storedMap(db, 'wijkkaart');
  }),
  defineHandler('areas.map', noArgs, (_args, { db }) => storedMap(db, 'wijkkaart')),
];
