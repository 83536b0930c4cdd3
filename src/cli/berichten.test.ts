import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, test } from 'vitest';
import { deliveryFiles } from '../core/delivery/deliveryTestKit.ts';
import { wmo301, wmo305, wmo307, wmo323, type TestClient } from '../core/import/berichten/testMessages.ts';
import { fixtureSet, type FixtureSet } from '../core/testing/fixtureSet.ts';
import { tempDir } from '../core/testing/tempDir.ts';
import { runCli } from './testing/runCli.ts';

/* Issue 18 through the CLI: `deliver` and `quality` take iWmo messages next to an export. */

const PASSPHRASE = 'lange testwachtwoordzin';
const cli = (args: string[]) => runCli(args, { env: { WIJKMONITOR_PASSPHRASE: PASSPHRASE } });
const ANNA: TestClient = { bsn: '999900055', geboortedatum: '1950-03-17', geslacht: '2', postcode: '1011AB', huisnummer: '12' };
const kop = { gemeente: '9903', aanbieder: '12345678', dagtekening: '2026-06-01' };

let fixtures: FixtureSet;
let work: string;
let key: string;
let berichten: string;
let products: string;

beforeAll(async () => {
  fixtures = await fixtureSet();
  work = tempDir('wm-berichten-cli-');
  key = path.join(work, 'GM9903.wmkey');
  expect(cli(['key', 'create', '--out', key]).code).toBe(0);
  berichten = path.join(work, 'berichten');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(berichten);
  const toewijzing = { nummer: '7000001', categorie: '02', code: '02Z99', datum: '2026-06-01', tijd: '10:00:00', ingangsdatum: '2026-07-01', einddatum: '2026-12-31', volume: 4, eenheid: '04', frequentie: '2' };
  writeFileSync(path.join(berichten, '1.xml'), wmo301({ ...kop, id: 'C1', client: ANNA, toewijzingen: [toewijzing] }));
  writeFileSync(path.join(berichten, '2.xml'), wmo305({ ...kop, id: 'C2', client: ANNA, starts: [{ nummer: '7000001', begindatum: '2026-07-06' }] }));
  writeFileSync(path.join(berichten, '3.xml'), wmo307({ ...kop, id: 'C3', client: ANNA, stops: [{ nummer: '7000001', begindatum: '2026-07-06', einddatum: '2026-09-15' }] }));
  const line = (referentie: string, centen: number, dc: 'D' | 'C', maand: string, extra: { vorige?: string; nummer?: string } = {}) => ({
    bsn: ANNA.bsn, referentie, vorige: extra.vorige, nummer: extra.nummer ?? '7000001', categorie: '02', code: '02Z99', begindatum: `2026-${maand}-01`, einddatum: `2026-${maand}-28`, volume: 4, eenheid: '04', centen, dc,
  });
  writeFileSync(path.join(berichten, '4.xml'), wmo323({ ...kop, id: 'C4', nummer: 'D1', begindatum: '2026-07-01', einddatum: '2026-08-31', prestaties: [
    line('R1', 10000, 'D', '07'), line('R2', 12000, 'D', '08'), line('R3', 12000, 'C', '08', { vorige: 'R2' }), line('R4', 500, 'D', '08', { nummer: '7000002' }),
  ] }));
  // The gemeente's vertaaltabel plus the message product.
  products = path.join(work, 'producten.csv');
  writeFileSync(products, `${readFileSync(fixtures.products('GM9903'), 'utf8').trimEnd()}\n02Z99;Begeleiding uit berichten;WMO;02;WMO-02;LD06;gemeente\n`);
});

describe('wijkmonitor deliver / quality with iWmo messages', () => {
  test('deliver combines an export and a folder of messages into one delivery, costs from the 323 lines', async () => {
    const out = path.join(work, 'levering.zip');
    const result = cli(['deliver', '--key', key, '--gemeente', 'GM9903', '--period', '2026Q3', '--products', products, '--areas', fixtures.areas('GM9903'),
      '--data', path.join(work, 'data'), '--out', out, fixtures.export('GM9903', '2026Q3'), berichten]);
    expect(result.stderr).not.toContain('999900055');
    expect(result.code, result.stderr).toBe(0);
    const files = await deliveryFiles(out);
    const rows = Papa.parse<Record<string, string>>(files.get('voorzieningen.csv')!.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    const fromMessages = rows.filter((r) => r.productcode === '02Z99');
    expect(fromMessages).toHaveLength(1);
    expect(fromMessages[0]).toMatchObject({ pijler: 'WMO', voorziening: 'WMO-02', begindatum: '2026-07-06', einddatum: '2026-09-15', aanbieder: '12345678', kosten: '100.00', leeftijd: '76', pc4: '1011' });
    expect(rows.length).toBeGreaterThan(100);
    for (const [, text] of files) expect(text).not.toContain('999900055');
    const kwaliteit = files.get('kwaliteit.csv')!;
    expect(kwaliteit).toContain('onbekende_toewijzing');
    // The analyst edition's reader accepts it like any delivery.
    expect(cli(['verify', out]).code).toBe(0);
  }, 120_000);

  test('quality reads messages alone and names an invalid one by file and element', () => {
    writeFileSync(path.join(berichten, '5.xml'), readFileSync(path.join(berichten, '2.xml'), 'utf8').replace('<wmo305:Begindatum>2026-07-06', '<wmo305:Begindatum>2026-07-32'));
    const out = path.join(work, 'kwaliteit.xlsx');
    const result = cli(['quality', '--period', '2026Q3', '--products', products, '--areas', fixtures.areas('GM9903'), '--data', path.join(work, 'data-q'), '--out', out, berichten]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('berichten/5.xml (element Bericht/Client/StartProducten/StartProduct/Begindatum, regel 6): voldoet niet aan het XSD van WMO305 3.2');
    expect(result.stderr).not.toContain('2026-07-32');
    expect(result.stdout).toMatch(/^1 rijen gelezen/m);
  }, 120_000);
});
