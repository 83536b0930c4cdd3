import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { deliverExportFiles } from '../delivery/deliverExportFiles.ts';
import { deliveryFiles } from '../delivery/deliveryTestKit.ts';
import { verifyDelivery } from '../delivery/verifyDelivery.ts';
import { parsePeriode } from '../period/periode.ts';
import { createKey } from '../pseudonym/wm1.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { openDatabase } from '../store/database.ts';
import { tempDir } from '../testing/tempDir.ts';
import { figuresFromDeliveries } from './deliveryFigures.ts';

const csv = (text: string) => Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true }).data;

/*
 * The chain as a gemeente runs it (`deliver --products`, then `figures`): an export whose
 * aanbieder column holds names and no AGB code, and a vertaaltabel filled in by hand with
 * leefdomeinen as numbers and names, voorzieningen and financiers by name.
 */
describe('export with provider names and a hand-written vertaaltabel, through delivery to figures', () => {
  test('the delivery holds codes only; figures split by leefdomein code and by aanbieder name', async () => {
    const dir = tempDir();
    const exportFile = path.join(dir, 'export_2026Q3.csv');
    writeFileSync(
      exportFile,
      [
        'BSN;Productcode;Begindatum;Einddatum;Aanbieder;Bedrag;Postcode',
        '999900006;HH;01-07-2026;;Zorggroep Ééndracht & Cie;100,00;9901AB',
        '999900018;HH;01-07-2026;;Stichting Zorg=Nabij;200,00;9901AB',
        '999900031;HH;15-07-2026;;ZORGGROEP EENDRACHT & CIE;50,00;9901AB',
        '999900043;BG;01-08-2026;;Zorggroep Ééndracht & Cie;30,00;9901AB',
        '999900055;BG;01-08-2026;;;5,00;9901AB',
        '',
      ].join('\r\n'),
    );
    const productsFile = path.join(dir, 'vertaaltabel.csv');
    writeFileSync(
      productsFile,
      [
        'productcode;product;pijler;categorie;voorziening;leefdomein;financier',
        'HH;Huishoudelijke hulp;Wmo;1;Hulp bij het huishouden;2;',
        'BG;Begeleiding;WMO;02;wmo-02;sociaal netwerk en participatie;Gemeente',
        '',
      ].join('\n'),
    );
    const areasFile = path.join(dir, 'gebieden.csv');
    writeFileSync(areasFile, 'postcode;wijk;wijknaam;gebied\n9901;WK990101;Centrum;\n');

    const db = await openDatabase(path.join(dir, 'wijkmonitor.sqlite'));
    const { file } = await deliverExportFiles({
      db, key: createKey(), gemeente: { code: 'GM9901', naam: 'Testgemeente' }, periode: '2026Q3', exports: [exportFile], productsFile, areasFile, out: dir, appVersion: 'test',
    });
    db.close();
    expect(await verifyDelivery(file)).toMatchObject({ ok: true });
    const files = await deliveryFiles(file);
    expect(files.get('producten.csv')!.split('\r\n')).toEqual([
      '\uFEFFproductcode;product;pijler;categorie;voorziening;leefdomein;financier',
      'HH;Huishoudelijke hulp;WMO;01;WMO-01;LD02;gemeente',
      'BG;Begeleiding;WMO;02;WMO-02;LD06;gemeente',
      '',
    ]);
    const records = csv(files.get('voorzieningen.csv')!);
    expect(records.map((r) => [r.productcode, r.voorziening, r.leefdomein, r.financier, r.aanbieder, r.aanbieder_naam])).toEqual([
      ['HH', 'WMO-01', 'LD02', 'gemeente', '', 'Zorggroep Ééndracht & Cie'],
      ['HH', 'WMO-01', 'LD02', 'gemeente', '', 'Stichting Zorg=Nabij'],
      ['HH', 'WMO-01', 'LD02', 'gemeente', '', 'ZORGGROEP EENDRACHT & CIE'],
      ['BG', 'WMO-02', 'LD06', 'gemeente', '', 'Zorggroep Ééndracht & Cie'],
      ['BG', 'WMO-02', 'LD06', 'gemeente', '', ''],
    ]);

    const out = path.join(dir, 'cijfers.csv');
    await figuresFromDeliveries([file], parsePeriode('2026Q3'), out, loadReferenceTables());
    const figures = csv(readFileSync(out, 'utf8')).filter((f) => f.wijk === '');
    const value = (indicator: string, dimensie: string) => figures.filter((f) => f.indicator === indicator && f.dimensie === dimensie).map((f) => f.waarde);
    expect(value('clienten', 'leefdomein=LD02')).toEqual(['3']);
    expect(value('kosten', 'leefdomein=LD06')).toEqual(['35']);
    expect(value('kosten', 'aanbieder=zorggroep eendracht cie')).toEqual(['180']);
    expect(value('kosten', 'aanbieder=stichting zorg nabij')).toEqual(['200']);
    expect(value('kosten', 'aanbieder=')).toEqual(['5']);
    expect(value('clienten', 'productcode=HH|aanbieder=zorggroep eendracht cie')).toEqual(['2']);
    expect(figures.filter((f) => f.indicator === 'clienten' && f.dimensie!.startsWith('aanbieder=')).map((f) => f.dimensie).sort()).toEqual([
      'aanbieder=', 'aanbieder=stichting zorg nabij', 'aanbieder=zorggroep eendracht cie',
    ]);

    // With a programmering: its indicators beside the others, at the level of each target.
    const target = { jaar: 2026, pijler: 'WMO', productcode: 'HH', aanbieder: '', wijk: '', clienten: null, kosten: null, aandeel: null };
    const programmering = [
      { ...target, clienten: 3, kosten: 1000 },
      { ...target, aanbieder: 'zorggroep eendracht cie', clienten: 1 },
      { ...target, productcode: '', wijk: 'WK990101', kosten: 500 },
    ];
    const withTargets = path.join(dir, 'cijfers-programmering.csv');
    await figuresFromDeliveries([file], parsePeriode('2026Q3'), withTargets, loadReferenceTables(), undefined, { programmering });
    const all = csv(readFileSync(withTargets, 'utf8'));
    const of = (dimensie: string, wijk = '') => Object.fromEntries(all.filter((f) => f.dimensie === dimensie && f.wijk === wijk && /^(streef|realisatie|prognose)_/.test(f.indicator!)).map((f) => [f.indicator, f.waarde]));
    // Only 2026Q3 is loaded (92 days): HH costs 350, projected 350 × 365 / 92.
    expect(of('pijler=WMO|productcode=HH')).toEqual({ streef_clienten: '3', streef_kosten: '1000', realisatie_clienten_pct: '100', realisatie_kosten_pct: '35', prognose_kosten: '1388.59' });
    expect(of('pijler=WMO|productcode=HH|aanbieder=zorggroep eendracht cie')).toEqual({ streef_clienten: '1', realisatie_clienten_pct: '200', prognose_kosten: '595.11' });
    expect(of('pijler=WMO', 'WK990101')).toEqual({ streef_kosten: '500', realisatie_kosten_pct: '77', prognose_kosten: '1527.45' });
    // The rest of the file is the same as without a programmering.
    expect(all.filter((f) => !/^(streef|realisatie|prognose)_/.test(f.indicator!))).toEqual(csv(readFileSync(out, 'utf8')));
  });
});
