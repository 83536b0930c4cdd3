import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { UserError } from '../errors.ts';
import { tempDir } from '../testing/tempDir.ts';
import { decryptKeyFile, encryptKeyFile, readKeyFile, writeKeyFile } from './keyFile.ts';
import { createKey, fingerprint } from './wm1.ts';

const PASS = 'correct paard batterij nietje';
const NOW = new Date('2025-03-01T10:00:00.000Z');
// The lowest cost the format allows, so the suite stays fast; one test below uses the default.
const FAST = { N: 2 ** 14 };

const key = createKey();
const fastFile = encryptKeyFile(key, PASS, NOW, FAST);

async function fastFileWith(change: (fields: Record<string, unknown>) => void): Promise<string> {
  const fields = JSON.parse(await fastFile) as Record<string, unknown>;
  change(fields);
  return JSON.stringify(fields);
}

/** The UserError the promise rejects with; fails the test when it resolves. */
async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error: unknown = await promise.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  if (!(error instanceof UserError)) throw error;
  return error;
}

/** Flips one bit of a base64 field, keeping it valid base64 of the same length. */
function flipBit(base64: unknown): string {
  const bytes = Buffer.from(String(base64), 'base64');
  bytes[0] = bytes[0]! ^ 1;
  return bytes.toString('base64');
}

describe('.wmkey', () => {
  test('round trip with the real default cost, through the file on disk', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'gemeente.wmkey');
    const started = performance.now();
    await writeKeyFile(file, key, PASS);
    const written = performance.now() - started;
    expect(readdirSync(dir)).toEqual(['gemeente.wmkey']);
    const fields = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(fields).toMatchObject({ formaat: 'wijkmonitor-sleutel', versie: 1, kdf: 'scrypt', N: 131072, r: 8, p: 1 });
    expect((await readKeyFile(file, PASS)).equals(key)).toBe(true);
    // Not a limit, a reminder: the derivation must stay deliberately slow but bearable.
    expect(written).toBeLessThan(20_000);
  });

  test('has exactly the fields of the format, in order', async () => {
    const text = await fastFile;
    expect(text.endsWith('}\n')).toBe(true);
    const fields = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(fields)).toEqual([
      'formaat', 'versie', 'kdf', 'N', 'r', 'p', 'salt', 'iv', 'data', 'tag', 'sleutel', 'aangemaakt',
    ]);
    expect(fields).toMatchObject({ formaat: 'wijkmonitor-sleutel', versie: 1, kdf: 'scrypt', N: 2 ** 14, r: 8, p: 1 });
    expect(Buffer.from(String(fields['salt']), 'base64')).toHaveLength(16);
    expect(Buffer.from(String(fields['iv']), 'base64')).toHaveLength(12);
    expect(Buffer.from(String(fields['data']), 'base64')).toHaveLength(32);
    expect(Buffer.from(String(fields['tag']), 'base64')).toHaveLength(16);
    expect(fields['sleutel']).toBe(fingerprint(key));
    expect(fields['aangemaakt']).toBe('2025-03-01T10:00:00.000Z');
    // The key itself is not in the file.
    expect(text).not.toContain(key.toString('base64'));
    expect(text).not.toContain(key.toString('hex'));
  });

  test('decrypts back to the same key; each file has its own salt and iv', async () => {
    expect((await decryptKeyFile(await fastFile, PASS, 'a.wmkey')).equals(key)).toBe(true);
    const again = JSON.parse(await encryptKeyFile(key, PASS, NOW, FAST)) as Record<string, unknown>;
    const first = JSON.parse(await fastFile) as Record<string, unknown>;
    expect(again['salt']).not.toBe(first['salt']);
    expect(again['iv']).not.toBe(first['iv']);
  });

  test('a wrong passphrase is refused, naming the file but not the passphrase', async () => {
    for (const wrong of ['correct paard batterij nietjes', '', 'Correct paard batterij nietje']) {
      const error = await refusal(decryptKeyFile(await fastFile, wrong, 'gemeente.wmkey'));
      expect(error.code).toBe('WACHTWOORD_ONJUIST');
      expect(error.message).toContain('De wachtwoordzin voor sleutelbestand gemeente.wmkey is onjuist.');
      expect(error.message).not.toContain(PASS);
    }
  });

  test.each(['data', 'tag', 'iv', 'salt'])('a changed %s is refused like a wrong passphrase', async (name) => {
    const text = await fastFileWith((fields) => {
      fields[name] = flipBit(fields[name]);
    });
    expect((await refusal(decryptKeyFile(text, PASS, 'x.wmkey'))).code).toBe('WACHTWOORD_ONJUIST');
  });

  test('a changed N is refused like a wrong passphrase', async () => {
    const text = await fastFileWith((fields) => {
      fields['N'] = 2 ** 15;
    });
    expect((await refusal(decryptKeyFile(text, PASS, 'x.wmkey'))).code).toBe('WACHTWOORD_ONJUIST');
  });

  test('a fingerprint that does not match the key is refused', async () => {
    const text = await fastFileWith((fields) => {
      fields['sleutel'] = '0123456789abcdef';
    });
    const error = await refusal(decryptKeyFile(text, PASS, 'x.wmkey'));
    expect(error.code).toBe('SLEUTEL_BESCHADIGD');
    expect(error.message).toBe('Sleutelbestand x.wmkey is beschadigd: de vingerafdruk in het bestand hoort niet bij de sleutel erin.');
  });

  test.each(['versie', 'kdf', 'N', 'r', 'p', 'salt', 'iv', 'data', 'tag', 'sleutel', 'aangemaakt'])(
    'a missing %s is named',
    async (name) => {
      const text = await fastFileWith((fields) => {
        delete fields[name];
      });
      const error = await refusal(decryptKeyFile(text, PASS, 'x.wmkey'));
      expect(error.code).toBe('SLEUTELBESTAND_ONGELDIG');
      expect(error.message).toBe(`In sleutelbestand x.wmkey ontbreekt het veld "${name}".`);
    },
  );

  test.each<[string, unknown]>([
    ['N', 131072.5],
    ['N', 100_000],
    ['N', 2 ** 13],
    ['N', 2 ** 30],
    ['N', '131072'],
    ['r', 16],
    ['r', 1],
    ['p', 0],
    ['p', 5],
    ['p', 2 ** 20],
    ['salt', 'AAAA'],
    ['salt', 'niet-base64!!'],
    ['salt', 16],
    ['iv', Buffer.alloc(16).toString('base64')],
    ['data', Buffer.alloc(31).toString('base64')],
    ['tag', Buffer.alloc(12).toString('base64')],
    ['sleutel', 'F00FC7E26609D4CE'],
    ['sleutel', 'f00fc7e2'],
    ['aangemaakt', 'gisteren'],
    ['aangemaakt', 20250301],
  ])('a bad %s (%j) is named', async (name, value) => {
    const text = await fastFileWith((fields) => {
      fields[name] = value;
    });
    const error = await refusal(decryptKeyFile(text, PASS, 'x.wmkey'));
    expect(error.code).toBe('SLEUTELBESTAND_ONGELDIG');
    expect(error.message).toBe(`Het veld "${name}" in sleutelbestand x.wmkey heeft een ongeldige waarde.`);
  });

  test('not a key file at all', async () => {
    const notJson = await refusal(decryptKeyFile('PK\u0003\u0004', PASS, 'levering.zip'));
    expect(notJson.code).toBe('SLEUTELBESTAND_ONGELDIG');
    expect(notJson.message).toBe('Sleutelbestand levering.zip is onleesbaar: het is geen geldig JSON-bestand.');
    for (const text of ['[]', 'null', '42', '{}', await fastFileWith((f) => (f['formaat'] = 'iets-anders'))]) {
      const error = await refusal(decryptKeyFile(text, PASS, 'x.json'));
      expect(error.code).toBe('SLEUTELBESTAND_ONGELDIG');
      expect(error.message).toBe('x.json is geen Wijkmonitor-sleutelbestand.');
    }
  });

  test('an unknown versie or kdf is refused as not supported', async () => {
    for (const change of [(f: Record<string, unknown>) => (f['versie'] = 2), (f: Record<string, unknown>) => (f['kdf'] = 'argon2id')]) {
      const error = await refusal(decryptKeyFile(await fastFileWith(change), PASS, 'x.wmkey'));
      expect(error.code).toBe('SLEUTELBESTAND_NIET_ONDERSTEUND');
      expect(error.message).toContain('x.wmkey');
    }
  });

  test('a byte order mark added by an editor does no harm', async () => {
    expect((await decryptKeyFile(`\uFEFF${await fastFile}`, PASS, 'x.wmkey')).equals(key)).toBe(true);
  });

  test('a passphrase shorter than 12 characters is refused when creating', async () => {
    for (const short of ['', 'kort', '12345678901', '   elf tekens   ', 'ééééééééééé']) {
      const error = await refusal(encryptKeyFile(key, short, NOW, FAST));
      expect(error.code).toBe('WACHTWOORD_TE_KORT');
      expect(error.message).toContain('minstens 12 tekens');
    }
    await expect(encryptKeyFile(key, '123456789012', NOW, FAST)).resolves.toContain('wijkmonitor-sleutel');
    await expect(encryptKeyFile(key, '😀'.repeat(12), NOW, FAST)).resolves.toContain('wijkmonitor-sleutel');
  });

  test('non-ASCII passphrases work as UTF-8', async () => {
    const pass = 'ëën twee drie vier 😀';
    const text = await encryptKeyFile(key, pass, NOW, FAST);
    expect((await decryptKeyFile(text, pass, 'x.wmkey')).equals(key)).toBe(true);
    expect((await refusal(decryptKeyFile(text, pass.normalize('NFD'), 'x.wmkey'))).code).toBe('WACHTWOORD_ONJUIST');
  });

  test('reading a missing, unreadable or huge file', async () => {
    const dir = tempDir();
    const missing = await refusal(readKeyFile(path.join(dir, 'weg.wmkey'), PASS));
    expect(missing.code).toBe('SLEUTELBESTAND_NIET_GEVONDEN');
    expect(missing.message).toContain('weg.wmkey');
    expect((await refusal(readKeyFile(dir, PASS))).code).toBe('SLEUTELBESTAND_ONLEESBAAR');
    const huge = path.join(dir, 'groot.wmkey');
    writeFileSync(huge, ' '.repeat(100_000));
    expect((await refusal(readKeyFile(huge, PASS))).message).toBe('groot.wmkey is geen Wijkmonitor-sleutelbestand.');
  });
});
