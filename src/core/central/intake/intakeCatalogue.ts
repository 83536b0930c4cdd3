import { recordAction } from '../../audit/auditLog.ts';
import type { DeliveryManifest } from '../../delivery/deliveryManifest.ts';
import type { DeliveryLast } from '../../lasten/deliveryLasten.ts';
import type { Db } from '../../store/database.ts';
import type { QualityLine } from './deliveryToParquet.ts';

export type AcceptedRow = { id: number; versie: number; gemeente: string; periode: string };

/** The accepted delivery with exactly these bytes, if any (a refused one may come again). */
export function acceptedBySha(db: Db, sha256: string): AcceptedRow | undefined {
  return db.prepare("SELECT id, versie, gemeente, periode FROM levering WHERE sha256 = ? AND status <> 'geweigerd'").get(sha256) as AcceptedRow | undefined;
}

export type Accepted =
  | { kind: 'al aanwezig'; row: AcceptedRow }
  | { kind: 'nieuw' | 'vervangt'; id: number; versie: number; vervangen: number | null; sleutelGewijzigd: boolean };

/**
 * Catalogues an accepted delivery whose records file is already in place, in one transaction:
 * the earlier version of the same gemeente and periode becomes `vervangen` (kept, never counted),
 * and the key fingerprint is compared with the gemeente's previous accepted delivery.
 */
export function catalogueAccepted(
  db: Db,
  input: { bestand: string; sha256: string; manifest: DeliveryManifest; parquet: string; rijen: number; kwaliteitRegels: QualityLine[]; ontvangen: string; lasten?: readonly DeliveryLast[] },
): Accepted {
  const { manifest: m } = input;
  return db.transaction((): Accepted => {
    // Another process may have taken the same file meanwhile; its row already covers this file.
    const same = acceptedBySha(db, input.sha256);
    if (same) return { kind: 'al aanwezig', row: same };
    db.prepare('INSERT INTO gemeente (code, naam) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET naam = excluded.naam').run(m.gemeentecode, m.gemeentenaam);
    const previousKey = db
      .prepare("SELECT sleutel FROM levering WHERE gemeente = ? AND status <> 'geweigerd' ORDER BY id DESC LIMIT 1")
      .pluck()
      .get(m.gemeentecode) as string | undefined;
    const current = db.prepare("SELECT id, versie FROM levering WHERE gemeente = ? AND periode = ? AND status = 'actueel'").get(m.gemeentecode, m.periode) as
      | { id: number; versie: number }
      | undefined;
    const lastVersion = db.prepare("SELECT max(versie) FROM levering WHERE gemeente = ? AND periode = ? AND status <> 'geweigerd'").pluck().get(m.gemeentecode, m.periode) as number | null;
    const versie = (lastVersion ?? 0) + 1;
    if (current) db.prepare("UPDATE levering SET status = 'vervangen' WHERE id = ?").run(current.id);
    const sleutelGewijzigd = previousKey !== undefined && previousKey !== m.sleutel;
    const id = Number(
      db
        .prepare(
          `INSERT INTO levering (bestand, sha256, gemeente, periode, periode_begin, periode_eind, versie, rijen, sleutel, app_versie, aangemaakt, ontvangen, status, sleutel_gewijzigd, parquet, kwaliteit, kwaliteit_regels)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'actueel', ?, ?, ?, ?)`,
        )
        .run(
          input.bestand, input.sha256, m.gemeentecode, m.periode, m.periode_begin, m.periode_eind, versie, input.rijen, m.sleutel, m.app_versie, m.aangemaakt, input.ontvangen,
          sleutelGewijzigd ? 1 : 0, input.parquet, JSON.stringify(m.kwaliteit), JSON.stringify(input.kwaliteitRegels),
        ).lastInsertRowid,
    );
    const last = db.prepare('INSERT INTO levering_lasten (levering_id, productcode, aanbieder, kosten) VALUES (?, ?, ?, ?)');
    for (const l of input.lasten ?? []) last.run(id, l.productcode, l.aanbieder, l.kosten);
    recordAction(db, 'levering ontvangen', {
      bestand: input.bestand,
      gemeente: m.gemeentecode,
      periode: m.periode,
      versie,
      rijen: input.rijen,
      sleutel: m.sleutel,
      ...(current ? { vervangt: current.versie } : {}),
      ...(sleutelGewijzigd ? { sleutelGewijzigd: true } : {}),
    });
    return { kind: current ? 'vervangt' : 'nieuw', id, versie, vervangen: current?.versie ?? null, sleutelGewijzigd };
  })();
}

/** A refused file: a row with the reason, no records. Gemeente and periode only when its manifest was valid. */
export function catalogueRefused(db: Db, input: { bestand: string; sha256: string; manifest: DeliveryManifest | null; reden: string; ontvangen: string }): number {
  const m = input.manifest;
  return db.transaction(() => {
    if (m) db.prepare('INSERT INTO gemeente (code, naam) VALUES (?, ?) ON CONFLICT (code) DO NOTHING').run(m.gemeentecode, m.gemeentenaam);
    const id = Number(
      db
        .prepare(
          `INSERT INTO levering (bestand, sha256, gemeente, periode, periode_begin, periode_eind, sleutel, app_versie, aangemaakt, ontvangen, status, reden, kwaliteit)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'geweigerd', ?, ?)`,
        )
        .run(input.bestand, input.sha256, m?.gemeentecode ?? null, m?.periode ?? null, m?.periode_begin ?? null, m?.periode_eind ?? null, m?.sleutel ?? null, m?.app_versie ?? null, m?.aangemaakt ?? null, input.ontvangen, input.reden, JSON.stringify(m?.kwaliteit ?? {}))
        .lastInsertRowid,
    );
    recordAction(db, 'levering geweigerd', { bestand: input.bestand, ...(m ? { gemeente: m.gemeentecode, periode: m.periode } : {}), reden: input.reden });
    return id;
  })();
}
