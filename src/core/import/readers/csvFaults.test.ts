import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { previewFile } from './index.ts';
import { makeTempDir, readAll, rejectionOf } from './testSupport.ts';

/* Files that are not what they seem: each refusal says what was found, and where. */

const temp = makeTempDir();
afterAll(() => temp.remove());

const HEADER = 'BSN;Achternaam;Productcode;Product;Ingangsdatum;Leverancier;Bedrag';
const row = (i: number) => `${999999990 + (i % 9)};Droomhorst;01A01;Hulp bij het huishouden;1-1-2026;Zorggroep Fictievliet, locatie Noord;${i},50`;

async function refusal(name: string, content: string | Buffer) {
  const file = temp.file(name);
  writeFileSync(file, content);
  return (await rejectionOf(previewFile(file))) as Error & { code: string; location?: { row?: number } };
}

describe('csv faults', () => {
  it('reports an unclosed quote in an early row as such, not as a missing header (a "," in the names must not win)', async () => {
    const lines = [HEADER, ...Array.from({ length: 300 }, (_, i) => row(i))];
    lines[2] = lines[2]!.replace(';Droomhorst', ';"Droomhorst');
    const error = await refusal('quote.csv', `${lines.join('\r\n')}\r\n`);
    expect(error).toMatchObject({ code: 'CSV_AANHALINGSTEKEN', location: { file: 'quote.csv', row: 3 } });
    expect(error.message).toMatch(/^Rij 3 van 'quote\.csv' kan niet worden gelezen: een aanhalingsteken/);
  });

  it('reports a cell over the size limit as a row that is too long', async () => {
    const error = await refusal('groot.csv', `${HEADER}\r\n${row(1)}\r\n999999990;${'x'.repeat(10 * 1024 * 1024)};01A01\r\n${row(2)}\r\n`);
    expect(error).toMatchObject({ code: 'CSV_RIJ_TE_LANG', location: { file: 'groot.csv', row: 3 } });
    expect(error.message).toBe(
      "Rij 3 van 'groot.csv' kan niet worden gelezen: de rij is langer dan 8 MB (een cel boven de limiet, of geen regeleinden). " +
        'Een export van het cliëntsysteem heeft zulke waarden niet; controleer of dit het goede bestand is, of maak de export opnieuw.',
    );
  });

  it.each([
    ['random bytes', () => randomBytes(300_000)],
    ['a PDF', () => Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n', 'latin1'), randomBytes(50_000)])],
  ])('refuses %s as not a text file', async (_what, bytes) => {
    const error = await refusal('binair.csv', bytes());
    expect(error).toMatchObject({ code: 'GEEN_TEKSTBESTAND', location: { file: 'binair.csv' } });
    expect(error.message).toContain("Het bestand 'binair.csv' lijkt geen tekstbestand");
  });

  it('reports UTF-8 text inside a Windows-1252 file, with the first such row, instead of reading "ZorggrÃ©Ã©p"', async () => {
    const file = temp.file('gemengd-1252.csv');
    const cp1252 = Buffer.from(`${HEADER}\r\n${row(1).replace('Droomhorst', 'Zorggr\u00e9\u00e9p')}\r\n${row(2)}\r\n`, 'latin1');
    writeFileSync(file, Buffer.concat([cp1252, Buffer.from(`${row(3).replace('Droomhorst', 'Zorggr\u00e9\u00e9p')}\r\n`, 'utf8')]));
    const error = await rejectionOf(readAll(file, { format: 'csv', encoding: 'windows-1252', delimiter: ';', headerRow: 1 }));
    expect(error).toMatchObject({ code: 'CSV_TEKENSETS_GEMENGD', location: { file: 'gemengd-1252.csv', row: 4 } });
    expect((error as Error).message).toMatch(/^Rij 4 van 'gemengd-1252\.csv' bevat tekst in UTF-8, terwijl het bestand als Windows-1252 wordt gelezen/);
    // detection sees both in the sample, chooses Windows-1252 and so refuses the same row
    expect(await rejectionOf(previewFile(file))).toMatchObject({ code: 'CSV_TEKENSETS_GEMENGD', location: { row: 4 } });
  });

  it('reports Windows-1252 text after UTF-8 rows (beyond the detection sample) as a mixed file', async () => {
    const file = temp.file('gemengd-utf8.csv');
    const utf8Rows = Array.from({ length: 2000 }, (_, i) => row(i).replace('Droomhorst', 'Zorggr\u00e9\u00e9p'));
    const utf8 = Buffer.from(`${HEADER}\r\n${utf8Rows.join('\r\n')}\r\n`, 'utf8');
    writeFileSync(file, Buffer.concat([utf8, Buffer.from(`${row(1).replace('Droomhorst', 'Zorggr\u00e9\u00e9p')}\r\n`, 'latin1')]));
    expect((await previewFile(file, { headerRow: 1 }).catch((e: unknown) => e))).toMatchObject({ code: 'CSV_TEKENSETS_GEMENGD' });
    const error = await rejectionOf(readAll(file, { format: 'csv', encoding: 'utf-8', delimiter: ';', headerRow: 1 }));
    expect(error).toMatchObject({ code: 'CSV_TEKENSETS_GEMENGD', location: { file: 'gemengd-utf8.csv', row: 2002 } });
    expect((error as Error).message).toMatch(/^Rij 2002 van 'gemengd-utf8\.csv' is in een andere tekenset \(Windows-1252\) dan de rijen ervoor \(UTF-8\)/);
  });
});
