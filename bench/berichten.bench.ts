/**
 * The message-traffic benchmark (issue 18), options after `--`:
 *
 *   node bench/berichten.bench.ts [--toewijzingen N] [--keep]
 *
 *   --toewijzingen N  toewijzingen in the archive (default 100,000: 25,000 clients with four each)
 *
 * Writes a zip like a gemeente's berichtenverkeer archive: per client one WMO301 (four
 * toewijzingen; a client has several), one WMO305 starting them, a WMO307 for every fourth client, and per aanbieder
 * and month of 2026Q3 one WMO323 declaring every toewijzing (with a credit and a re-declaration
 * for one line in a hundred). Then runs the real CLI `quality` on it as a child process — reading,
 * XSD validation, reconstruction and the quality report — and reports messages per second and the
 * peak RSS. Results go to bench/results/berichten.json.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import yazl from 'yazl';
import { wmo301, wmo305, wmo307, wmo323, type TestPrestatie } from '../src/core/import/berichten/testMessages.ts';
import { cliWithPeak, elapsed, gnuTimeWorks, requireOk, ROOT, step } from './measure.ts';

const { values } = parseArgs({ options: { toewijzingen: { type: 'string', default: '100000' }, keep: { type: 'boolean', default: false } } });
const TOEWIJZINGEN = Number(values.toewijzingen);
const PER_CLIENT = 4;
const CLIENTS = Math.ceil(TOEWIJZINGEN / PER_CLIENT);
const AANBIEDERS = 50;
const GEMEENTE = '9903';
const MONTHS = ['07', '08', '09'];
const CODES = ['01A01', '02A05', '03A01', '07A01'];

/**
 * Synthetic test BSNs: 9999, four digits and the check digit that makes the 11-proef hold. There
 * are about 9,000 of them, so a client gets several 301s (four toewijzingen each) over the year,
 * as a client with several voorzieningen does.
 */
const BSNS = 9000;
function testBsns(n: number): string[] {
  const out: string[] = [];
  for (let body = 0; out.length < n && body < 10_000; body++) {
    const digits = `9999${String(body).padStart(4, '0')}`;
    const weights = [9, 8, 7, 6, 5, 4, 3, 2];
    const sum = [...digits].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
    const check = sum % 11;
    if (check <= 9) out.push(`${digits}${check}`);
  }
  if (out.length < n) throw new Error(`only ${out.length} test BSNs of the form 9999xxxxc`);
  return out;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'wm-bench-berichten-'));
try {
  step(`archief maken: ${TOEWIJZINGEN} toewijzingen in ${CLIENTS} toewijzingsberichten voor ${Math.min(CLIENTS, BSNS)} cliënten`);
  const started = performance.now();
  const bsns = testBsns(Math.min(CLIENTS, BSNS));
  const zip = new yazl.ZipFile();
  const archive = path.join(dir, 'berichtenverkeer.zip');
  const written = finished(zip.outputStream.pipe(createWriteStream(archive)));
  const lines = new Map<string, TestPrestatie[]>();
  let messages = 0;
  const add = (name: string, xml: string) => {
    // Stored, not deflated: yazl starts a zlib stream per added buffer at once, and 50,000 of
    // them in flight take gigabytes. The reader takes both kinds of entry alike.
    zip.addBuffer(Buffer.from(xml), name, { compress: false });
    messages++;
  };
  for (let c = 0; c < CLIENTS; c++) {
    const bsn = bsns[c % bsns.length]!;
    const aanbieder = String(10_000_000 + (c % AANBIEDERS));
    const client = { bsn, geboortedatum: `19${String(30 + (c % 70)).padStart(2, '0')}-0${1 + (c % 9)}-15`, geslacht: String(1 + (c % 2)), postcode: `${1000 + (c % 8000)}AB`, huisnummer: String(1 + (c % 200)) };
    const kop = { gemeente: GEMEENTE, aanbieder, dagtekening: '2026-06-20' };
    const toewijzingen = CODES.slice(0, Math.min(PER_CLIENT, TOEWIJZINGEN - c * PER_CLIENT)).map((code, k) => ({
      nummer: String(c * PER_CLIENT + k + 1), categorie: code.slice(0, 2), code, datum: '2026-06-20', tijd: '09:00:00',
      ingangsdatum: '2026-07-01', einddatum: '2026-12-31', volume: 3 + k, eenheid: '04', frequentie: '2',
    }));
    add(`2026/301/${c}.xml`, wmo301({ ...kop, id: `T${c}`, client, toewijzingen }));
    add(`2026/305/${c}.xml`, wmo305({ ...kop, id: `S${c}`, dagtekening: '2026-07-03', client, starts: toewijzingen.map((t) => ({ nummer: t.nummer, begindatum: '2026-07-02' })) }));
    if (c % 4 === 0) {
      add(`2026/307/${c}.xml`, wmo307({ ...kop, id: `E${c}`, dagtekening: '2026-09-02', client, stops: toewijzingen.map((t) => ({ nummer: t.nummer, begindatum: '2026-07-02', einddatum: '2026-08-31' })) }));
    }
    const own = lines.get(aanbieder) ?? [];
    for (const t of toewijzingen) {
      for (const maand of MONTHS) {
        const referentie = `${t.nummer}-${maand}`;
        own.push({ bsn, referentie, nummer: t.nummer, categorie: t.categorie, code: t.code, begindatum: `2026-${maand}-01`, einddatum: `2026-${maand}-28`, volume: 12, eenheid: '04', centen: 60_000, dc: 'D' });
        if (Number(t.nummer) % 100 === 0 && maand === '07') {
          own.push({ ...own.at(-1)!, referentie: `${referentie}-C`, vorige: referentie, dc: 'C' });
          own.push({ ...own.at(-1)!, referentie: `${referentie}-N`, vorige: undefined, centen: 55_000, dc: 'D' });
        }
      }
    }
    lines.set(aanbieder, own);
  }
  for (const [aanbieder, all] of lines) {
    for (const maand of MONTHS) {
      const prestaties = all.filter((p) => p.begindatum.slice(5, 7) === maand);
      add(`2026/323/${aanbieder}-${maand}.xml`, wmo323({ gemeente: GEMEENTE, aanbieder, id: `D${aanbieder}${maand}`, dagtekening: `2026-${maand}-28`, nummer: `D${maand}`, begindatum: `2026-${maand}-01`, einddatum: `2026-${maand}-28`, prestaties }));
    }
  }
  zip.end();
  await written;
  const declarationLines = [...lines.values()].reduce((n, l) => n + l.length, 0);
  step(`archief: ${messages} berichten, ${declarationLines} declaratieregels, ${(statSync(archive).size / 1024 / 1024).toFixed(1)} MB zip (${elapsed(started).toFixed(1)} s)`);

  const out = path.join(dir, 'kwaliteit.xlsx');
  const { result, peak } = await cliWithPeak(dir, ['quality', '--period', '2026Q3', '--data', path.join(dir, 'data'), '--out', out, archive], gnuTimeWorks(dir));
  requireOk('quality', result);
  const seconds = result.seconds;
  const report = {
    toewijzingen: TOEWIJZINGEN,
    berichten: messages,
    declaratieregels: declarationLines,
    seconden: Number(seconds.toFixed(1)),
    berichten_per_seconde: Math.round(messages / seconds),
    toewijzingen_per_seconde: Math.round(TOEWIJZINGEN / seconds),
    piek_mib: Math.round(peak.mib),
    piek_methode: peak.method,
    cli: result.stdout.trim(),
    cpus: os.cpus().length,
    node: process.version,
    datum: new Date().toISOString(),
  };
  step(JSON.stringify(report, null, 2));
  writeFileSync(path.join(ROOT, 'bench', 'results', 'berichten.json'), `${JSON.stringify(report, null, 2)}\n`);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else step(`bewaard: ${dir}`);
}
