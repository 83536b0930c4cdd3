import { createHmac, hash, randomBytes } from 'node:crypto';
import { isCanonicalAdres } from './adres.ts';
import type { Adres } from './adres.ts';

/**
 * Contract wm1: keyed pseudonyms for clients (by BSN) and households (by address). Other parties
 * compute the same values from the same key, so every byte of the messages below is fixed:
 *
 *   fingerprint = HMAC-SHA256(key, "wm1|fingerprint")[0..8]                      as 16 hex
 *   client      = HMAC-SHA256(key, "wm1|bsn|" + bsn9)[0..16]                      as 32 hex
 *   household   = HMAC-SHA256(key, "wm1|adres|" + PC6 + "|" + nr + "|" + toev)[0..16] as 32 hex
 *
 * with the address in the form `normaliseAdres` gives. The key is 32 random bytes per gemeente.
 */
export const KEY_BYTES = 32;

export function createKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Tells keys apart without revealing them: shown to users, stored beside data made with the key. */
export function fingerprint(key: Buffer): string {
  return referenceHmac(key, 'wm1|fingerprint').toString('hex', 0, 8);
}

/** One client pseudonym; for many rows use `createPseudonymiser`, which gives the same values faster. */
export function clientPseudonym(key: Buffer, bsn: string): string {
  return referenceHmac(key, clientMessage(bsn)).toString('hex', 0, 16);
}

/** One household pseudonym; for many rows use `createPseudonymiser`. */
export function householdPseudonym(key: Buffer, adres: Adres): string {
  return referenceHmac(key, householdMessage(adres)).toString('hex', 0, 16);
}

export type Pseudonymiser = {
  readonly fingerprint: string;
  /** `bsn` is the 9 digits of an 'ok' `normaliseBsn` result. */
  client(bsn: string): string;
  /** `adres` is the address of an 'ok' `normaliseAdres` result. */
  household(adres: Adres): string;
  /**
   * Zeroes the key material (the padded key blocks) and drops the cache of BSN → pseudonym; any
   * later use throws instead of silently computing with a zero key.
   */
  wipe(): void;
};

/**
 * For a delivery of about a million rows. A client appears in many rows, so each distinct BSN and
 * address is hashed once and remembered (a gemeente has fewer than a million distinct BSNs, so the
 * maps need no bound). Hashing itself avoids `createHmac`, whose per-call set-up costs most of the
 * time: the padded key blocks are prepared once and each value costs two one-shot SHA-256 calls.
 */
export function createPseudonymiser(key: Buffer): Pseudonymiser {
  const { mac, wipe } = preparedHmac(key);
  // Kept only so a record worker can make the same pseudonyms (see keyForWorker); zeroed by wipe().
  const keyCopy = Buffer.from(key);
  const clients = new Map<string, string>();
  const households = new Map<string, string>();
  let wiped = false;
  const alive = () => {
    if (wiped) throw new Error('wm1: deze pseudonimisering is afgesloten; de sleutel is uit het geheugen gewist.');
  };
  const pseudonymiser: Pseudonymiser = {
    fingerprint: fingerprint(key),
    client(bsn) {
      alive();
      let pseudonym = clients.get(bsn);
      if (pseudonym === undefined) {
        pseudonym = mac(clientMessage(bsn));
        clients.set(bsn, pseudonym);
      }
      return pseudonym;
    },
    household(adres) {
      alive();
      const id = `${adres.postcode}|${adres.huisnummer}|${adres.toevoeging}`;
      let pseudonym = households.get(id);
      if (pseudonym === undefined) {
        pseudonym = mac(householdMessage(adres));
        households.set(id, pseudonym);
      }
      return pseudonym;
    },
    wipe() {
      wiped = true;
      wipe();
      keyCopy.fill(0);
      workerKeys.delete(pseudonymiser);
      clients.clear();
      households.clear();
    },
  };
  workerKeys.set(pseudonymiser, keyCopy);
  return pseudonymiser;
}

const workerKeys = new WeakMap<Pseudonymiser, Buffer>();

/**
 * A fresh copy of the key of a pseudonymiser made by `createPseudonymiser`, for a worker thread
 * that pseudonymises the same rows (`import/exportRecords.ts`): the caller hands it to the worker
 * and zeroes its copy at once; the worker zeroes its own once its pseudonymiser has it, and wipes
 * that when the job ends. Undefined for any other Pseudonymiser (a test double) or after `wipe()`,
 * and then the caller works in its own thread. Not part of the contract; never leaves the process.
 */
export function keyForWorker(pseudonymiser: Pseudonymiser): Buffer | undefined {
  const key = workerKeys.get(pseudonymiser);
  return key === undefined ? undefined : Buffer.from(key);
}

// The checks below guard against a caller skipping normalisation, which would silently give
// pseudonyms no other party can reproduce. Their messages never contain the value.

function clientMessage(bsn: string): string {
  if (!/^[0-9]{9}$/.test(bsn)) throw new Error('wm1: een BSN moet als 9 cijfers worden aangeboden.');
  return `wm1|bsn|${bsn}`;
}

function householdMessage(adres: Adres): string {
  if (!isCanonicalAdres(adres)) throw new Error('wm1: een adres moet eerst met normaliseAdres worden genormaliseerd.');
  return `wm1|adres|${adres.postcode}|${adres.huisnummer}|${adres.toevoeging}`;
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`wm1: een sleutel is ${KEY_BYTES} bytes.`);
}

function referenceHmac(key: Buffer, message: string): Buffer {
  checkKey(key);
  return createHmac('sha256', key).update(message, 'utf8').digest();
}

const BLOCK = 64; // SHA-256 block size
const SCRATCH = 192; // room for every usual message; a longer one takes the slower path below

/**
 * HMAC-SHA256 as RFC 2104 defines it, for a key shorter than a block:
 * H((K ^ opad) || H((K ^ ipad) || m)), K zero-padded to 64 bytes. Tests check it against createHmac.
 * `mac` gives the first 16 bytes as 32 hex. Exported for the delivery benchmark's floor with one
 * prepared key state (bench/deliver.bench.ts); the app uses it through `createPseudonymiser`.
 */
export function preparedHmac(key: Buffer): { mac: (message: string) => string; wipe: () => void } {
  checkKey(key);
  const inner = Buffer.alloc(BLOCK + SCRATCH);
  const outer = Buffer.alloc(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    const k = key[i] ?? 0;
    inner[i] = k ^ 0x36;
    outer[i] = k ^ 0x5c;
  }
  const mac = (message: string) => {
    // UTF-8 takes at most 3 bytes per UTF-16 unit, so a message this short always fits.
    const data =
      message.length * 3 <= SCRATCH
        ? inner.subarray(0, BLOCK + inner.write(message, BLOCK, 'utf8'))
        : Buffer.concat([inner.subarray(0, BLOCK), Buffer.from(message, 'utf8')]);
    hash('sha256', data, 'buffer').copy(outer, BLOCK);
    return hash('sha256', outer, 'hex').slice(0, 32);
  };
  const wipe = () => {
    inner.fill(0);
    outer.fill(0);
  };
  return { mac, wipe };
}
