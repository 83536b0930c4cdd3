import { statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DeliveryRecordSummary, PreflightItem } from '../../shared/api.ts';
import { defineHandler, noArgs } from '../api/registry.ts';
import { recordAction } from '../audit/auditLog.ts';
import { listAreas, listProducts } from '../classification/classificationStore.ts';
import { UserError } from '../errors.ts';
import { batchesFor, storedRecords } from '../import/storedBatches.ts';
import { createAreaLookup } from '../classification/areaTable.ts';
import { DELIVERY_FILES, LASTEN_FILE } from './deliveryManifest.ts';
import { listLasten } from '../lasten/lastenTable.ts';
import { DELIVERY_COLUMNS, deliveryRow } from './deliveryRecord.ts';
import { toDeliveryRecord } from './toDeliveryRecord.ts';
import { overlapsPeriode, parsePeriode } from '../period/periode.ts';
import { keyStatus, withStoredKey } from '../pseudonym/keyVault.ts';
import { acknowledgement } from '../quality/acknowledgement.ts';
import { createPseudonymiser } from '../pseudonym/wm1.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { getSettings } from '../settings/settings.ts';
import type { Db } from '../store/database.ts';
import { assertStoreWritable, keyChangeWarning, placeAndRecordDelivery, recordDelivery } from './deliveryHistory.ts';
import { deliverFromStore } from './deliverFromStore.ts';
import { areaCheck, deliveredBefore } from './preflightChecks.ts';
import { deliveryFileName } from './writeDelivery.ts';

const ref = loadReferenceTables();
const periode = z.string().min(4).max(10);

function preflight(db: Db, code: string): PreflightItem[] {
  const p = parsePeriode(code);
  const settings = getSettings(db);
  const key = keyStatus(db);
  const batches = batchesFor(db, p);
  const known = new Set(listProducts(db).map((x) => x.productcode));
  const unmapped = batches.length === 0 ? [] : (db
    .prepare(`SELECT DISTINCT productcode FROM voorziening WHERE batch_id IN (${batches.map(() => '?').join(', ')})`)
    .pluck()
    .all(...batches.map((b) => b.id)) as string[]).filter((c) => !known.has(c));
  return [
    { id: 'gemeente', ok: settings.gemeenteCode !== null, tekst: settings.gemeenteCode ? `Gemeente ${settings.gemeenteNaam} (${settings.gemeenteCode})` : 'Stel de gemeente in', scherm: 'instellingen' },
    { id: 'sleutel', ok: key.vingerafdruk !== null, tekst: key.vingerafdruk ? `Sleutel ${key.vingerafdruk}` : 'Maak een sleutel aan of zet de back-up terug', scherm: 'sleutel' },
    { id: 'backup', ok: key.backupBevestigd !== null, tekst: key.backupBevestigd ? 'Back-up van de sleutel gecontroleerd' : 'Maak en controleer een back-up van de sleutel', scherm: 'sleutel' },
    { id: 'import', ok: batches.length > 0, tekst: batches.length > 0 ? `Ingelezen: ${batches.map((b) => b.bestand).join(', ')}` : `Lees de export(s) van ${p.code} in`, scherm: 'importeren' },
    {
      id: 'kwaliteit',
      ok: batches.length > 0 && acknowledgement(db, p) !== null,
      tekst: acknowledgement(db, p) ? 'Bevindingen over de datakwaliteit gezien en akkoord' : 'Bekijk de datakwaliteit en geef akkoord',
      scherm: 'kwaliteit',
    },
    { id: 'producten', ok: batches.length > 0 && unmapped.length === 0, tekst: unmapped.length === 0 ? 'Alle producten zijn ingedeeld' : `${unmapped.length} producten niet ingedeeld: ${unmapped.slice(0, 8).join(', ')}`, scherm: 'producten' },
    areaCheck(db, batches),
    ...[deliveredBefore(db, p)].filter((item): item is PreflightItem => item !== null),
  ];
}

const PREVIEW_ROWS = 50;

function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

export const deliveryHandlers = [
  defineHandler('delivery.preview', z.object({ periode }).strict(), async ({ periode: code }, { db }) => {
    const p = parsePeriode(code);
    const settings = getSettings(db);
    const key = keyStatus(db);
    const products = new Map(listProducts(db).map((x) => [x.productcode, x]));
    const area = createAreaLookup(listAreas(db));
    const rijen: (string | number)[][] = [];
    let totaal = 0;
    const batches = batchesFor(db, p);
    const herkomst = { gelezen: 0, uitgesloten: 0, buitenPeriode: 0, samengevoegd: 0, nietIngedeeld: 0 };
    for (const b of batches) herkomst.gelezen += b.rijen_gelezen;
    herkomst.uitgesloten = batches.length === 0 ? 0 : (db.prepare(`SELECT coalesce(sum(rijen_uitgesloten), 0) FROM import_batch WHERE id IN (${batches.map(() => '?').join(', ')})`).pluck().get(...batches.map((b) => b.id)) as number);
    let merged = 0;
    // The same derivation as the writer (toDeliveryRecord, deliveryRow), so the preview is what leaves.
    for await (const records of storedRecords(db, batches.map((b) => b.id))) {
      for (const record of records) {
        merged++;
        const product = products.get(record.productcode);
        if (!product) herkomst.nietIngedeeld++;
        else if (!overlapsPeriode(record.begindatum, record.einddatum, p)) herkomst.buitenPeriode++;
        if (!product || !overlapsPeriode(record.begindatum, record.einddatum, p)) continue;
        totaal++;
        if (rijen.length < PREVIEW_ROWS) rijen.push(deliveryRow(toDeliveryRecord(record, product, area(record.pc4, record.pc6), p)));
      }
    }
    // The same voorziening in two exports of the period (two quarters of a half year, a corrected export) is one row.
    herkomst.samengevoegd = herkomst.gelezen - herkomst.uitgesloten - merged;
    return {
      kolommen: [...DELIVERY_COLUMNS],
      rijen,
      totaal,
      herkomst,
      manifest: {
        gemeentecode: settings.gemeenteCode ?? '',
        gemeentenaam: settings.gemeenteNaam ?? '',
        periode: p.code,
        periode_begin: p.begin,
        periode_eind: p.eind,
        sleutel: key.vingerafdruk ?? '',
        // Levering v2 when the period has lasten: the writer (deliverFromStore) reads the same table.
        bestanden: ['levering.json', ...DELIVERY_FILES, ...(listLasten(db, p.code).length > 0 ? [LASTEN_FILE] : [])],
      },
    };
  }),

  defineHandler('delivery.preflight', z.object({ periode }).strict(), ({ periode }, { db }) => preflight(db, periode)),

  defineHandler('delivery.history', noArgs, (_args, { db }) =>
    db.prepare('SELECT id, periode, bestand, aangemaakt, rijen, sha256, sleutel FROM levering ORDER BY id DESC').all() as DeliveryRecordSummary[],
  ),

  // By the history's id, never a path from the page: the page can only point at files the app wrote.
  defineHandler('delivery.showInFolder', z.object({ id: z.number().int().positive() }).strict(), async ({ id }, { db, desktop }) => {
    const levering = db.prepare('SELECT bestand, pad FROM levering WHERE id = ?').get(id) as { bestand: string; pad: string | null } | undefined;
    if (!levering) throw new UserError('LEVERING_ONBEKEND', 'Deze levering staat niet in de geschiedenis.');
    if (levering.pad === null) {
      throw new UserError('MAP_ONBEKEND', `Van ${levering.bestand} is niet bewaard in welke map het staat: het is gemaakt met een eerdere versie van Wijkmonitor.`);
    }
    if (!isFile(levering.pad)) {
      throw new UserError('LEVERING_NIET_GEVONDEN', `${levering.bestand} staat niet meer in ${path.dirname(levering.pad)}. Het bestand is verplaatst, hernoemd of verwijderd.`);
    }
    if (!desktop) throw new UserError('GEEN_VENSTER', 'Een map openen kan alleen in het venster van Wijkmonitor.');
    await desktop.showInFolder(levering.pad);
  }),

  defineHandler('delivery.write', z.object({ periode, jobId: z.string().min(1).max(100) }).strict(), async ({ periode: code }, { db, dialogs, secrets, appVersion, signal, progress }) => {
    const open = preflight(db, code).filter((item) => !item.ok);
    if (open.length > 0) throw new UserError('NIET_KLAAR', `Nog niet klaar om te leveren: ${open.map((i) => i.tekst).join('; ')}.`);
    const p = parsePeriode(code);
    const settings = getSettings(db);
    const file = await dialogs.save({
      title: 'Levering opslaan',
      defaultName: deliveryFileName(settings.gemeenteCode!, p),
      filters: [{ name: 'Levering (zip)', extensions: ['zip'] }],
    });
    if (file === null) return { saved: false as const };
    assertStoreWritable(db);
    // The key is zeroed once the pseudonymiser has it, and the pseudonymiser wiped when the delivery ends.
    const pseudonymiser = await withStoredKey(db, secrets, async (key) => createPseudonymiser(key));
    const warning = keyChangeWarning(db, settings.gemeenteCode!, pseudonymiser.fingerprint);
    const result = await deliverFromStore(db, {
      periode: p,
      pseudonymiser,
      gemeente: { code: settings.gemeenteCode!, naam: settings.gemeenteNaam ?? settings.gemeenteCode! },
      out: file,
      appVersion,
      now: new Date(),
      ref,
      signal,
      onProgress: (done) => progress({ phase: 'schrijven', done, total: null }),
      commit: (manifest, rename) => {
        const v = manifest.bestanden['voorzieningen.csv'];
        const record = () => {
          recordDelivery(db, { periode: p.code, gemeentecode: settings.gemeenteCode!, bestand: path.basename(file), aangemaakt: manifest.aangemaakt, rijen: v.rijen, sha256: v.sha256, sleutel: pseudonymiser.fingerprint, pad: path.resolve(file) });
          recordAction(db, 'levering geschreven', { periode: p.code, bestand: path.basename(file), rijen: v.rijen, sleutel: pseudonymiser.fingerprint, ...(warning ? { sleutelGewijzigd: true } : {}) });
        };
        placeAndRecordDelivery(db, record, rename, file);
      },
    }).finally(() => pseudonymiser.wipe());
    const voorzieningen = result.manifest.bestanden['voorzieningen.csv'];
    return { saved: true as const, path: file, rijen: voorzieningen.rijen };
  }),
];
