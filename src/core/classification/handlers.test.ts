import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openTestCore } from '../testing/testCore.ts';
import { tempDir } from '../testing/tempDir.ts';

/*
 * The Producten screen edits and imports the vertaaltabel through these handlers: a leefdomein,
 * voorziening or financier written as a person would is stored as its code.
 */
describe('the vertaaltabel through the products handlers', () => {
  test('an edit with names and numbers is stored with codes; an unknown value is refused and nothing stored', async () => {
    const { call, core } = await openTestCore();
    const edited = await call('products.save', {
      product: { productcode: 'HH1', product: 'Huishoudelijke hulp', pijler: 'Wmo', categorie: '1', voorziening: 'Hulp bij het huishouden', leefdomein: '2', financier: '' },
    });
    expect(edited.producten).toEqual([
      { productcode: 'HH1', product: 'Huishoudelijke hulp', pijler: 'WMO', categorie: '01', voorziening: 'WMO-01', leefdomein: 'LD02', financier: 'gemeente' },
    ]);
    expect(edited.keuzes.financiers.map((f) => f.code)).toEqual(['gemeente', 'zorgverzekeraar', 'wlz-uitvoerder', 'uwv', 'overig']);

    await expect(
      call('products.save', { product: { productcode: 'HH1', product: '', pijler: 'WMO', categorie: '', voorziening: 'WMO-01', leefdomein: 'ADL', financier: 'de buurman' } }),
    ).rejects.toThrow('Producttabel de vertaaltabel: rij 1, kolom financier: onbekende financier. Toegestaan in kolom financier: gemeente (Gemeente), ');
    expect((await call('products.table')).producten[0]!.financier).toBe('gemeente');
    core.close();
  });

  test('an imported Excel vertaaltabel with numbers as numbers and names in any case is stored and exported with codes', async () => {
    const { call, core, dialogs } = await openTestCore();
    const dir = tempDir();
    const file = path.join(dir, 'vertaaltabel.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Producten');
    sheet.addRow(['Productcode', 'Product', 'Pijler', 'Categorie', 'Voorziening', 'Leefdomein', 'Financier']);
    sheet.addRow(['45A04', 'Ambulant', 'Jeugdwet', 45, 'jeugdhulp AMBULANT', 7, 'Gemeente']);
    sheet.addRow(['WLZ1', 'Logeren', 'WMO', 4, 'WMO-04', 'wonen en verblijf', 'Wlz-uitvoerder']);
    sheet.addRow(['BB', 'Bijzondere bijstand', 'PW', null, 'Bijzondere Bijstand', '03', null]);
    await workbook.xlsx.writeFile(file);
    dialogs.queueOpen([file]);
    const imported = await call('products.import');
    expect(imported.ingelezen).toEqual({ bestand: path.basename(file), ingelezen: 3, nieuw: 3, gewijzigd: 0, ongewijzigd: 0, vervallen: 0 });
    expect(imported.producten.map((p) => [p.productcode, p.pijler, p.categorie, p.voorziening, p.leefdomein, p.financier])).toEqual([
      ['45A04', 'JW', '45', 'JW-45', 'LD07', 'gemeente'],
      ['BB', 'PW', '', 'PW-02', 'LD03', 'gemeente'],
      ['WLZ1', 'WMO', '04', 'WMO-04', 'LD08', 'wlz-uitvoerder'],
    ]);

    const out = path.join(dir, 'terug.csv');
    dialogs.queueSave(out);
    await call('products.export');
    expect(readFileSync(out, 'utf8').split('\r\n')).toEqual([
      '\uFEFFproductcode;product;pijler;categorie;voorziening;leefdomein;financier',
      '45A04;Ambulant;JW;45;JW-45;LD07;gemeente',
      'BB;Bijzondere bijstand;PW;;PW-02;LD03;gemeente',
      'WLZ1;Logeren;WMO;04;WMO-04;LD08;wlz-uitvoerder',
      '',
    ]);

    const wrong = path.join(dir, 'fout.csv');
    writeFileSync(wrong, 'productcode;pijler;voorziening;leefdomein\n45A04;JW;JW-45;7\nX1;WMO;WMO-01;Huishouden en ADL\n');
    dialogs.queueOpen([wrong]);
    await expect(call('products.import')).rejects.toThrow('Producttabel fout.csv: rij 3, kolom leefdomein: onbekend leefdomein. Toegestaan in kolom leefdomein: de code, het nummer of de naam: LD01 of 1');
    expect((await call('products.table')).producten).toHaveLength(3); // the earlier table stays
    core.close();
  });
});

/* What an import answers and logs is read by the screen and the privacy officer: its keys stay as they are. */
describe('the vertaaltabel and gebiedsindeling imports in the audit log', () => {
  test('an import logs and answers the file and its counts; a second one what changed; a cancelled one nothing', async () => {
    const dir = tempDir();
    const chosen = (name: string, lines: string[]) => {
      const file = path.join(dir, name);
      writeFileSync(file, `${lines.join('\n')}\n`);
      return [file];
    };
    const { call, core, dialogs } = await openTestCore();
    dialogs.queueOpen(chosen('eerste.csv', ['productcode;pijler;voorziening;leefdomein', 'A;WMO;WMO-01;1', 'B;WMO;WMO-01;1']));
    await call('products.import');
    // A changed, B gone, C and D new.
    dialogs.queueOpen(chosen('tweede.csv', ['productcode;pijler;voorziening;leefdomein', 'A;WMO;WMO-01;2', 'C;WMO;WMO-01;1', 'D;WMO;WMO-01;1']));
    const imported = await call('products.import');
    expect(JSON.stringify(imported.ingelezen)).toBe(JSON.stringify({ bestand: 'tweede.csv', ingelezen: 3, nieuw: 2, gewijzigd: 1, ongewijzigd: 0, vervallen: 1 }));
    expect((await call('products.import')).ingelezen).toBeNull();
    dialogs.queueOpen(chosen('gebieden.csv', ['postcode;wijk', '1234;WK1', '1235AB;WK2']));
    expect((await call('areas.import')).gebieden.map((g) => g.postcode)).toEqual(['1234', '1235AB']);
    expect((await call('areas.import')).gebieden).toHaveLength(2);
    dialogs.queueSave(null);
    expect(await call('areas.export')).toEqual({ saved: false });

    const logged = (await call('audit.list', { limit: 10 })).reverse().map((e) => [e.action, JSON.stringify(e.details)]);
    expect(logged).toEqual([
      ['vertaaltabel geïmporteerd', JSON.stringify({ bestand: 'eerste.csv', producten: 2, nieuw: 2, gewijzigd: 0, vervallen: 0 })],
      ['vertaaltabel geïmporteerd', JSON.stringify({ bestand: 'tweede.csv', producten: 3, nieuw: 2, gewijzigd: 1, vervallen: 1 })],
      ['gebiedsindeling geïmporteerd', JSON.stringify({ bestand: 'gebieden.csv', postcodes: 2 })],
    ]);
    core.close();
  });
});
