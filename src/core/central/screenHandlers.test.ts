import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { MIN_CLIENTS } from '../disclosure/auditLp.ts';
import { openTestCore, type TestCore } from '../testing/testCore.ts';
import { tempDir } from '../testing/tempDir.ts';
import { records, writeTestDelivery } from './centralTestKit.ts';
import { writeTemp } from './reference/testFiles.ts';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.core.close()));
async function core() {
  const c = await openTestCore(tempDir('wm-central-screens-'));
  cores.push(c);
  return c;
}

/** Two wijken of GM9901 in the records, one of GM9902. */
async function twoGemeenten(c: TestCore) {
  const een = await writeTestDelivery({ gemeente: 'GM9901', naam: 'Heidebroek', periode: '2026Q3', records: [...records(6, { wijk: 'WK990101' }), ...records(6, { wijk: 'WK990102' }, 'b')], dir: tempDir() });
  const twee = await writeTestDelivery({ gemeente: 'GM9902', naam: 'Lindewaarde', periode: '2026Q3', records: records(7, { wijk: 'WK990201', pc4: '9902' }), dir: tempDir() });
  c.dialogs.queueOpen([een, twee]);
  return c.call('central.import', { jobId: 'intake' });
}

describe('the analyst screens through the core', () => {
  test('dropped zips are taken in by the ids import.dropFiles gave; another file is refused by name', async () => {
    const c = await core();
    const zip = await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q3', records: records(3), dir: tempDir() });
    const text = writeTemp('notities.csv', 'a;b\n1;2\n');
    const dropped = await c.call('import.dropFiles', { drop: c.desktop.drop([zip, text]) });
    expect(dropped.bestanden.map((b) => b.naam)).toEqual([path.basename(zip), 'notities.csv']);
    const lines = await c.call('central.importDropped', { jobId: 'drop', bestandIds: dropped.bestanden.map((b) => b.id) });
    expect(lines.map((l) => [l.bestand, l.uitkomst])).toEqual([
      [path.basename(zip), 'nieuw'],
      ['notities.csv', 'geweigerd'],
    ]);
    expect(lines[1]!.reden).toMatch(/notities\.csv/);
    await expect(c.call('central.importDropped', { jobId: 'x', bestandIds: ['onbekend'] })).rejects.toThrow('Dit bestand is niet (meer) gekozen; kies het opnieuw.');
  });

  test('the analyst log lists intake, refusal and akkoord from the central catalogue, newest first, and saves as CSV', async () => {
    const c = await core();
    await twoGemeenten(c);
    const bad = await writeTestDelivery({ gemeente: 'GM9903', periode: '2026Q3', records: records(2), tamper: (csv) => csv.replace('WMO', 'JW') });
    c.dialogs.queueOpen([bad]);
    await c.call('central.import', { jobId: 'bad' });
    await c.call('central.approve', { gemeente: 'GM9901', periode: '2026Q3', door: 'J. de Vries' });
    const log = await c.call('central.auditLog', { limit: 10 });
    expect(log.map((e) => e.action)).toEqual(['akkoord vastgelegd', 'levering geweigerd', 'levering ontvangen', 'levering ontvangen']);
    expect(log[0]!.details).toMatchObject({ gemeente: 'GM9901', periode: '2026Q3', versie: 1 });
    // The gemeente edition's log (settings, key) is another one.
    expect((await c.call('audit.list', { limit: 10 })).map((e) => e.action)).not.toContain('levering ontvangen');
    const target = path.join(c.dataDir, 'analist-logboek.csv');
    c.dialogs.queueSave(target);
    expect(await c.call('central.auditExport')).toEqual({ saved: true, path: target });
    const csv = readFileSync(target, 'utf8');
    expect(csv.startsWith('\uFEFFid;at;action;details\r\n')).toBe(true);
    expect(csv.split('\r\n').filter((l) => l.includes(';levering ontvangen;'))).toHaveLength(2);
    const status = path.join(c.dataDir, 'leveringen.xlsx');
    c.dialogs.queueSave(status);
    expect(await c.call('central.statusExport')).toEqual({ saved: true, path: status });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(status);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'gemeente', 'gemeentenaam', 'periode', 'versie', 'rijen', 'ontvangen', 'status', 'sleutel_gewijzigd', 'akkoord', 'bestand', 'reden']);
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(4).getCell(7).value).toBe('geweigerd');
  });

  test('the plausibility findings of a current delivery, as the report lists them; none for a gemeente without one', async () => {
    const c = await core();
    await twoGemeenten(c);
    const findings = await c.call('central.feedbackFindings', { gemeente: 'GM9901', periode: '2026Q3' });
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => ['fout', 'waarschuwing', 'info'].includes(f.ernst) && f.bevinding.length > 0)).toBe(true);
    // No previous quarter was delivered: the report says so.
    expect(findings.some((f) => f.onderwerp === 'vorige periode' && f.bevinding.includes('2026Q2'))).toBe(true);
    const target = path.join(c.dataDir, 'terugkoppeling.xlsx');
    c.dialogs.queueSave(target);
    const written = await c.call('central.feedback', { gemeente: 'GM9901', periode: '2026Q3' });
    const count = (ernst: string) => findings.filter((f) => f.ernst === ernst).length;
    expect(written).toMatchObject({ saved: true, bevindingen: { fout: count('fout'), waarschuwing: count('waarschuwing'), info: count('info') } });
    await expect(c.call('central.feedbackFindings', { gemeente: 'GM9903', periode: '2026Q3' })).rejects.toThrow('Er is geen geaccepteerde levering van GM9903 over 2026Q3.');
  });

  test('reference coverage: which participating wijken have inhabitants and a shape per year, and what to do about the others', async () => {
    const c = await core();
    expect((await c.call('central.referenceOverview')).acties.map((a) => a.tekst)).toEqual([
      expect.stringMatching(/^Er zijn nog geen leveringen ontvangen/),
      expect.stringMatching(/^Er zijn nog geen CBS Kerncijfers/),
      expect.stringMatching(/^Er is nog geen wijkkaart/),
    ]);
    await twoGemeenten(c);
    const kwb = writeTemp('kwb2024.csv', 'WijkenEnBuurten;AantalInwoners_5\nGM9901;5000\nWK990101;3000\nWK990102;2000\n');
    const zvw = writeTemp('zvw.csv', 'periode;gebied;bron;indicator;waarde\n2025;WK990201;ZVW;kosten;1234,50\n2025;GM9901;ZVW;kosten;98765\n');
    c.dialogs.queueOpen([kwb, zvw]);
    expect((await c.call('central.reference', {})).map((r) => [r.status, r.soort])).toEqual([
      ['nieuw', 'cbs_kwb'],
      ['nieuw', 'bron'],
    ]);
    const overview = await c.call('central.referenceOverview');
    expect(overview.bronnen).toEqual([expect.objectContaining({ soort: 'bron', bron: 'ZVW', periode: '2025', bestand: 'zvw.csv' }), expect.objectContaining({ soort: 'cbs_kwb', jaar: 2024, bestand: 'kwb2024.csv' })]);
    expect(overview.deelnemers).toEqual([
      { gemeente: 'GM9901', gemeentenaam: 'Heidebroek', wijken: ['WK990101', 'WK990102'] },
      { gemeente: 'GM9902', gemeentenaam: 'Lindewaarde', wijken: ['WK990201'] },
    ]);
    expect(overview.dekking).toEqual([
      { soort: 'cbs_kwb', jaar: 2024, bron: null, periode: null, wijken: 3, gedekt: 2, ontbrekend: [{ gemeente: 'GM9902', wijk: 'WK990201' }] },
      // The gemeente-level figure of GM9901 covers none of its wijken.
      { soort: 'bron', jaar: 2025, bron: 'ZVW', periode: '2025', wijken: 3, gedekt: 1, ontbrekend: [{ gemeente: 'GM9901', wijk: 'WK990101' }, { gemeente: 'GM9901', wijk: 'WK990102' }] },
    ]);
    expect(overview.acties).toEqual([
      { gemeente: null, tekst: expect.stringMatching(/^Er is nog geen wijkkaart/) },
      { gemeente: 'GM9902', tekst: expect.stringMatching(/^GM9902 Lindewaarde: alle 1 wijken hebben geen inwonertal in CBS Kerncijfers wijken en buurten 2024 \(WK990201\)\. Controleer/) },
    ]);
  });

  test('thresholds: shown with their defaults, set through the core with Dutch refusals, and reset', async () => {
    const c = await core();
    const [clients] = await c.call('central.thresholds');
    expect(clients).toMatchObject({ code: 'minimum_clienten', waarde: MIN_CLIENTS, standaard: MIN_CLIENTS, eenheid: 'cliënten', alleenStrenger: true, gewijzigd: null });
    expect(clients!.uitleg).toContain(`onder de ${MIN_CLIENTS} cliënten`);
    await expect(c.call('central.setThreshold', { code: 'minimum_clienten', waarde: 4 })).rejects.toThrow('mag alleen strenger dan de afspraak van het project: 5 cliënten of meer, niet 4.');
    const after = await c.call('central.setThreshold', { code: 'minimum_clienten', waarde: 8 });
    expect(after[0]).toMatchObject({ waarde: 8, gewijzigd: expect.any(String) });
    expect((await c.call('central.auditLog', { limit: 1 }))[0]).toMatchObject({ action: 'drempel gewijzigd', details: { drempel: 'minimum_clienten', van: 5, naar: 8 } });
    expect((await c.call('central.setThreshold', { code: 'minimum_clienten', waarde: null }))[0]).toMatchObject({ waarde: 5, gewijzigd: null });
  });

  test('a plausibility drempel set by the analyst is the one the feedback applies', async () => {
    const c = await core();
    const q2 = await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q2', records: records(12), dir: tempDir() });
    const q3 = await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q3', records: records(30), dir: tempDir() });
    c.dialogs.queueOpen([q2, q3]);
    await c.call('central.import', { jobId: 'intake' });
    const changes = async () => (await c.call('central.feedbackFindings', { gemeente: 'GM9901', periode: '2026Q3' })).filter((f) => f.bevinding.includes('is gestegen met'));
    // 12 clients before: below the table's lower bound of 20, so the rise of 150 % is not judged.
    expect(await changes()).toEqual([]);
    await c.call('central.setThreshold', { code: 'plausibiliteit.ondergrens_vergelijking.grens', waarde: 10 });
    const [rise] = await changes();
    expect(rise).toMatchObject({ ernst: 'fout', bevinding: expect.stringContaining('Het aantal cliënten in') });
    await c.call('central.setThreshold', { code: 'plausibiliteit.verandering_clienten.fout', waarde: 200 });
    expect((await changes()).find((f) => f.bevinding.startsWith('Het aantal cliënten'))).toMatchObject({ ernst: 'waarschuwing' });
  });

  test('a table of a screen is written as shown, marked intern in its name and first line when it is', async () => {
    const c = await core();
    const tabel = {
      titel: 'SR met 95 %-interval, 2026Q3, pijler: WMO',
      kolommen: [
        { naam: 'label', titel: 'Gebied', soort: 'tekst' as const },
        { naam: 'sr', titel: 'SR', soort: 'getal' as const },
      ],
      rijen: [
        { label: 'Noord', sr: 112.5 },
        { label: 'Haven', sr: 'onderdrukt' },
      ],
    };
    const dir = tempDir();
    c.dialogs.queueSave(path.join(dir, 'sr-intern.xlsx'));
    const saved = await c.call('central.tableExport', { naam: 'sr_GM9901_2026Q3', weergave: 'intern', tabel });
    expect(saved).toEqual({ saved: true, path: path.join(dir, 'sr-intern.xlsx') });
    expect(c.dialogs.asked.at(-1)).toEqual({ kind: 'save', title: 'SR met 95 %-interval, 2026Q3, pijler: WMO opslaan (intern)' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved.saved ? saved.path : '');
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Intern');
    expect(String(sheet.getCell('A1').value)).toMatch(/^INTERN/);
    expect(sheet.getRow(4).values).toEqual([undefined, 'Gebied', 'SR']);
    expect(sheet.getRow(6).values).toEqual([undefined, 'Haven', 'onderdrukt']);
    c.dialogs.queueSave(path.join(dir, 'groepen.xlsx'));
    await c.call('central.tableExport', { naam: 'referentiegroepen', weergave: 'overzicht', tabel });
    const overview = new ExcelJS.Workbook();
    await overview.xlsx.readFile(path.join(dir, 'groepen.xlsx'));
    expect(overview.worksheets[0]!.getCell('A1').value).toBe('Werkoverzicht van de analist-editie: geen cijfers over cliënten.');
    await expect(c.call('central.tableExport', { naam: '../x', weergave: 'overzicht', tabel })).rejects.toThrow('Een bestandsnaam van letters, cijfers en streepjes.');
  });
});
