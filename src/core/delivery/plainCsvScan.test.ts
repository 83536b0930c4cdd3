import { describe, expect, test } from 'vitest';
import { Random } from '../../../fixtures/random.ts';
import { carriesBsn } from '../privacy/bsnRuns.ts';
import { createPlainCsvScan, type PlainCsv } from './plainCsvScan.ts';

/** The scan of `text` pushed in chunks of `size` bytes. */
function scan(text: string, size = 1 << 16): PlainCsv {
  const bytes = Buffer.from(text, 'utf8');
  const s = createPlainCsvScan();
  for (let at = 0; at < bytes.length; at += size) s.push(bytes.subarray(at, at + size));
  return s.finish();
}

describe('a delivery CSV judged from its bytes alone', () => {
  test('a plain file: its header and its records counted as lines', () => {
    expect(scan('\uFEFFa;b\r\n1;x\r\n2;y\r\n')).toEqual({ plain: true, header: 'a;b', rows: 2, unguarded: true });
    expect(scan('\uFEFFa;b\r\n1;x\r\n2;y\r\n', 1)).toEqual({ plain: true, header: 'a;b', rows: 2, unguarded: true });
    expect(scan('a;b\r\n')).toEqual({ plain: true, header: 'a;b', rows: 0, unguarded: true });
  });

  test('a field starting with the formula guard is seen wherever it stands; a ' + "'" + ' inside a value is no guard', () => {
    const guardAt = (text: string, size?: number) => (scan(text, size) as { unguarded: boolean }).unguarded;
    expect(guardAt("a;b\r\n1;van 't Hek\r\n")).toBe(true);
    for (const text of ["a;b\r\n1;'=x\r\n", "a;b\r\n'=1;x\r\n", "\uFEFF'a;b\r\n1;x\r\n", "'a;b\r\n1;x\r\n"]) {
      for (const size of [1, 2, 3, 64]) expect(guardAt(text, size), `${JSON.stringify(text)} in chunks of ${size}`).toBe(false);
    }
  });

  test.each([
    ['a quote', 'a;b\r\n"1";x\r\n'],
    ['a line ended by LF alone', 'a;b\r\n1;x\n2;y\r\n'],
    ['a CR alone', 'a;b\r\n1;x\r2;y\r\n'],
    ['an empty line', 'a;b\r\n1;x\r\n\r\n2;y\r\n'],
    ['no line end after the last record', 'a;b\r\n1;x\r\n2;y'],
    ['nine digits', 'a;b\r\n1;123456789\r\n'],
    ['nine digits as 3-3-3', 'a;b\r\n1;tel 123 456 789\r\n'],
    ['nine digits with NBSP', 'a;b\r\n1;123\u00a0456\u00a0789\r\n'],
    ['nine digits after a letter with an accent', 'a;b\r\n1;é123456789\r\n'],
    ['nothing', ''],
  ])('%s is not plain', (_, text) => {
    expect(scan(text)).toEqual({ plain: false });
    expect(scan(text, 3)).toEqual({ plain: false });
  });

  test('digits glued to a letter, dates and amounts leave a file plain', () => {
    expect(scan('a;b;c;d\r\nc123456789ab;2026-07-01;1234.50;73000001\r\n').plain).toBe(true);
    // A hex pseudonym may start with nine or more digits: glued to what follows, no BSN.
    expect(scan('a;b\r\n123456789ab3f;9999131410\r\n').plain).toBe(true);
    expect(scan('a;b\r\n1;999913141a\r\n', 3).plain).toBe(true);
  });

  test('nine digits split over two chunks are seen', () => {
    const text = 'a;b\r\n1;x 123456789\r\n';
    for (let size = 1; size <= text.length; size++) expect(scan(text, size)).toEqual({ plain: false });
  });

  test('whatever the scan per field refuses, a plain file cannot hold', () => {
    const rnd = new Random(11);
    const pieces = ['1', '9', '0', ' ', '.', '-', '\u00a0', 'a', 'f3', 'é', ';', '999', '913', '141', '9999', '13', '14', '999913141', '999913141b'];
    let refused = 0;
    for (let n = 0; n < 4000; n++) {
      const fields = Array.from({ length: 3 }, () => Array.from({ length: 1 + Math.floor(rnd.next() * 8) }, () => pieces[Math.floor(rnd.next() * pieces.length)]).join('').replaceAll(';', ''));
      const text = `a;b;c\r\n${fields.join(';')}\r\n`;
      if (fields.some((f) => carriesBsn(f))) {
        refused++;
        expect(scan(text, 1 + (n % 7)), JSON.stringify(fields)).toEqual({ plain: false });
      }
    }
    expect(refused).toBeGreaterThan(100);
  });
});
