import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../files/atomicWrite.ts';
import { fingerprint, KEY_BYTES } from './wm1.ts';

/**
 * The `.wmkey` backup of a gemeente's wm1 key: the 32 key bytes encrypted with AES-256-GCM under a
 * key that scrypt derives from a passphrase. Other parties read this format, so its fields are fixed:
 *
 *   {"formaat":"wijkmonitor-sleutel","versie":1,"kdf":"scrypt","N":131072,"r":8,"p":1,
 *    "salt":B64(16),"iv":B64(12),"data":B64(32),"tag":B64(16),"sleutel":fingerprint,"aangemaakt":ISO-8601}
 *
 * The GCM tag makes a wrong passphrase fail loudly instead of yielding a different key; the
 * fingerprint is checked once more after decryption, since it is not covered by the tag.
 */
export const KEY_FILE_FORMAT = 'wijkmonitor-sleutel';
export const KEY_FILE_VERSION = 1;
export const DEFAULT_SCRYPT_N = 131_072;
export const MIN_PASSPHRASE_LENGTH = 12;

const SCRYPT_R = 8;
const SCRYPT_P = 1;
// scrypt needs 128·N·r bytes. The range keeps a crafted file from making us allocate more than
// 256 MiB (N = 2^18) or from making the key trivially cheap to guess (N below 2^14).
const MIN_N = 2 ** 14;
const MAX_N = 2 ** 18;
const MAX_P = 4;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// A real file is about 400 bytes; refusing big ones keeps a wrongly chosen file out of memory.
const MAX_FILE_BYTES = 64 * 1024;

type KeyFileFields = {
  formaat: typeof KEY_FILE_FORMAT;
  versie: typeof KEY_FILE_VERSION;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  data: string;
  tag: string;
  sleutel: string;
  aangemaakt: string;
};

/** Only for tests: a lower scrypt cost keeps the suite fast. Files made for use always get the default. */
export type KeyFileTestOptions = { N?: number };

/** The `.wmkey` text for this key. Refuses a passphrase shorter than 12 characters. */
export async function encryptKeyFile(
  key: Buffer,
  passphrase: string,
  now: Date = new Date(),
  options: KeyFileTestOptions = {},
): Promise<string> {
  if (key.length !== KEY_BYTES) throw new Error(`Een wm1-sleutel is ${KEY_BYTES} bytes.`);
  // Counted in characters, not UTF-16 units, and without the spaces around it that are easily typed by accident.
  if ([...passphrase.trim()].length < MIN_PASSPHRASE_LENGTH) {
    throw new UserError(
      'WACHTWOORD_TE_KORT',
      `Kies een wachtwoordzin van minstens ${MIN_PASSPHRASE_LENGTH} tekens, bijvoorbeeld een paar woorden achter elkaar.`,
    );
  }
  const N = options.N ?? DEFAULT_SCRYPT_N;
  if (!isSaneN(N)) throw new Error('scrypt N valt buiten het toegestane bereik.');

  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const aesKey = await deriveKey(passphrase, salt, N, SCRYPT_R, SCRYPT_P);
  try {
    const cipher = createCipheriv('aes-256-gcm', aesKey, iv, { authTagLength: TAG_BYTES });
    const data = Buffer.concat([cipher.update(key), cipher.final()]);
    const fields: KeyFileFields = {
      formaat: KEY_FILE_FORMAT,
      versie: KEY_FILE_VERSION,
      kdf: 'scrypt',
      N,
      r: SCRYPT_R,
      p: SCRYPT_P,
      salt: salt.toString('base64'),
      iv: iv.toString('base64'),
      data: data.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      sleutel: fingerprint(key),
      aangemaakt: now.toISOString(),
    };
    return `${JSON.stringify(fields)}\n`;
  } finally {
    aesKey.fill(0);
  }
}

/** The key in a `.wmkey` text. `fileName` only names the file in messages. */
export async function decryptKeyFile(text: string, passphrase: string, fileName: string): Promise<Buffer> {
  const file = parseKeyFile(text, fileName);
  const aesKey = await deriveKey(passphrase, file.salt, file.N, file.r, file.p);
  let key: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', aesKey, file.iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(file.tag);
    key = Buffer.concat([decipher.update(file.data), decipher.final()]);
  } catch {
    // GCM cannot tell a wrong passphrase from a changed file; the passphrase is by far the likelier.
    throw new UserError(
      'WACHTWOORD_ONJUIST',
      `De wachtwoordzin voor sleutelbestand ${fileName} is onjuist. Klopt de wachtwoordzin zeker, dan is het bestand beschadigd.`,
    );
  } finally {
    aesKey.fill(0);
  }
  if (fingerprint(key) !== file.sleutel) {
    key.fill(0);
    throw new UserError(
      'SLEUTEL_BESCHADIGD',
      `Sleutelbestand ${fileName} is beschadigd: de vingerafdruk in het bestand hoort niet bij de sleutel erin.`,
    );
  }
  return key;
}

/**
 * Writes the backup so that a crash leaves either the old file or the complete new one; readable
 * by the user only (on Windows the mode is ignored and the folder's ACL decides).
 */
export async function writeKeyFile(file: string, key: Buffer, passphrase: string): Promise<void> {
  writeFileAtomic(file, await encryptKeyFile(key, passphrase), { mode: 0o600 });
}

export async function readKeyFile(file: string, passphrase: string): Promise<Buffer> {
  const name = path.basename(file);
  let text: string;
  try {
    if ((await stat(file)).size > MAX_FILE_BYTES) throw invalidFile(name);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError('SLEUTELBESTAND_NIET_GEVONDEN', `Sleutelbestand ${name} bestaat niet (meer).`);
    }
    throw new UserError('SLEUTELBESTAND_ONLEESBAAR', `Sleutelbestand ${name} kan niet worden gelezen.`);
  }
  return decryptKeyFile(text, passphrase, name);
}

type ParsedKeyFile = { N: number; r: number; p: number; salt: Buffer; iv: Buffer; data: Buffer; tag: Buffer; sleutel: string };

/** Checks every field before the costly scrypt, so a damaged file is named precisely and cheaply. */
function parseKeyFile(text: string, fileName: string): ParsedKeyFile {
  let json: unknown;
  try {
    // A text editor on Windows may have added a byte order mark.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new UserError('SLEUTELBESTAND_ONGELDIG', `Sleutelbestand ${fileName} is onleesbaar: het is geen geldig JSON-bestand.`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalidFile(fileName);
  const fields = json as Record<string, unknown>;
  if (fields['formaat'] !== KEY_FILE_FORMAT) throw invalidFile(fileName);

  if (!('versie' in fields)) throw missingField(fileName, 'versie');
  if (fields['versie'] !== KEY_FILE_VERSION) {
    throw new UserError(
      'SLEUTELBESTAND_NIET_ONDERSTEUND',
      `Sleutelbestand ${fileName} heeft een versie die deze Wijkmonitor niet kent. Open het met een nieuwere Wijkmonitor.`,
    );
  }
  if (!('kdf' in fields)) throw missingField(fileName, 'kdf');
  if (fields['kdf'] !== 'scrypt') {
    throw new UserError(
      'SLEUTELBESTAND_NIET_ONDERSTEUND',
      `Sleutelbestand ${fileName} gebruikt een sleutelafleiding ("kdf") die deze Wijkmonitor niet kent.`,
    );
  }

  const field = <T>(name: keyof KeyFileFields, read: (value: unknown) => T | undefined): T => {
    if (!(name in fields)) throw missingField(fileName, name);
    const value = read(fields[name]);
    if (value === undefined) {
      throw new UserError('SLEUTELBESTAND_ONGELDIG', `Het veld "${name}" in sleutelbestand ${fileName} heeft een ongeldige waarde.`);
    }
    return value;
  };
  const parsed: ParsedKeyFile = {
    N: field('N', (v) => (typeof v === 'number' && isSaneN(v) ? v : undefined)),
    r: field('r', (v) => (v === SCRYPT_R ? v : undefined)),
    p: field('p', (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_P ? v : undefined)),
    salt: field('salt', (v) => base64Of(v, SALT_BYTES)),
    iv: field('iv', (v) => base64Of(v, IV_BYTES)),
    data: field('data', (v) => base64Of(v, KEY_BYTES)),
    tag: field('tag', (v) => base64Of(v, TAG_BYTES)),
    sleutel: field('sleutel', (v) => (typeof v === 'string' && /^[0-9a-f]{16}$/.test(v) ? v : undefined)),
  };
  // Not used for decryption, but part of the format: a file without a valid date was not made by us.
  field('aangemaakt', (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined));
  return parsed;
}

function isSaneN(n: number): boolean {
  return Number.isInteger(n) && n >= MIN_N && n <= MAX_N && (n & (n - 1)) === 0;
}

/** Strict base64 of exactly `bytes` bytes; Buffer.from alone would skip characters that do not belong. */
function base64Of(value: unknown, bytes: number): Buffer | undefined {
  if (typeof value !== 'string') return undefined;
  const buffer = Buffer.from(value, 'base64');
  return buffer.length === bytes && buffer.toString('base64') === value ? buffer : undefined;
}

/** The async scrypt runs on libuv's thread pool, so the ~0.5 s it takes does not block the event loop. */
function deriveKey(passphrase: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem twice the 128·N·r that scrypt needs leaves room for its smaller buffers.
    scrypt(Buffer.from(passphrase, 'utf8'), salt, 32, { N, r, p, maxmem: 2 * 128 * N * r }, (error, derived) =>
      error ? reject(error) : resolve(derived),
    );
  });
}

function invalidFile(fileName: string): UserError {
  return new UserError('SLEUTELBESTAND_ONGELDIG', `${fileName} is geen Wijkmonitor-sleutelbestand.`);
}

function missingField(fileName: string, name: string): UserError {
  return new UserError('SLEUTELBESTAND_ONGELDIG', `In sleutelbestand ${fileName} ontbreekt het veld "${name}".`);
}
