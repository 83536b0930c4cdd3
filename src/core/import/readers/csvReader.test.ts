import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../errors.ts';
import { detectSettings, previewFile, readRows } from './index.ts';
import type { CsvSettings } from './types.ts';
import { isOpenByThisProcess, makeTempDir, readAll, rejectionOf } from './testSupport.ts';

const temp = makeTempDir();
afterAll(() => temp.remove());

function csvFile(name: string, content: string | Buffer): string {
  const file = temp.file(name);
  writeFileSync(file, content);
  return file;
}

const semicolon = (headerRow = 1): CsvSettings => ({ format: 'csv', encoding: 'utf-8', delimiter: ';', headerRow });

describe('encoding', () => {
  it('reads UTF-8 with a byte order mark and strips it', async () => {
    const file = csvFile('bom.csv', '\uFEFFNaam;Woonplaats\nJosé;Zoëterwoude\n');
    const detected = await detectSettings(file);
    expect(detected.settings).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ';', headerRow: 1 });
    const { headers, rows } = await readAll(file, detected.settings);
    expect(headers).toEqual(['Naam', 'Woonplaats']);
    expect(rows).toEqual([{ row: 2, cells: ['José', 'Zoëterwoude'] }]);
  });

  it('recognises UTF-8 without a byte order mark', async () => {
    const file = csvFile('utf8.csv', 'Naam;Product\nEén;€ 12,50\n');
    const preview = await previewFile(file);
    expect(preview.settings).toMatchObject({ encoding: 'utf-8', delimiter: ';', headerRow: 1 });
    expect(preview.rows[0]!.cells).toEqual(['Eén', '€ 12,50']);
  });

  it('decodes Windows-1252 bytes (é, ë, € = 0x80)', async () => {
    const bytes = Buffer.concat([Buffer.from('Naam;Bedrag\n'), Buffer.from([0x52, 0x65, 0x6e, 0xe9, 0x3b, 0x80, 0x20, 0x35, 0x0a]), Buffer.from([0x5a, 0x6f, 0xeb, 0x3b, 0x31, 0x0a])]);
    const file = csvFile('ansi.csv', bytes);
    const detected = await detectSettings(file);
    expect(detected.settings).toMatchObject({ encoding: 'windows-1252' });
    const { rows } = await readAll(file, detected.settings);
    expect(rows.map((row) => row.cells)).toEqual([
      ['René', '€ 5'],
      ['Zoë', '1'],
    ]);
  });

  it('looks past a plain-ASCII start for the first non-ASCII byte', async () => {
    const lines = ['Code;Omschrijving'];
    for (let i = 0, length = 0; length < 200_000; i++) {
      const line = `${i};regel ${i}`;
      lines.push(line);
      length += line.length + 1;
    }
    const bytes = Buffer.concat([Buffer.from(lines.join('\n') + '\n'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x3b, 0x78, 0x0a])]);
    const file = csvFile('late-ansi.csv', bytes);
    const detected = await detectSettings(file);
    expect(detected.settings).toMatchObject({ encoding: 'windows-1252', headerRow: 1 });
    const { rows } = await readAll(file, detected.settings);
    expect(rows.at(-1)).toEqual({ row: lines.length + 1, cells: ['Café', 'x'] });
  });

  it('keeps a multi-byte character cut by the sample boundary or a read chunk as UTF-8', async () => {
    const header = 'Naam;Omschrijving\n';
    const filler = (length: number) => 'x;' + 'a'.repeat(length - 3) + '\n';
    // é (2 bytes) straddles byte 65,536 (end of the detection sample) and € (3 bytes) byte 1,048,576 (a read chunk)
    let text = header + filler(65_535 - header.length - 2) + 'y;é\n';
    expect(Buffer.byteLength(text.slice(0, text.indexOf('é')))).toBe(65_535);
    const start = Buffer.byteLength(text);
    const fillers = Math.floor((1_048_576 - 40 - start) / 40);
    text += filler(40).repeat(fillers);
    const gap = 1_048_573 - (start + fillers * 40);
    text += 'z;' + 'b'.repeat(gap) + '€\n';
    expect(Buffer.byteLength(text.slice(0, text.indexOf('€')))).toBe(1_048_575);
    const file = csvFile('boundary.csv', text);
    const detected = await detectSettings(file);
    expect(detected.settings).toMatchObject({ encoding: 'utf-8' });
    const { rows } = await readAll(file, detected.settings);
    expect(rows.find((row) => row.cells[0] === 'y')!.cells[1]).toBe('é');
    expect(rows.at(-1)!.cells[1]).toBe('b'.repeat(gap) + '€');
  });

  it('names the row when a UTF-8 file turns out to contain other bytes', async () => {
    const bytes = Buffer.concat([Buffer.from('Naam;Plaats\nA;B\nC;D\n'), Buffer.from([0x45, 0xe9, 0x3b, 0x46, 0x0a])]);
    const file = csvFile('mixed.csv', bytes);
    const error = await rejectionOf(readAll(file, semicolon()));
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code: 'CSV_TEKENSET', location: { file: 'mixed.csv', row: 4 } });
    expect((error as UserError).message).toContain('Windows-1252');
  });

  it('refuses UTF-16 with a Dutch message', async () => {
    const file = csvFile('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Naam;Plaats\r\n', 'utf16le')]));
    const error = await rejectionOf(detectSettings(file));
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code: 'UTF16_NIET_ONDERSTEUND' });
    expect((error as UserError).message).toContain('UTF-8');
    expect((error as UserError).message).toContain('CSV (gescheiden door lijstscheidingsteken)');
    expect((error as UserError).message).toContain("'utf16.csv'");
  });
});

describe('delimiter and header detection', () => {
  it.each([
    [';', 'BSN;Naam;Bedrag\n1;Jansen, P.;12,50\n2;De Vries;3,00\n'],
    [',', 'BSN,Naam,Bedrag\n1,"Jansen; P.",12.50\n2,De Vries,3.00\n'],
    ['\t', 'BSN\tNaam\tBedrag\n1\tJansen, P.\t12,50\n2\tDe Vries\t3,00\n'],
    ['|', 'BSN|Naam|Bedrag\n1|Jansen; P.|12,50\n2|De Vries|3,00\n'],
  ])('detects %j', async (delimiter, content) => {
    const file = csvFile(`delim-${content.charCodeAt(3)}.csv`, content);
    const detected = await detectSettings(file);
    expect(detected.settings).toMatchObject({ delimiter, headerRow: 1 });
    const { headers, rows } = await readAll(file, detected.settings);
    expect(headers).toEqual(['BSN', 'Naam', 'Bedrag']);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.cells).toHaveLength(3);
  });

  it('skips a title row and a blank row above the header; row numbers are physical', async () => {
    const file = csvFile(
      'title.csv',
      'Overzicht voorzieningen 2026 Q3\n\nBSN;Naam;Startdatum;Bedrag\n999999990;Jansen;01-07-2026;12,50\n\n999999991;De Vries;15-07-2026;3\n',
    );
    const detected = await detectSettings(file);
    expect(detected.settings).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ';', headerRow: 3 });
    const { headers, rows } = await readAll(file, detected.settings);
    expect(headers).toEqual(['BSN', 'Naam', 'Startdatum', 'Bedrag']);
    expect(rows).toEqual([
      { row: 4, cells: ['999999990', 'Jansen', '01-07-2026', '12,50'] },
      { row: 6, cells: ['999999991', 'De Vries', '15-07-2026', '3'] },
    ]);
  });

  it('skips title lines padded with delimiters, as Excel writes them', async () => {
    const file = csvFile('padded.csv', 'Gemeente;Voorbeeld;;\nPeildatum;30-09-2026;;\n;;;\nBSN;Naam;Wijk;Product\n1;A;W01;P1\n2;B;W02;P2\n3;C;W01;P1\n');
    const preview = await previewFile(file);
    expect(preview.settings).toMatchObject({ delimiter: ';', headerRow: 4 });
    expect(preview.rows.map((row) => row.row)).toEqual([5, 6, 7]);
  });

  it('passes over key-value lines above a narrow table', async () => {
    const file = csvFile('narrow.csv', 'Gemeente;Voorbeeld\nPeriode;2026 Q3\n\nBSN;Product;Bedrag\n1;P1;3\n2;P2;4\n3;P1;5\n');
    const preview = await previewFile(file);
    expect(preview.settings).toMatchObject({ delimiter: ';', headerRow: 4 });
    expect(preview.headers).toEqual(['BSN', 'Product', 'Bedrag']);
  });

  it('refuses a file without a header row', async () => {
    const file = csvFile('noheader.csv', '1;2;3\n4;5;6\n7;8;9\n');
    const error = await rejectionOf(detectSettings(file));
    expect(error).toMatchObject({ code: 'KOPREGEL_NIET_GEVONDEN', location: { file: 'noheader.csv' } });
  });

  it('lets the caller fix delimiter and header row in the preview', async () => {
    const file = csvFile('override.csv', 'a,b;c\n1,2;3\n4,5;6\n');
    expect((await previewFile(file)).settings).toMatchObject({ delimiter: ';' });
    const preview = await previewFile(file, { delimiter: ',', headerRow: 2 }, 10);
    expect(preview.settings).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ',', headerRow: 2 });
    expect(preview.headers).toEqual(['1', '2;3']);
    expect(preview.rows).toEqual([{ row: 3, cells: ['4', '5;6'] }]);
  });

  it('names empty and repeated column names and says so', async () => {
    const file = csvFile('names.csv', 'BSN;;Naam;naam\n1;x;A;B\n');
    const preview = await previewFile(file);
    expect(preview.headers).toEqual(['BSN', 'Kolom B', 'Naam', 'naam (2)']);
    expect(preview.warnings.join(' ')).toContain('Kolom B');
    expect(preview.warnings.join(' ')).toContain('Kolom D');
  });

  it('refuses .xls in Dutch and unknown extensions', async () => {
    const xls = csvFile('oud.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    const error = await rejectionOf(detectSettings(xls));
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('Het oude Excel-formaat (.xls) wordt niet ondersteund; sla het bestand in Excel op als .xlsx of CSV.');
    expect((error as UserError).message).toContain("'oud.xls'");
    expect(await rejectionOf(previewFile(csvFile('data.json', '{}')))).toMatchObject({ code: 'FORMAAT_NIET_ONDERSTEUND' });
  });

  it('refuses an empty file and reports a missing file in Dutch', async () => {
    expect(await rejectionOf(detectSettings(csvFile('leeg.csv', '')))).toMatchObject({ code: 'BESTAND_LEEG', location: { file: 'leeg.csv' } });
    expect(await rejectionOf(detectSettings(csvFile('wit.csv', '\uFEFF\r\n  \r\n')))).toMatchObject({ code: 'BESTAND_LEEG' });
    expect(await rejectionOf(detectSettings(temp.file('weg.csv')))).toMatchObject({ code: 'BESTAND_NIET_GEVONDEN' });
    expect(await rejectionOf(readAll(temp.file('weg.csv'), semicolon()))).toMatchObject({ code: 'BESTAND_NIET_GEVONDEN' });
  });
});

describe('parsing', () => {
  it('handles a quoted delimiter, a quoted newline and doubled quotes, with physical row numbers', async () => {
    const file = csvFile('quotes.csv', 'Naam;Opmerking;Code\n"Jansen; P.";"regel 1\nregel 2\nregel 3";"zei ""hoi"""\nDe Vries;gewoon;"01A01"\n');
    const { rows } = await readAll(file, semicolon());
    expect(rows).toEqual([
      { row: 2, cells: ['Jansen; P.', 'regel 1\nregel 2\nregel 3', 'zei "hoi"'] },
      { row: 5, cells: ['De Vries', 'gewoon', '01A01'] },
    ]);
  });

  it('reads CRLF files, also with CRLF inside a quoted field', async () => {
    const file = csvFile('crlf.csv', 'Titel\r\n\r\nNaam;Opmerking\r\nA;"x\r\ny"\r\nB;z\r\n');
    const detected = await detectSettings(file);
    expect(detected.settings).toMatchObject({ delimiter: ';', headerRow: 3 });
    const { headers, rows } = await readAll(file, detected.settings);
    expect(headers).toEqual(['Naam', 'Opmerking']);
    expect(rows).toEqual([
      { row: 4, cells: ['A', 'x\r\ny'] },
      { row: 6, cells: ['B', 'z'] },
    ]);
  });

  it('reads old Mac line endings (CR only)', async () => {
    const file = csvFile('cr.csv', 'Naam;Code\rA;1\rB;2\r');
    const detected = await detectSettings(file);
    const { rows } = await readAll(file, detected.settings);
    expect(rows).toEqual([
      { row: 2, cells: ['A', '1'] },
      { row: 3, cells: ['B', '2'] },
    ]);
  });

  it('ignores empty trailing columns and pads short rows', async () => {
    const file = csvFile('trailing.csv', 'a;b;c;;\n1;2;3;;\n4;;;;\n5\n;;;;\n');
    const { headers, rows } = await readAll(file, semicolon());
    expect(headers).toEqual(['a', 'b', 'c']);
    expect(rows).toEqual([
      { row: 2, cells: ['1', '2', '3'] },
      { row: 3, cells: ['4', null, null] },
      { row: 4, cells: ['5', null, null] },
    ]);
  });

  it('keeps text as in the file, trimmed; empty is null', async () => {
    const file = csvFile('trim.csv', 'Code;Naam;Leeg\n  0123 ;  Van  der Berg\t;   \n');
    const { rows } = await readAll(file, semicolon());
    expect(rows[0]!.cells).toEqual(['0123', 'Van  der Berg', null]);
  });

  it('refuses a row with more filled fields than the header, naming row and column', async () => {
    const file = csvFile('extra.csv', 'a;b\n1;2\n3;4;5\n');
    const error = await rejectionOf(readAll(file, semicolon()));
    expect(error).toMatchObject({ code: 'CSV_TE_VEEL_KOLOMMEN', location: { file: 'extra.csv', row: 3, column: 'C' } });
    expect((error as Error).message).not.toContain('5');
  });

  it('refuses an unclosed quote, naming the row', async () => {
    const file = csvFile('unclosed.csv', 'a;b\n1;2\n3;"geheim\n5;6\n');
    const error = await rejectionOf(readAll(file, semicolon()));
    expect(error).toMatchObject({ code: 'CSV_AANHALINGSTEKEN', location: { file: 'unclosed.csv', row: 3 } });
    expect((error as Error).message).not.toContain('geheim');
  });

  it('refuses a malformed closing quote, naming the row', async () => {
    const file = csvFile('malformed.csv', 'a;b\n1;2\n"geheim"x;4\n5;6\n');
    expect(await rejectionOf(readAll(file, semicolon()))).toMatchObject({ code: 'CSV_AANHALINGSTEKEN', location: { row: 3 } });
  });

  it('refuses an unclosed quote in a large file without reading it all into memory', async () => {
    const file = temp.file('runaway.csv');
    const { createWriteStream } = await import('node:fs');
    const out = createWriteStream(file);
    out.write('a;b\n1;"open\n');
    for (let i = 0; i < 120_000; i++) out.write(`${i};regel zonder einde ${i}\n`);
    await new Promise<void>((resolve) => out.end(resolve));
    const error = await rejectionOf(readAll(file, semicolon()));
    expect(error).toMatchObject({ code: 'CSV_AANHALINGSTEKEN', location: { row: 2 } });
  });

  it('reports a header row that is empty', async () => {
    const file = csvFile('blankheader.csv', 'Titel\n\na;b\n1;2\n');
    expect(await rejectionOf(readAll(file, semicolon(2)))).toMatchObject({ code: 'KOPREGEL_LEEG', location: { row: 2 } });
    expect(await rejectionOf(readAll(file, semicolon(9)))).toMatchObject({ code: 'KOPREGEL_LEEG', location: { row: 9 } });
  });

  it('returns an empty result for a header without data', async () => {
    const file = csvFile('onlyheader.csv', 'a;b\n');
    expect(await readAll(file, semicolon())).toEqual({ headers: ['a', 'b'], rows: [] });
    const preview = await previewFile(file);
    expect(preview.warnings).toContain('Onder de kopregel staan geen gegevens.');
  });
});

describe('streaming', () => {
  function bigCsv(name: string, rows: number): string {
    const lines = ['BSN;Naam;Postcode;Product;Bedrag'];
    for (let i = 0; i < rows; i++) lines.push(`${100000000 + i};Naam ${i};1234AB;P${i % 7};${i},50`);
    return csvFile(name, lines.join('\r\n') + '\r\n');
  }

  it('delivers batches of the requested size and reports byte progress', async () => {
    const file = bigCsv('batches.csv', 12_345);
    const progress: [number, number][] = [];
    const reader = readRows(file, semicolon(), { batchSize: 1000, onBytes: (read, total) => progress.push([read, total]) });
    const sizes: number[] = [];
    let last = 0;
    for await (const batch of reader.batches) {
      sizes.push(batch.length);
      last = batch.at(-1)!.row;
    }
    expect(await reader.headers).toEqual(['BSN', 'Naam', 'Postcode', 'Product', 'Bedrag']);
    expect(sizes.slice(0, -1).every((size) => size === 1000)).toBe(true);
    expect(sizes.reduce((a, b) => a + b)).toBe(12_345);
    expect(last).toBe(12_346);
    const [read, total] = progress.at(-1)!;
    expect(read).toBe(total);
    expect(isOpenByThisProcess(file)).not.toBe(true);
  });

  it('stops on abort with an AbortError and closes the file', async () => {
    const file = bigCsv('abort.csv', 200_000);
    const controller = new AbortController();
    const reader = readRows(file, semicolon(), { signal: controller.signal, batchSize: 1000 });
    const iterator = reader.batches[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(isOpenByThisProcess(file)).not.toBe(false);
    controller.abort();
    let caught: unknown;
    try {
      for (;;) if ((await iterator.next()).done) break;
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ name: 'AbortError' });
    expect(isOpenByThisProcess(file)).not.toBe(true);
  });

  it('closes the file when the consumer stops early or only reads the headers', async () => {
    const file = bigCsv('early.csv', 50_000);
    const reader = readRows(file, semicolon(), { batchSize: 100 });
    for await (const batch of reader.batches) {
      expect(batch).toHaveLength(100);
      break;
    }
    expect(isOpenByThisProcess(file)).not.toBe(true);
    const headersOnly = readRows(file, semicolon());
    expect(await headersOnly.headers).toHaveLength(5);
    await headersOnly.close();
    expect(isOpenByThisProcess(file)).not.toBe(true);
  });

  it('does not open the file before it is asked for', async () => {
    const reader = readRows(temp.file('never.csv'), semicolon());
    // a failure that nobody asked for must not become an unhandled rejection
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await rejectionOf(reader.headers)).toMatchObject({ code: 'BESTAND_NIET_GEVONDEN' });
  });

  it('reads 200,000 rows with bounded memory', async () => {
    const file = temp.file('large.csv');
    const { createWriteStream } = await import('node:fs');
    const out = createWriteStream(file);
    const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
    await write('Overzicht\n\nBSN;Naam;Adres;Postcode;Woonplaats;Product;Start;Eind;Bedrag;Opmerking\n');
    for (let i = 0; i < 200_000; i++) {
      await write(`${100000000 + i};Achternaam-${i};Straatweg ${i % 500};${1000 + (i % 9000)}AB;Plaats ${i % 40};P${i % 50};01-01-2026;;${i % 1000},25;"opmerking met ; en ""quote"" ${i}"\n`);
    }
    await new Promise<void>((resolve) => out.end(resolve));

    // Retained heap after a forced collection: holding the rows read so far would grow it by ~50 MB.
    const gc = (globalThis as { gc?: () => void }).gc!;
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let count = 0;
    let lastRow = 0;
    const reader = readRows(file, { format: 'csv', encoding: 'utf-8', delimiter: ';', headerRow: 3 });
    for await (const batch of reader.batches) {
      count += batch.length;
      lastRow = batch.at(-1)!.row;
      if (count % 50_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    expect(count).toBe(200_000);
    expect(lastRow).toBe(200_003);
    expect(peak - before).toBeLessThan(20 * 1024 * 1024);
  });
});
