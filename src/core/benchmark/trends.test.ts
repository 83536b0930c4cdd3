import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { records, writeTestDelivery } from '../central/centralTestKit.ts';
import { importDeliveries } from '../central/intake/importDeliveries.ts';
import { openCentralStore, type CentralStore } from '../central/store/centralStore.ts';
import { tempDir } from '../testing/tempDir.ts';
import { centralTrends } from './trends.ts';

const opened: CentralStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

async function store(secondKeyOfGm9902: string): Promise<CentralStore> {
  const s = await openCentralStore(tempDir('wm-central-'));
  opened.push(s);
  const q1 = { begindatum: '2026-01-01', einddatum: '2026-03-31', kosten: 10 };
  const q2 = { begindatum: '2026-04-01', kosten: 20 };
  const files = [
    await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q1', dir: tempDir(), records: records(2, q1) }),
    await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q2', dir: tempDir(), records: records(3, q2) }),
    await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q1', dir: tempDir(), records: records(4, q1, 'b') }),
    await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q2', sleutel: secondKeyOfGm9902, dir: tempDir(), records: records(2, q2, 'b') }),
  ];
  expect((await importDeliveries(s, files, { signal: new AbortController().signal })).map((l) => l.uitkomst)).not.toContain('geweigerd');
  const id = Number(s.db.prepare("INSERT INTO referentie_import (soort, jaar, bestand, sha256, rijen, ingelezen) VALUES ('cbs_kwb', 2025, 't.csv', 'x', 1, '2026-01-01')").run().lastInsertRowid);
  s.db.prepare("INSERT INTO cbs_regio (import_id, jaar, code, soort) VALUES (?, 2025, 'GM9901', 'gemeente')").run(id);
  s.db.prepare("INSERT INTO cbs_kenmerk (jaar, code, kenmerk, waarde) VALUES (2025, 'GM9901', 'inwoners', 1000)").run();
  return s;
}

const parse = (file: string) => readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');

describe('trends against an ijkdatum', () => {
  test('change and index per gemeente; a gemeente whose key changed is left out, and so is ALLE', async () => {
    const s = await store('fedcba9876543210');
    const out = path.join(tempDir(), 'trend.csv');
    const result = await centralTrends(s, { ijk: '2026Q1', periode: '2026Q2', out, pijlerVolgorde: ['WMO'] });
    expect(result).toMatchObject({ gemeenten: ['GM9901'], sleutelBreuk: ['GM9902'], alle: false });
    const lines = parse(out);
    expect(lines[0]).toBe('ijkperiode;periode;gemeente;wijk;indicator;dimensie;ijkwaarde;waarde;verschil;index');
    expect(lines).toContain('2026Q1;2026Q2;GM9901;;clienten;;2;3;1;150');
    expect(lines).toContain('2026Q1;2026Q2;GM9901;;kosten;;20;60;40;300');
    expect(lines).toContain('2026Q1;2026Q2;GM9901;;clienten_per_1000;pijler=WMO;2;3;1;150');
    expect(lines).toContain('2026Q1;2026Q2;GM9901;WK990101;clienten;;2;3;1;150');
    expect(lines.some((l) => l.includes(';GM9902;') || l.includes(';ALLE;'))).toBe(false);
    // The two exports it compares were temporary, inside the data folder, and are gone.
    expect(readdirSync(s.dataDir).filter((f) => f.startsWith('trend-'))).toEqual([]);
  });

  test('with one key throughout ALLE is compared too; unequal or reversed periods are refused', async () => {
    const s = await store('0123456789abcdef');
    const out = path.join(tempDir(), 'trend.csv');
    expect((await centralTrends(s, { ijk: '2026Q1', periode: '2026Q2', out, pijlerVolgorde: ['WMO'] })).alle).toBe(true);
    expect(parse(out)).toContain('2026Q1;2026Q2;ALLE;;clienten;;6;5;-1;83.3');
    await expect(centralTrends(s, { ijk: '2026Q1', periode: '2026H2', out, pijlerVolgorde: ['WMO'] })).rejects.toThrow('niet even lang');
    await expect(centralTrends(s, { ijk: '2026Q2', periode: '2026Q1', out, pijlerVolgorde: ['WMO'] })).rejects.toThrow('moet vóór 2026Q1 liggen');
  });
});
