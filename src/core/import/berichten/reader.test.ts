import { createWriteStream, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { createPseudonymiser } from '../../pseudonym/wm1.ts';
import { tempDir } from '../../testing/tempDir.ts';
import { loadBerichtCodes } from './codes.ts';
import type { BerichtFeit } from './messages.ts';
import { readBerichten, type BerichtMelding } from './reader.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../fixtures/istandaarden');
const KEY = Buffer.alloc(32, 7);
const EXAMPLE_BSNS = ['999900006', '999900018'];

async function read(sources: string[]) {
  const feiten: BerichtFeit[] = [];
  const meldingen: BerichtMelding[] = [];
  const bsns = new Set<string>();
  const summary = await readBerichten({
    sources,
    pseudonymiser: createPseudonymiser(KEY),
    codes: loadBerichtCodes(),
    onFeit: (f) => feiten.push(f),
    onMelding: (m) => meldingen.push(m),
    onBsn: (b) => bsns.add(b),
  });
  return { feiten, meldingen, summary, bsns };
}

describe('readBerichten on the shared 3.2 examples', () => {
  it('reads every valid example and refuses the two invalid ones with file and element path, never the value', async () => {
    const { feiten, meldingen, summary, bsns } = await read([FIXTURES]);
    expect(summary.berichten).toBe(21);
    expect(summary.ongeldig).toBe(2);
    expect(Object.keys(summary.perType).sort()).toEqual(
      ['JW301', 'JW302', 'JW305', 'JW306', 'JW307', 'JW308', 'JW316', 'JW317', 'JW319', 'JW320', 'JW323', 'JW325',
        'WMO301', 'WMO305', 'WMO307', 'WMO315', 'WMO317', 'WMO319', 'WMO323'].sort(),
    );
    expect(meldingen.map((m) => [m.bestand, m.pad, m.regel])).toEqual([
      ['istandaarden/ijw-3.2/JW315.xml', 'Bericht/Client/AangevraagdeProducten/AangevraagdProduct/ToewijzingEinddatum', 44],
      ['istandaarden/ijw-3.2/JW315.xml', 'Bericht/Client/AangevraagdeProducten/AangevraagdProduct[2]/ToewijzingEinddatum', 66],
      ['istandaarden/ijw-3.2/JW318.xml', 'Bericht/Client/Verzoek/RetourCode', 33],
    ]);
    for (const m of meldingen) expect(m.melding).not.toMatch(/2027-06-31|9350/);
    // The facts carry pseudonyms only; the BSNs went to the privacy scan's channel.
    expect([...bsns].sort()).toEqual(EXAMPLE_BSNS);
    const text = JSON.stringify(feiten);
    for (const bsn of EXAMPLE_BSNS) expect(text).not.toContain(bsn);
    expect(text).not.toMatch(/Wit|Straatweg|Woustraat|1967-08-13/);

    const toewijzingen = feiten.filter((f) => f.soort === 'toewijzing');
    expect(toewijzingen.map((t) => [t.kop.type, t.nummer, t.kop.gemeente, t.kop.aanbieder, t.categorie, t.code, t.volume, t.eenheid, t.frequentie])).toEqual([
      ['JW301', '300201', '0384', '42420001', '55', '55A11', 2, '04', '2'],
      ['JW301', '300202', '0384', '42420001', '55', '55A12', 2, '16', '2'],
      ['WMO301', '101', '0384', '42420001', '01', '01A01', 10, '01', '1'],
    ]);
    const wmo = toewijzingen[2]!;
    expect(wmo.client).toMatchObject({ geboortemaand: '1967-08', geslacht: '1', pc4: '9999', pc6: '9999XX' });
    expect(wmo.client.huishouden).toMatch(/^[0-9a-f]{32}$/);
    const prestaties = feiten.filter((f) => f.soort === 'prestatie');
    expect(prestaties.filter((p) => p.kop.type === 'WMO323').map((p) => p.centen)).toEqual([5000, 24000, 5000, 24000]);
    // A 325 gives the lines it rejects (none of the example's is 0200 only); the other return messages are read and checked, but give no facts.
    expect(feiten.filter((f) => f.soort === 'afwijzing').map((f) => [f.kop.type, f.kop.gemeente, f.kop.aanbieder, f.referentie])).toEqual([
      ['JW325', '0384', '65656055', 'RN001'],
      ['JW325', '0384', '65656055', 'RN002'],
      ['JW325', '0384', '65656055', 'RN003'],
    ]);
    expect(feiten.some((f) => f.kop.type === 'JW302' || f.kop.type === 'JW306')).toBe(false);
  }, 60_000);

  it('reads the same messages from a zip, naming the entry inside it', async () => {
    const zip = new yazl.ZipFile();
    for (const dir of ['iwmo-3.2', 'ijw-3.2']) {
      for (const name of readdirSync(path.join(FIXTURES, dir))) zip.addBuffer(readFileSync(path.join(FIXTURES, dir, name)), `archief/${dir}/${name}`);
    }
    zip.end();
    const file = path.join(tempDir(), 'berichtenverkeer.zip');
    await finished(zip.outputStream.pipe(createWriteStream(file)));
    const fromZip = await read([file]);
    const fromFolder = await read([FIXTURES]);
    expect(fromZip.summary).toEqual(fromFolder.summary);
    expect(fromZip.feiten.length).toBe(fromFolder.feiten.length);
    expect(fromZip.meldingen[0]!.bestand).toBe('berichtenverkeer.zip/archief/ijw-3.2/JW315.xml');
  }, 60_000);

  it('skips a file that is no 3.2 message, and reports broken XML with its line', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a-notitie.xml'), '<?xml version="1.0"?><notitie>geen bericht</notitie>');
    const broken = readFileSync(path.join(FIXTURES, 'iwmo-3.2', 'WMO305.xml'), 'utf8').replace('</wmo305:Bsn>', '</wmo305:Bs>');
    writeFileSync(path.join(dir, 'b-kapot.xml'), broken);
    const { meldingen, feiten } = await read([dir]);
    expect(feiten).toEqual([]);
    expect(meldingen[0]).toMatchObject({ bestand: `${path.basename(dir)}/a-notitie.xml`, melding: expect.stringContaining('geen iWmo- of iJw-bericht') });
    expect(meldingen[1]).toMatchObject({ bestand: `${path.basename(dir)}/b-kapot.xml`, regel: 19, melding: expect.stringContaining('XSD van WMO305') });
    expect(JSON.stringify(meldingen)).not.toContain('999900006');
  }, 60_000);
});
