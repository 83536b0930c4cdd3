/**
 * Realistic client counts for the benchmarks (issue 17). The fixtures draw BSNs from the ~9,091
 * test numbers (9999…), so a million-row export has few distinct clients and the pseudonym cache
 * almost always hits. A large gemeente has about a third of a million distinct clients: this
 * makes that many synthetic 9-digit numbers that pass the 11-proef, all OUTSIDE the 9999 test
 * range (first digit 1–8, so never 9999… and never 0000…), and puts them in place of the
 * export's valid test BSNs.
 *
 * The numbers exist only in this process's memory and in the benchmark's temporary export, which
 * is deleted with its folder: they are never written to the repository. They are drawn at random
 * (seeded), so none is known to belong to anyone, but they are valid-looking BSNs all the same.
 */
import { createReadStream, createWriteStream, renameSync } from 'node:fs';
import { once } from 'node:events';
import { passesElfproef } from '../src/core/pseudonym/bsn.ts';
import { Random } from '../fixtures/random.ts';

/** The fixtures' seeded generator: the same data on every run and machine. */
function random(seed: number): () => number {
  const generator = new Random(seed);
  return () => generator.next();
}

const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2];

/** `count` distinct 9-digit numbers passing the 11-proef, first digit 1–8. */
export function syntheticBsns(count: number, seed: number): string[] {
  const next = random(seed);
  const seen = new Set<number>();
  const out: string[] = [];
  while (out.length < count) {
    const head = 10_000_000 + Math.floor(next() * 80_000_000); // 8 digits, 10000000–89999999
    let sum = 0;
    let rest = head;
    for (let i = 7; i >= 0; i--) {
      sum += WEIGHTS[i]! * (rest % 10);
      rest = Math.floor(rest / 10);
    }
    const check = sum % 11; // 9·d1 + … + 2·d8 − d9 ≡ 0 (mod 11)
    if (check === 10) continue;
    const value = head * 10 + check;
    if (seen.has(value)) continue;
    seen.add(value);
    out.push(String(value));
  }
  for (const bsn of out.slice(0, 100)) if (!passesElfproef(bsn) || bsn.startsWith('9999')) throw new Error('syntheticBsns: fout in de generator');
  return out;
}

/** A valid 9999 test BSN standing alone (not glued to other digits). */
const TEST_BSN = /(?<![0-9])9999[0-9]{5}(?![0-9])/g;

/**
 * Rewrites the export in place: every valid test BSN becomes the next synthetic number in turn
 * (row i gets client i mod N), so N distinct clients each appear in about rows/N rows, spread over
 * the file the way a client's voorzieningen are. Invalid BSNs, placeholders and BSNs that lost
 * their leading zeros are left as they are, so the quality findings stay realistic. The file is
 * handled as latin1, byte for byte, so its Windows-1252 text is untouched. Returns how many
 * BSNs were replaced.
 */
export async function replaceTestBsns(file: string, clients: readonly string[]): Promise<number> {
  const temp = `${file}.clients`;
  const out = createWriteStream(temp, { encoding: 'latin1' });
  let replaced = 0;
  let carry = '';
  const substitute = (text: string) =>
    text.replace(TEST_BSN, (bsn) => (passesElfproef(bsn) ? clients[replaced++ % clients.length]! : bsn));
  for await (const chunk of createReadStream(file, { encoding: 'latin1', highWaterMark: 1 << 20 })) {
    const text = carry + (chunk as string);
    const cut = text.lastIndexOf('\n') + 1; // whole lines only, so no BSN is split between chunks
    carry = text.slice(cut);
    if (!out.write(substitute(text.slice(0, cut)))) await once(out, 'drain');
  }
  out.end(substitute(carry));
  await once(out, 'close');
  renameSync(temp, file);
  return replaced;
}
