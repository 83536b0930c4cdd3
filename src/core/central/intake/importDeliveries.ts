import type { DuckDBConnection } from '@duckdb/node-api';
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CentralImportLine } from '../../../shared/api.ts';
import type { DeliveryManifest } from '../../delivery/deliveryManifest.ts';
import { verifyDelivery } from '../../delivery/verifyDelivery.ts';
import { UserError } from '../../errors.ts';
import { writeAllSync } from '../../files/writeErrors.ts';
import { parsePeriode } from '../../period/periode.ts';
import { recordsPath, type CentralStore } from '../store/centralStore.ts';
import { withScopedDuckDb } from '../store/scopedDuckDb.ts';
import { deliveryToParquet, intakeTempDir } from './deliveryToParquet.ts';
import { acceptedBySha, catalogueAccepted, catalogueRefused } from './intakeCatalogue.ts';
import { Refusal } from './refusal.ts';

export type IntakeOptions = {
  signal: AbortSignal;
  progress?: (event: { phase: string; done: number; total: number | null }) => void;
  now?: () => Date;
  /** DuckDB's budget for one import; it spills to the data folder beyond it. */
  memoryLimit?: string;
};

/**
 * Takes in deliveries one by one: each is verified exactly as `wijkmonitor verify` does, then its
 * records become one Parquet file and one catalogue row. A refused file gets a `geweigerd` row
 * and the others still go in. A cancel or failure stops at the current file and leaves neither a
 * row nor a records file for it; files taken in before it stay.
 */
export async function importDeliveries(store: CentralStore, files: readonly string[], options: IntakeOptions): Promise<CentralImportLine[]> {
  for (const file of files) {
    if (!(statSync(file, { throwIfNoEntry: false })?.isFile() ?? false)) {
      throw new UserError('BESTAND_NIET_GEVONDEN', `${path.basename(file)} bestaat niet of is geen bestand; er is niets ingelezen.`, { file: path.basename(file) });
    }
  }
  const now = options.now ?? (() => new Date());
  removeStaleTempDirs(intakeTempDir(store.dataDir));
  // A folder per run: the app and the CLI may import into the same data folder at once.
  const tempDir = path.join(intakeTempDir(store.dataDir), randomUUID());
  mkdirSync(tempDir, { recursive: true });
  try {
    // One DuckDB thread: the checks of the next file run on the JS thread meanwhile, so the two
    // cores are both busy, and a second DuckDB thread mostly waited (its fixed cost per COPY was
    // a third of the COPY of a small delivery).
    return await withScopedDuckDb(store.dataDir, { memoryLimit: options.memoryLimit ?? '1GB', threads: 1 }, async (connection) => {
      // Row order inside a records file carries no meaning; not keeping it lets COPY stream.
      await connection.run('SET preserve_insertion_order = false');
      const lines: CentralImportLine[] = [];
      // The checks read the next file while DuckDB writes the current one's Parquet (on its own
      // threads, the JS thread waits meanwhile). They only read: everything that writes — the
      // catalogue, a refusal, a records file — still happens file by file, in order.
      let next = files.length > 0 ? prefetch(files[0]!, tempDir, options.signal) : null;
      for (const [index, file] of files.entries()) {
        const bestand = path.basename(file);
        const report = (phase: string) => options.progress?.({ phase: `${bestand}: ${phase}`, done: index, total: files.length });
        const checked = next!;
        next = index + 1 < files.length ? prefetch(files[index + 1]!, tempDir, options.signal) : null;
        try {
          options.signal.throwIfAborted();
          const verified = await checked;
          try {
            lines.push(await importOne(store, file, bestand, verified, { ...options, report, now, connection, tempDir }));
          } finally {
            rmSync(verified.csv, { force: true });
          }
        } catch (error) {
          if (!options.signal.aborted) throw error;
          const before = lines.length === 0 ? '' : ` De ${lines.length} bestanden ervoor zijn wel verwerkt.`;
          throw new UserError('GEANNULEERD', `Inlezen geannuleerd bij ${bestand}: daarvan is niets opgeslagen.${before}`, { file: bestand });
        }
      }
      options.progress?.({ phase: 'klaar', done: files.length, total: files.length });
      return lines;
    });
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

/**
 * `csv`: the copy of voorzieningen.csv made while it was verified (removed by the caller).
 * `fromBytes`: the check was decided from the bytes alone (verifyDelivery's `plain` reader),
 * which decides only that all is well: any refusal is then decided by the field-by-field check.
 */
type Checked = { sha256: string; check: Awaited<ReturnType<typeof verifyDelivery>>; csv: string; fromBytes: boolean };

/**
 * Checksum and verification of one file, started ahead; a failure is rethrown where it is awaited.
 * The bytes of voorzieningen.csv are copied as verify reads and checksums them, so the zip is
 * inflated once and the copy DuckDB converts is exactly what was verified.
 */
function prefetch(file: string, tempDir: string, signal: AbortSignal): Promise<Checked> {
  const csv = path.join(tempDir, `${randomUUID()}.csv`);
  const checked = (async () => {
    const sha256 = await fileSha256(file, signal);
    // As the app writes a delivery, its CSV is plain (plainCsvScan.ts): then verify needs its
    // bytes only (row count, header, the look for a BSN over the raw text, never narrower than
    // the scan per field). On any doubt or problem it is read again field by field, exactly as
    // before, so what it says of a refused file is what it always said.
    const fromBytes = await verifiedCopy(file, csv, true);
    if (fromBytes.ok) return { sha256, check: fromBytes, csv, fromBytes: true };
    return { sha256, check: await verifiedCopy(file, csv, false), csv, fromBytes: false };
  })();
  checked.catch(() => rmSync(csv, { force: true }));
  return checked;
}

/**
 * verifyDelivery with a reader that writes the copy (afresh). A reader makes verify stop at the
 * first problems it finds before the CSVs; a file refused field by field is verified once more
 * without one, so its reason lists every problem `wijkmonitor verify` lists. `plain`: from the
 * bytes alone, as is (not ok also when undecided).
 */
async function verifiedCopy(file: string, csv: string, plain: boolean): Promise<Checked['check']> {
  rmSync(csv, { force: true });
  const copy = openSync(csv, 'wx', 0o600);
  // A full disk while copying is that, not a damaged delivery: kept aside and thrown as itself.
  let copyError: unknown = null;
  let check;
  try {
    check = await verifyDelivery(file, {
      start: () => undefined,
      row: () => undefined,
      bytes: (chunk) => {
        if (copyError !== null) return;
        try {
          writeAllSync(copy, chunk);
        } catch (error) {
          copyError = error;
        }
      },
      ...(plain ? { plain: true as const } : {}),
    });
  } finally {
    closeSync(copy);
  }
  if (copyError !== null) throw copyError;
  return check.ok || plain ? check : verifyDelivery(file);
}

/**
 * Whether a file checked from its bytes alone is refused field by field (a row with another
 * number of fields, which the bytes leave to DuckDB): then that is its reason, as it always was,
 * and it comes before any later step's reason.
 */
async function refusedFieldByField({ check, fromBytes }: Checked, file: string): Promise<Checked['check'] | null> {
  if (!fromBytes || !check.ok) return null;
  const full = await verifyDelivery(file);
  return full.ok ? null : full;
}

async function importOne(
  store: CentralStore,
  file: string,
  bestand: string,
  checked: Checked,
  options: IntakeOptions & { report: (phase: string) => void; now: () => Date; connection: DuckDBConnection; tempDir: string },
): Promise<CentralImportLine> {
  const { sha256, check, csv } = checked;
  options.report('controleren');
  const present = acceptedBySha(store.db, sha256);
  if (present) return { bestand, uitkomst: 'al aanwezig', gemeente: present.gemeente, periode: present.periode, versie: present.versie };

  const refuseAs = (manifest: DeliveryManifest | null, reden: string): CentralImportLine => {
    catalogueRefused(store.db, { bestand, sha256, manifest, reden, ontvangen: options.now().toISOString() });
    return { bestand, uitkomst: 'geweigerd', reden, gemeente: manifest?.gemeentecode ?? null, periode: manifest?.periode ?? null, versie: null };
  };
  const refusedCheck = (refused: Checked['check']) => refuseAs(refused.manifest, refused.problems.join(' ') || `${bestand} is geen geldige levering.`);
  // A later step's refusal of a file checked from its bytes: the check field by field first.
  const refuse = async (manifest: DeliveryManifest | null, reden: string) => {
    const refused = await refusedFieldByField(checked, file);
    return refused ? refusedCheck(refused) : refuseAs(manifest, reden);
  };
  options.signal.throwIfAborted();
  if (!check.ok || !check.manifest) return refusedCheck(check);
  const manifest = check.manifest;
  const periodProblem = periodMismatch(manifest);
  if (periodProblem) return refuse(manifest, `${bestand}: ${periodProblem}`);

  options.report('inlezen');
  const temp = path.join(options.tempDir, `${randomUUID()}.parquet`);
  let result;
  try {
    result = await deliveryToParquet(file, manifest, csv, temp, { connection: options.connection, tempDir: options.tempDir, signal: options.signal, unguarded: check.unguarded === true });
  } catch (error) {
    if (error instanceof Refusal) return refuse(manifest, error.message);
    if (!options.signal.aborted) {
      const refused = await refusedFieldByField(checked, file);
      if (refused) return refusedCheck(refused);
    }
    throw error;
  }
  options.report('opslaan');
  const parquet = recordsPath(manifest.periode, manifest.gemeentecode, sha256);
  const target = store.resolve(parquet);
  try {
    options.signal.throwIfAborted();
    mkdirSync(path.dirname(target), { recursive: true });
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  let accepted;
  try {
    accepted = catalogueAccepted(store.db, { bestand, sha256, manifest, parquet, rijen: result.rijen, kwaliteitRegels: result.kwaliteitRegels, ontvangen: options.now().toISOString(), lasten: check.lasten });
  } catch (error) {
    // Same bytes, same path: only remove the file when no row (of another process) points at it.
    if (!acceptedBySha(store.db, sha256)) rmSync(target, { force: true });
    throw error;
  }
  if (accepted.kind === 'al aanwezig') return { bestand, uitkomst: 'al aanwezig', gemeente: accepted.row.gemeente, periode: accepted.row.periode, versie: accepted.row.versie };
  return {
    bestand,
    uitkomst: accepted.kind,
    gemeente: manifest.gemeentecode,
    periode: manifest.periode,
    versie: accepted.versie,
    rijen: result.rijen,
    ...(accepted.vervangen !== null ? { vervangt: accepted.vervangen } : {}),
    sleutelGewijzigd: accepted.sleutelGewijzigd,
  };
}

/** The period code must say what periode_begin and periode_eind say, or figures would land in the wrong period. */
function periodMismatch(manifest: DeliveryManifest): string | null {
  let p;
  try {
    p = parsePeriode(manifest.periode);
  } catch {
    return `periode ${manifest.periode} in levering.json bestaat niet.`;
  }
  if (p.code !== manifest.periode || p.begin !== manifest.periode_begin || p.eind !== manifest.periode_eind) {
    return `periode_begin en periode_eind in levering.json passen niet bij periode ${manifest.periode}.`;
  }
  return null;
}

const STALE_MS = 24 * 60 * 60 * 1000;

/** Leftovers of a process killed mid-import were never catalogued, so nothing uses them. */
function removeStaleTempDirs(root: string): void {
  if (!existsSync(root)) return;
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: false }).filter((e) => e.isDirectory())) {
    const dir = path.join(root, entry.name);
    if (Date.now() - statSync(dir).mtimeMs > STALE_MS) rmSync(dir, { recursive: true, force: true });
  }
}

async function fileSha256(file: string, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
