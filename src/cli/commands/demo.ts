import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportFileName } from '../../../fixtures/exports.ts';
import { generateFixtures, GEMEENTE_DIALECTS } from '../../../fixtures/generate.ts';
import { deliverExportFiles } from '../../core/delivery/deliverExportFiles.ts';
import { verifyDelivery } from '../../core/delivery/verifyDelivery.ts';
import { UserError } from '../../core/errors.ts';
import { writeKeyFile } from '../../core/pseudonym/keyFile.ts';
import { createKey } from '../../core/pseudonym/wm1.ts';
import { statusTable } from '../../core/central/status/deliveryStatus.ts';
import { argumentDialogs } from '../argumentDialogs.ts';
import { openCoreSession } from '../coreSession.ts';
import { EXIT, type Io } from '../io.ts';
import { describe as describeImport } from './central/import.ts';
import { withStore } from '../store.ts';
import { appVersion } from '../version.ts';
import { KERNCIJFERS_FILE } from '../../../fixtures/cbs.ts';
import { GEMEENTE_CODES } from '../../../fixtures/gemeenten.ts';

const DEMO_PASSPHRASE = 'demo-wachtwoordzin-alleen-voor-testdata';
// Two quarters, so the analyst's status matrix and feedback have a previous period to compare with,
// and both are published: the packs of the second compare with the first as their ijkperiode
// (the default when the same quarter a year earlier was not published).
const PERIODEN = ['2026Q2', '2026Q3'] as const;
const aantal = new Intl.NumberFormat('nl-NL');
const [IJKPERIODE, PERIODE] = PERIODEN;
/**
 * The real CBS Kerncijfers 2024 of the whole country (fixtures/cbs/, as CBS exported it): the
 * reference groups are formed over every wijk of the country, and the fictional gemeenten's own
 * Kerncijfers of the same year join them without shifting the groups.
 */
const NATIONAL_KWB = path.resolve(import.meta.dirname, '../../../fixtures/cbs/kwb2024_85984NED_statline-export_NL.csv');

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' }, rows: { type: 'string' } } });
  if (!values.out) throw new UserError('ARGUMENT_ONTBREEKT', 'Geef met --out een map voor de demo op.');
  // Every run gets a folder of its own, so a rerun never overwrites (or deletes) anything.
  const out = path.join(path.resolve(values.out), `demo-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}`);
  const fixturesDir = path.join(out, 'testdata');
  const keysDir = path.join(out, 'sleutels');
  const deliveriesDir = path.join(out, 'leveringen');
  for (const dir of [keysDir, deliveriesDir]) mkdirSync(dir, { recursive: true });

  const started = Date.now();
  const timings = stopwatch();
  io.stdout(`Testdata maken in ${fixturesDir} …\n`);
  await generateFixtures({ seed: 20261, rows: values.rows ? Number(values.rows) : 10_000, outDir: fixturesDir });
  const passphrase = io.env.WIJKMONITOR_PASSPHRASE || DEMO_PASSPHRASE;

  let failures = 0;
  const delivered: string[] = [];
  await withStore(path.join(out, 'gegevens'), async (db) => {
    for (const [code, dialect] of Object.entries(GEMEENTE_DIALECTS)) {
      const gemeenteDir = path.join(fixturesDir, code);
      const key = createKey();
      const keyFile = path.join(keysDir, `${code}.wmkey`);
      await writeKeyFile(keyFile, key, passphrase);
      for (const periode of PERIODEN) {
        const result = await deliverExportFiles({
          db,
          key,
          gemeente: { code, naam: `Demogemeente ${code}` },
          periode,
          exports: [path.join(gemeenteDir, exportFileName(dialect, periode))],
          productsFile: path.join(gemeenteDir, 'producten.csv'),
          areasFile: path.join(gemeenteDir, 'gebieden.csv'),
          out: deliveriesDir,
          appVersion: appVersion(),
        });
        delivered.push(result.file);
        const check = await verifyDelivery(result.file);
        if (!check.ok) failures++;
        const k = result.manifest.kwaliteit;
        io.stdout(
          `${code} ${periode} (${dialect}): ${k.rijen_gelezen} rijen gelezen, ${k.rijen_uitgesloten} uitgesloten, ` +
            `${result.manifest.bestanden['voorzieningen.csv'].rijen} voorzieningen geleverd → ${result.file} ` +
            `[controle: ${check.ok ? 'in orde' : check.problems.join('; ')}]\n`,
        );
      }
    }
  });
  timings.lap('gemeente-editie: testdata, sleutels, leveringen en controle');
  // The analyst's side of the chain: the same deliveries taken in by the central store.
  const analistDir = path.join(out, 'analist');
  io.stdout(`\nAnalist-editie: leveringen inlezen in ${analistDir} …\n`);
  const session = await openCoreSession(analistDir, { dialogs: argumentDialogs({ open: delivered }) });
  try {
    const lines = await session.call('central.import', { jobId: 'demo-central-import' });
    for (const line of lines) io.stdout(`${describeImport(line)}\n`);
    failures += lines.filter((l) => l.uitkomst === 'geweigerd').length;
    io.stdout(`\n${statusTable(await session.call('central.status'))}`);
  } finally {
    session.close();
  }
  const feedbackDir = path.join(analistDir, 'terugkoppeling');
  mkdirSync(feedbackDir, { recursive: true });
  // One session per report: each answers its save dialog once, and only one may hold the folder.
  for (const code of Object.keys(GEMEENTE_DIALECTS)) {
    const file = path.join(feedbackDir, `${code}_${PERIODE}_terugkoppeling.xlsx`);
    const feedback = await openCoreSession(analistDir, { dialogs: argumentDialogs({ save: file }) });
    try {
      const result = await feedback.call('central.feedback', { gemeente: code, periode: PERIODE });
      if (result.saved) io.stdout(`Terugkoppeling ${code}: ${result.bevindingen.fout} fout, ${result.bevindingen.waarschuwing} waarschuwing, ${result.bevindingen.info} info → ${file}\n`);
    } finally {
      feedback.close();
    }
  }
  timings.lap('analist-editie: intake, statusmatrix en terugkoppeling');
  failures += await packChain(io, analistDir, fixturesDir, path.join(out, 'pakketten'), timings);
  io.stdout(`\nTijd per stap (wandklok):\n${timings.report()}`);
  io.stdout(`Klaar in ${((Date.now() - started) / 1000).toFixed(1)} s. Sleutels (wachtwoordzin: ${passphrase === DEMO_PASSPHRASE ? DEMO_PASSPHRASE : 'uit WIJKMONITOR_PASSPHRASE'}) in ${keysDir}.\n`);
  return failures === 0 ? EXIT.ok : EXIT.verificationFailed;
}

/**
 * The rest of the analyst's chain: the real national CBS Kerncijfers and those of the fixture
 * gemeenten (synthetic, in the layout of the real download) of the same year, combined by
 * gemeente; reference groups over the whole country; every gemeente's akkoord for both quarters;
 * the first quarter published (suppressed and audited, stored in the analyst's folder as the
 * ijkperiode), then the second's release and a pack per gemeente that compares with it.
 * Returns the number of gemeenten without a pack.
 */
async function packChain(io: Io, analistDir: string, fixturesDir: string, packDir: string, timings: Stopwatch): Promise<number> {
  const call = async <T>(answers: Parameters<typeof argumentDialogs>[0], work: (session: Awaited<ReturnType<typeof openCoreSession>>) => Promise<T>): Promise<T> => {
    const session = await openCoreSession(analistDir, { dialogs: argumentDialogs(answers) });
    try {
      return await work(session);
    } finally {
      session.close();
    }
  };
  const cbs = path.join(fixturesDir, 'cbs', KERNCIJFERS_FILE);
  const reference = await call({ open: [NATIONAL_KWB, cbs] }, (s) => s.call('central.reference', {}));
  io.stdout('\n');
  for (const r of reference) {
    const regios = r.aantallen["regio's"];
    io.stdout(`CBS Kerncijfers ${r.status === 'geweigerd' ? 'geweigerd' : 'ingelezen'}: ${r.bestand}${regios === undefined ? '' : ` (${regios} regio's, ${r.aantallen.gemeenten} gemeenten)`}\n${r.meldingen.map((m) => `  ${m}\n`).join('')}`);
  }
  const refused = reference.filter((r) => r.status === 'geweigerd').length;
  const groepen = path.join(analistDir, 'referentiegroepen.csv');
  const groups = await call({ save: groepen }, (s) => s.call('central.groups', {}));
  if (groups.saved) io.stdout(`Referentiegroepen: ${groups.groepen.length} groepen over ${aantal.format(groups.wijken)} wijken in ${aantal.format(groups.aantalGemeenten)} gemeenten → ${groepen}\n`);
  await call({}, async (s) => {
    for (const periode of PERIODEN) for (const gemeente of GEMEENTE_CODES) await s.call('central.approve', { gemeente, periode, door: 'demo' });
  });
  timings.lap('analist-editie: CBS Kerncijfers, referentiegroepen en akkoord');
  io.stdout(`Akkoord voor publicatie van ${GEMEENTE_CODES.join(', ')} over ${PERIODEN.join(' en ')}.\nPublicatie ${IJKPERIODE} onderdrukken en controleren, de ijkperiode van de pakketten (de onthullingscontrole kan minuten duren) …\n`);
  // Beside the pack's own release (releases/<periode>/ in the analyst's folder), with its audit.csv.
  const ijkRelease = path.join(analistDir, 'releases', IJKPERIODE, `cijfers_${IJKPERIODE}.csv`);
  mkdirSync(path.dirname(ijkRelease), { recursive: true });
  const published = await call({ save: ijkRelease }, (s) => s.call('central.export', { periode: IJKPERIODE, intern: false }));
  if (!published.saved) return 1 + refused;
  const po = published.onderdrukking;
  io.stdout(`Publicatie ${IJKPERIODE}${po ? ` (${po.primair} cellen primair, ${po.secundair} secundair onderdrukt)` : ''}: ${published.path}\n`);
  timings.lap(`publicatie ${IJKPERIODE} (cijfers en onthullingscontrole)`);
  io.stdout(`Release ${PERIODE} onderdrukken en pakketten schrijven …\n`);
  const packed = await call({ save: packDir }, (s) =>
    s.call('central.pack', { periode: PERIODE, status: 'voorlopig', toelichting: 'Demo: fictieve gemeenten en synthetische gegevens, niet voor gebruik.' }),
  );
  if (!packed.saved) return 1 + refused;
  const o = packed.onderdrukking;
  io.stdout(`Release ${PERIODE}${o ? ` (${o.primair} cellen primair, ${o.secundair} secundair onderdrukt)` : ''}: ${packed.release}\nControle per onderdrukte cel (alleen intern): ${packed.audit}\n`);
  for (const g of packed.gemeenten) {
    io.stdout(g.ok ? `Pakket ${g.gemeente} (${g.ijk.periode ? `t.o.v. ijkperiode ${g.ijk.periode}` : 'geen ijkperiode'}): ${Object.values(g.files).map((f) => path.basename(f)).join(', ')}\n${g.ijk.notes.map((n) => `  ${n}\n`).join('')}` : `Geen pakket ${g.gemeente}: ${g.fout}\n`);
  }
  timings.lap(`release ${PERIODE} en pakketten (cijfers, onthullingscontrole, xlsx, pdf, benchmark, dataset)`);
  io.stdout(`Pakketten in ${packed.map} (open de .pdf en de .xlsx; het benchmarkbestand leest de gemeente in met "wijkmonitor benchmark import").\n`);
  return packed.gemeenten.filter((g) => !g.ok).length + refused;
}

type Stopwatch = ReturnType<typeof stopwatch>;

/** Wall time per step of the demo, so a newcomer sees where its minutes go. */
function stopwatch() {
  const laps: [string, number][] = [];
  let last = Date.now();
  return {
    lap(label: string) {
      const now = Date.now();
      laps.push([label, (now - last) / 1000]);
      last = now;
    },
    report: () => laps.map(([label, s]) => `  ${s.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).padStart(7)} s  ${label}\n`).join(''),
  };
}
