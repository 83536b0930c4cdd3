import type { KeyStatus } from '../../shared/api.ts';
import type { SecretStore } from '../api/registry.ts';
import { UserError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import { readKeyFile, writeKeyFile } from './keyFile.ts';
import { createKey, fingerprint } from './wm1.ts';

type Row = { beveiligd: Uint8Array; vingerafdruk: string; aangemaakt: string; backup_bevestigd: string | null };

function row(db: Db): Row | undefined {
  return db.prepare('SELECT beveiligd, vingerafdruk, aangemaakt, backup_bevestigd FROM sleutel WHERE id = 1').get() as Row | undefined;
}

function requireStore(secrets: SecretStore | null): SecretStore {
  if (!secrets) throw new UserError('GEEN_SLEUTELKLUIS', 'Hier is geen beveiligde sleutelopslag beschikbaar; gebruik een .wmkey-bestand.');
  return secrets;
}

export function keyStatus(db: Db): KeyStatus {
  const current = row(db);
  const leveringen = db
    .prepare('SELECT sleutel, max(periode) AS laatstePeriode, count(*) AS aantal FROM levering GROUP BY sleutel ORDER BY max(id) DESC')
    .all() as KeyStatus['leveringen'];
  return {
    vingerafdruk: current?.vingerafdruk ?? null,
    aangemaakt: current?.aangemaakt ?? null,
    backupBevestigd: current?.backup_bevestigd ?? null,
    leveringen,
  };
}

async function storeKey(db: Db, secrets: SecretStore, key: Buffer, now: Date, backupBevestigd: string | null): Promise<void> {
  const beveiligd = await secrets.protect(key);
  db.prepare(
    `INSERT INTO sleutel (id, beveiligd, vingerafdruk, aangemaakt, backup_bevestigd) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET beveiligd = excluded.beveiligd, vingerafdruk = excluded.vingerafdruk,
       aangemaakt = excluded.aangemaakt, backup_bevestigd = excluded.backup_bevestigd`,
  ).run(beveiligd, fingerprint(key), now.toISOString(), backupBevestigd);
}

/** A new key for this gemeente. Never replaces one: that would orphan every earlier pseudonym. */
export async function createStoredKey(db: Db, secrets: SecretStore | null, now = new Date()): Promise<string> {
  if (row(db)) throw new UserError('SLEUTEL_BESTAAT', 'Er is al een sleutel. Een bestaande sleutel wordt nooit vervangen door een nieuwe.');
  const key = createKey();
  await storeKey(db, requireStore(secrets), key, now, null);
  return fingerprint(key);
}

/** The key, for pseudonymising; only inside the core, never sent to the renderer. */
export async function loadStoredKey(db: Db, secrets: SecretStore | null): Promise<Buffer> {
  const current = row(db);
  if (!current) throw new UserError('GEEN_SLEUTEL', 'Er is nog geen sleutel. Maak er een aan of zet een back-up terug (Sleutel).');
  const key = Buffer.from(await requireStore(secrets).unprotect(current.beveiligd));
  if (fingerprint(key) !== current.vingerafdruk) throw new UserError('SLEUTEL_BESCHADIGD', 'De opgeslagen sleutel is beschadigd. Zet de back-up terug.');
  return key;
}

export async function backupStoredKey(db: Db, secrets: SecretStore | null, file: string, passphrase: string): Promise<string> {
  const key = await loadStoredKey(db, secrets);
  await writeKeyFile(file, key, passphrase);
  return fingerprint(key);
}

/** Restores a backup in a dry run: only a file that really yields this key counts as a backup. */
export async function confirmBackup(db: Db, secrets: SecretStore | null, file: string, passphrase: string, now = new Date()): Promise<string> {
  const current = row(db);
  if (!current) throw new UserError('GEEN_SLEUTEL', 'Er is nog geen sleutel om een back-up van te controleren.');
  const key = await readKeyFile(file, passphrase);
  if (fingerprint(key) !== current.vingerafdruk) {
    throw new UserError('ANDERE_SLEUTEL', `Dit bestand bevat sleutel ${fingerprint(key)}, niet de sleutel van deze laptop (${current.vingerafdruk}).`);
  }
  requireStore(secrets);
  const stamp = now.toISOString();
  db.prepare('UPDATE sleutel SET backup_bevestigd = ? WHERE id = 1').run(stamp);
  return stamp;
}

/** Puts a backed-up key on this laptop; replacing a different key needs the caller's explicit consent. */
export async function restoreKey(db: Db, secrets: SecretStore | null, file: string, passphrase: string, replace: boolean, now = new Date()): Promise<string> {
  const key = await readKeyFile(file, passphrase);
  const current = row(db);
  if (current && current.vingerafdruk !== fingerprint(key) && !replace) {
    throw new UserError('SLEUTEL_BESTAAT', `Deze laptop heeft al sleutel ${current.vingerafdruk}; het bestand bevat ${fingerprint(key)}. Bevestig eerst dat u die wilt vervangen.`);
  }
  // A key read from a backup file has, by definition, a working backup.
  await storeKey(db, requireStore(secrets), key, now, now.toISOString());
  return fingerprint(key);
}
