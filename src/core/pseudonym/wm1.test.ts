import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { Adres } from './adres.ts';
import { clientPseudonym, createKey, createPseudonymiser, fingerprint, householdPseudonym } from './wm1.ts';

const CONTRACT_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => i));

describe('wm1', () => {
  test('known-answer vector of the contract', () => {
    // 111222333 is the contract's published example, used nowhere else.
    const adres: Adres = { postcode: '1234AB', huisnummer: '12', toevoeging: 'A' };
    expect(fingerprint(CONTRACT_KEY)).toBe('f00fc7e26609d4ce');
    expect(clientPseudonym(CONTRACT_KEY, '111222333')).toBe('23ad5b4eaea27b41b2535dd97a8579c4');
    expect(householdPseudonym(CONTRACT_KEY, adres)).toBe('404a240b2b12f86f8f940cd3554a3b4d');

    const pseudonymiser = createPseudonymiser(CONTRACT_KEY);
    expect(pseudonymiser.fingerprint).toBe('f00fc7e26609d4ce');
    expect(pseudonymiser.client('111222333')).toBe('23ad5b4eaea27b41b2535dd97a8579c4');
    expect(pseudonymiser.household(adres)).toBe('404a240b2b12f86f8f940cd3554a3b4d');
  });

  test('createKey gives 32 fresh random bytes', () => {
    const a = createKey();
    const b = createKey();
    expect(a).toHaveLength(32);
    expect(a.equals(b)).toBe(false);
    expect(fingerprint(a)).toMatch(/^[0-9a-f]{16}$/);
  });

  test('the pseudonymiser agrees with createHmac for random keys and values, cached or not', () => {
    for (let round = 0; round < 20; round++) {
      const key = createKey();
      const pseudonymiser = createPseudonymiser(key);
      for (let i = 0; i < 50; i++) {
        const bsn = `9999${String(randomBytes(3).readUIntBE(0, 3) % 100_000).padStart(5, '0')}`;
        const expected = createHmac('sha256', key).update(`wm1|bsn|${bsn}`).digest('hex').slice(0, 32);
        expect(pseudonymiser.client(bsn)).toBe(expected);
        expect(pseudonymiser.client(bsn)).toBe(expected);
        expect(clientPseudonym(key, bsn)).toBe(expected);
      }
      // Lengths across SHA-256's block boundary and past the prepared buffer, and characters that
      // take 2, 3 and 4 bytes in UTF-8.
      const lengths = Array.from({ length: 80 }, (_, n) => 'X'.repeat(n));
      const toevoegingen = [...lengths, '1 HOOG', 'É', '€', '😀', 'Ü'.repeat(70), '€'.repeat(200)];
      for (const toevoeging of toevoegingen) {
        const adres: Adres = { postcode: '9999ZZ', huisnummer: String(round + 1), toevoeging };
        const message = `wm1|adres|9999ZZ|${round + 1}|${toevoeging}`;
        const expected = createHmac('sha256', key).update(message).digest('hex').slice(0, 32);
        expect(pseudonymiser.household(adres)).toBe(expected);
        expect(pseudonymiser.household({ ...adres })).toBe(expected);
        expect(householdPseudonym(key, adres)).toBe(expected);
      }
    }
  });

  test('different keys, BSNs and addresses give different pseudonyms', () => {
    const one = createPseudonymiser(createKey());
    const other = createPseudonymiser(createKey());
    expect(one.client('999900006')).not.toBe(other.client('999900006'));
    expect(one.client('999900006')).not.toBe(one.client('000000012'));
    const adres: Adres = { postcode: '9999ZZ', huisnummer: '1', toevoeging: '' };
    expect(one.household(adres)).not.toBe(one.household({ ...adres, toevoeging: 'A' }));
    expect(one.household(adres)).not.toBe(one.household({ ...adres, huisnummer: '11' }));
  });

  test('refuses values that were not normalised, without echoing them', () => {
    const pseudonymiser = createPseudonymiser(createKey());
    for (const bsn of ['99990006', '9999.00.006', '9999000060']) {
      expect(() => pseudonymiser.client(bsn)).toThrow('wm1: een BSN moet als 9 cijfers worden aangeboden.');
      expect(() => clientPseudonym(CONTRACT_KEY, bsn)).toThrow(/9 cijfers/);
    }
    for (const adres of [
      { postcode: '1234 AB', huisnummer: '12', toevoeging: '' },
      { postcode: '1234AB', huisnummer: '12a', toevoeging: '' },
      { postcode: '1234AB', huisnummer: '12', toevoeging: 'a' },
    ]) {
      expect(() => pseudonymiser.household(adres)).toThrow(/normaliseAdres/);
    }
  });

  test('refuses a key that is not 32 bytes', () => {
    expect(() => createPseudonymiser(Buffer.alloc(16))).toThrow('32 bytes');
    expect(() => fingerprint(Buffer.alloc(33))).toThrow('32 bytes');
  });
});
