import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openTestCore } from '../testing/testCore.ts';
import { tempDir } from '../testing/tempDir.ts';

describe('the programmering through its handlers', () => {
  test('import, edit (moving a key), delete and export, each in the audit log; a refused edit stores nothing', async () => {
    const { call, core, dialogs } = await openTestCore();
    const dir = tempDir();
    const file = path.join(dir, 'programmering.csv');
    writeFileSync(file, 'jaar;pijler;productcode;aanbieder;wijk;clienten;kosten;aandeel\n2026;Jw;45A04;;;10;"1.000,50";\n2027;JW;45A04;;;8;;\n');
    dialogs.queueOpen([file]);
    const imported = await call('programmering.import');
    expect(imported.ingelezen).toEqual({ bestand: 'programmering.csv', regels: 2, jaren: [2026, 2027] });
    const first = imported.regels[0]!;
    const key = { jaar: first.jaar, pijler: first.pijler, productcode: first.productcode, aanbieder: first.aanbieder, wijk: first.wijk };
    expect(first).toEqual({ jaar: 2026, pijler: 'JW', productcode: '45A04', aanbieder: '', wijk: '', clienten: 10, kosten: 1000.5, aandeel: null });

    const moved = await call('programmering.save', { regel: { ...first, aanbieder: '41000001' }, vorige: key });
    expect(moved.regels.map((r) => [r.jaar, r.aanbieder])).toEqual([[2026, '41000001'], [2027, '']]);
    await expect(call('programmering.save', { regel: { ...first, pijler: 'ZORG' }, vorige: null })).rejects.toThrow("Programmering de programmering: rij 1, kolom pijler: 'ZORG' is geen pijler");
    await expect(call('programmering.save', { regel: { ...first, aandeel: 150 }, vorige: null })).rejects.toThrow('kolom aandeel: 150 is meer dan 100');
    expect((await call('programmering.table')).regels).toHaveLength(2);

    const left = await call('programmering.delete', { sleutel: { ...key, aanbieder: '41000001' } });
    expect(left.regels).toHaveLength(1);
    await expect(call('programmering.delete', { sleutel: { ...key, aanbieder: '41000001' } })).rejects.toThrow('Deze streefwaarde staat niet (meer) in de programmering.');

    const out = path.join(dir, 'uit.csv');
    dialogs.queueSave(out);
    expect(await call('programmering.export')).toEqual({ saved: true, path: out });
    expect(readFileSync(out, 'utf8')).toBe('\uFEFFjaar;pijler;productcode;aanbieder;wijk;clienten;kosten;aandeel\r\n2027;JW;45A04;;;8;;\r\n');

    const acties = (await call('audit.list', { limit: 10 })).map((e) => e.action);
    expect(acties).toEqual(expect.arrayContaining(['programmering geïmporteerd', 'streefwaarde opgeslagen', 'streefwaarde verwijderd']));
    core.close();
  });
});
