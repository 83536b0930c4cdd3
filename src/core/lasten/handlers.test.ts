import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openTestCore } from '../testing/testCore.ts';
import { tempDir } from '../testing/tempDir.ts';

describe('the lasten through their handlers', () => {
  test('import, edit (moving a key), delete and export, each in the audit log; a refused edit stores nothing', async () => {
    const { call, core, dialogs } = await openTestCore();
    const dir = tempDir();
    const file = path.join(dir, 'lasten.csv');
    writeFileSync(file, 'Periode;Productcode;Aanbieder;Kosten\n3e kwartaal 2026;SUB1;;"12.500,00"\n2026Q3;SUB2;12345678;800\n');
    dialogs.queueOpen([file]);
    const imported = await call('lasten.import');
    expect(imported.ingelezen).toEqual({ bestand: 'lasten.csv', regels: 2, perioden: ['2026Q3'] });
    expect(imported.regels).toEqual([
      { periode: '2026Q3', productcode: 'SUB1', aanbieder: '', kosten: 12_500 },
      { periode: '2026Q3', productcode: 'SUB2', aanbieder: '12345678', kosten: 800 },
    ]);
    expect(imported.regelsPerProduct.map((r) => [r.productcode, r.regel])).toEqual([
      ['*', 'dagen'],
      ['SUB1', 'dagen'],
      ['SUB2', 'dagen'],
    ]);

    const first = imported.regels[0]!;
    const moved = await call('lasten.save', { regel: { ...first, periode: '2026Q4' }, vorige: { periode: '2026Q3', productcode: 'SUB1', aanbieder: '' } });
    expect(moved.regels.map((r) => [r.periode, r.productcode])).toEqual([
      ['2026Q3', 'SUB2'],
      ['2026Q4', 'SUB1'],
    ]);
    // A total beside an amount per aanbieder of the same product and period: the money would count twice.
    await expect(call('lasten.save', { regel: { periode: '2026Q3', productcode: 'SUB2', aanbieder: '', kosten: 5 }, vorige: null })).rejects.toThrow('óf een totaal zonder aanbieder óf bedragen per aanbieder');
    await expect(call('lasten.save', { regel: { ...first, periode: 'Q9' }, vorige: null })).rejects.toThrow("kolom periode: 'Q9' is geen periode");
    expect((await call('lasten.table')).regels).toHaveLength(2);

    const left = await call('lasten.delete', { sleutel: { periode: '2026Q4', productcode: 'SUB1', aanbieder: '' } });
    expect(left.regels).toHaveLength(1);
    await expect(call('lasten.delete', { sleutel: { periode: '2026Q4', productcode: 'SUB1', aanbieder: '' } })).rejects.toThrow('Deze regel staat niet (meer) in de lasten.');

    const out = path.join(dir, 'uit.csv');
    dialogs.queueSave(out);
    expect(await call('lasten.export')).toEqual({ saved: true, path: out });
    expect(readFileSync(out, 'utf8')).toBe('\uFEFFperiode;productcode;aanbieder;kosten\r\n2026Q3;SUB2;12345678;800\r\n');

    const bad = path.join(dir, 'fout.csv');
    writeFileSync(bad, 'periode;productcode;aanbieder;kosten\n2026Q3;SUB1;;\n2026Q3;;;10\n');
    dialogs.queueOpen([bad]);
    await expect(call('lasten.import')).rejects.toThrow("Lasten fout.csv: rij 2, kolom kosten: '' is geen bedrag van 0 of meer; rij 3, kolom productcode: leeg");
    expect((await call('lasten.table')).regels).toHaveLength(1);

    const acties = (await call('audit.list', { limit: 10 })).map((e) => e.action);
    expect(acties).toEqual(expect.arrayContaining(['lasten geïmporteerd', 'lasten opgeslagen', 'lasten verwijderd']));
    core.close();
  });

  test('the delivery preview says lasten.csv leaves with a period that has lasten, and only then', async () => {
    const { call, core, dialogs } = await openTestCore();
    const file = path.join(tempDir(), 'lasten.csv');
    writeFileSync(file, 'periode;productcode;aanbieder;kosten\n2026Q3;SUB1;;100\n');
    const bestanden = async (periode: string) => (await call('delivery.preview', { periode })).manifest.bestanden;
    const v1 = ['levering.json', 'voorzieningen.csv', 'producten.csv', 'gebieden.csv', 'kwaliteit.csv'];
    expect(await bestanden('2026Q3')).toEqual(v1);
    dialogs.queueOpen([file]);
    await call('lasten.import');
    expect(await bestanden('2026Q3')).toEqual([...v1, 'lasten.csv']);
    expect(await bestanden('2026Q2')).toEqual(v1);
    core.close();
  });
});
