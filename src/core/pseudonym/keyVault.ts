import type { KeyStatus } from '../../shared/api.ts';
import type { SecretStore } from '../api/registry.ts';
import { UserError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import { readKeyFile, writeKeyFile } from './keyFile.ts';
import { createKey, createPseudonymiser, fingerprint, type Pseudonymiser } from './wm1.ts';

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

const keyExists = () => new UserError('SLEUTEL_BESTAAT', 'Er is al een sleutel. Een bestaande sleutel wordt nooit vervangen door een nieuwe.');

/**
 * A new key for this gemeente. Never replaces one: that would orphan every earlier pseudonym.
 * Protecting the key is asynchronous (the host's key store), so two calls at once can both get
 * past the first check; the check is repeated inside the write transaction, and a plain INSERT
 * (no upsert) lets the database itself refuse a second row, so the second call fails instead of
 * silently replacing the first key.
 */
export async function createStoredKey(db: Db, secrets: SecretStore | null, now = new Date()): Promise<string> {
  if (row(db)) throw keyExists();
  const store = requireStore(secrets);
  const key = createKey();
  try {
    const beveiligd = await store.protect(key);
    const vingerafdruk = fingerprint(key);
    db.transaction(() => {
      if (row(db)) throw keyExists();
      db.prepare('INSERT INTO sleutel (id, beveiligd, vingerafdruk, aangemaakt, backup_bevestigd) VALUES (1, ?, ?, ?, NULL)').run(beveiligd, vingerafdruk, now.toISOString());
    }).immediate();
    return vingerafdruk;
  } finally {
    key.fill(0);
  }
}

/**
 * The key, for pseudonymising; only inside the core, never sent to the renderer. The caller owns
 * the buffer and zeroes it when its job ends: use `withStoredKey` or `withPseudonymiser`.
 */
export async function loadStoredKey(db: Db, secrets: SecretStore | null): Promise<Buffer> {
  const current = row(db);
  if (!current) throw new UserError('GEEN_SLEUTEL', 'Er is nog geen sleutel. Maak er een aan of zet een back-up terug (Sleutel).');
  const plain = await requireStore(secrets).unprotect(current.beveiligd);
  // A view, not a copy: zeroing the key zeroes the only copy the key store handed us.
  const key = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
  if (fingerprint(key) !== current.vingerafdruk) {
    key.fill(0);
    throw new UserError('SLEUTEL_BESCHADIGD', 'De opgeslagen sleutel is beschadigd. Zet de back-up terug.');
  }
  return key;
}

/** Runs one job with the stored key and zeroes the key when the job ends, however it ends. */
export async function withStoredKey<T>(db: Db, secrets: SecretStore | null, job: (key: Buffer) => Promise<T>): Promise<T> {
  const key = await loadStoredKey(db, secrets);
  try {
    return await job(key);
  } finally {
    key.fill(0);
  }
}

/**
 * Runs one job with a pseudonymiser over the stored key. The key is zeroed as soon as the
 * pseudonymiser has its own (padded) copy, and that copy and its cache are wiped when the job ends.
 */
export async function withPseudonymiser<T>(db: Db, secrets: SecretStore | null, job: (pseudonymiser: Pseudonymiser) => Promise<T>): Promise<T> {
  const pseudonymiser = await withStoredKey(db, secrets, async (key) => createPseudonymiser(key));
  try {
    return await job(pseudonymiser);
  } finally {
    pseudonymiser.wipe();
  }
}

export async function backupStoredKey(db: Db, secrets: SecretStore | null, file: string, passphrase: string): Promise<string> {
  return withStoredKey(db, secrets, async (key) => {
    await writeKeyFile(file, key, passphrase);
    return fingerprint(key);
  });
}

/** Restores a backup in a dry run: only a file that really yields this key counts as a backup. */
export async function confirmBackup(db: Db, secrets: SecretStore | null, file: string, passphrase: string, now = new Date()): Promise<string> {
  const current = row(db);
  if (!current) throw new UserError('GEEN_SLEUTEL', 'Er is nog geen sleutel om een back-up van te controleren.');
  const key = await readKeyFile(file, passphrase);
  const inFile = fingerprint(key);
  key.fill(0);
  if (inFile !== current.vingerafdruk) {
    throw new UserError('ANDERE_SLEUTEL', `Dit bestand bevat sleutel ${inFile}, niet de sleutel van deze laptop (${current.vingerafdruk}).`);
  }
  requireStore(secrets);
  const stamp = now.toISOString();
  db.prepare('UPDATE sleutel SET backup_bevestigd = ? WHERE id = 1').run(stamp);
  return stamp;
}

/** Puts a backed-up key on this laptop; replacing a different key needs the caller's explicit consent. */
export async function restoreKey(db: Db, secrets: SecretStore | null, file: string, passphrase: string, replace: boolean, now = new Date()): Promise<string> {
  const key = await readKeyFile(file, passphrase);
  try {
    const current = row(db);
    if (current && current.vingerafdruk !== fingerprint(key) && !replace) {
      throw new UserError('SLEUTEL_BESTAAT', `Deze laptop heeft al sleutel ${current.vingerafdruk}; het bestand bevat ${fingerprint(key)}. Bevestig eerst dat u die wilt vervangen.`);
    }
    // A key read from a backup file has, by definition, a working backup.
    await storeKey(db, requireStore(secrets), key, now, now.toISOString());
    return fingerprint(key);
  } finally {
    key.fill(0);
  }
}
