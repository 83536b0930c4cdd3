import { parseArgs } from 'node:util';
import type { ReferenceFileResult } from '../../../shared/api.ts';
import { UserError } from '../../../core/errors.ts';
import { argumentDialogs } from '../../argumentDialogs.ts';
import { openCoreSession } from '../../coreSession.ts';
import { EXIT, type Io } from '../../io.ts';
import { progressLine } from '../../progressLine.ts';
import { centralDb } from './centralDb.ts';

const JOB = 'central-reference';
const number = new Intl.NumberFormat('nl-NL');
/** The singular of a count's name, for "1 gemeente" (the import names its counts in the plural). */
const ONE: Record<string, string> = { "regio's": 'regio', gemeenten: 'gemeente', wijken: 'wijk', buurten: 'buurt', kenmerken: 'kenmerk', waarden: 'waarde', adressen: 'adres', postcodes: 'postcode', gebieden: 'gebied', cellen: 'cel' };
const counted = (n: number, name: string) => `${number.format(n)} ${n === 1 ? (ONE[name] ?? name) : name}`;

const SOORT: Record<NonNullable<ReferenceFileResult['soort']>, string> = {
  cbs_kwb: 'CBS Kerncijfers',
  cbs_bevolking: 'CBS bevolking naar geslacht en leeftijd',
  cbs_pc6: 'CBS-postcodes',
  bron: 'geaggregeerde cijfers',
  geojson: 'kaart',
};

/**
 * `central reference --db DIR [--jaar J] FILE...`: one line per file, exit 2 when any was refused.
 * `central reference --db DIR --lijst`: what is loaded, per file (for Kerncijfers: how many gemeenten of its year it provides).
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { db: { type: 'string' }, jaar: { type: 'string' }, lijst: { type: 'boolean' } } });
  if (values.lijst) return list(centralDb(values.db, { create: false }), io);
  // Reference data may come before the first delivery, so this may start a new store.
  const dir = centralDb(values.db, { create: true });
  if (positionals.length === 0) throw new UserError('ARGUMENT_ONTBREEKT', 'Geef minstens één bestand met referentiegegevens op (of --lijst om te zien wat er is ingelezen).');
  let jaar: number | undefined;
  if (values.jaar !== undefined) {
    if (!/^\d{4}$/.test(values.jaar)) throw new UserError('JAAR_ONGELDIG', `--jaar ${values.jaar.slice(0, 10)} is geen jaartal (bijvoorbeeld 2024).`);
    jaar = Number(values.jaar);
  }
  const progress = progressLine(io);
  const session = await openCoreSession(dir, { dialogs: argumentDialogs({ open: positionals }), onProgress: (event) => progress.update(event) });
  // Ctrl+C cancels like the app's cancel button: the file being read is not stored.
  const cancel = () => void session.call('jobs.cancel', { id: JOB });
  process.once('SIGINT', cancel);
  try {
    const results = await session.call('central.reference', { jobId: JOB, ...(jaar === undefined ? {} : { jaar }) });
    progress.done();
    for (const result of results) {
      if (result.status === 'geweigerd') {
        io.stderr(`geweigerd  ${result.bestand}\n${result.meldingen.map((m) => `  ${m}\n`).join('')}`);
        continue;
      }
      const counts = Object.entries(result.aantallen)
        .filter(([, n]) => n > 0)
        .map(([name, n]) => counted(n, name))
        .join(', ');
      const year = result.jaar === null ? '' : ` ${result.jaar}`;
      io.stdout(`${result.status.padEnd(10)} ${result.bestand} (${SOORT[result.soort!]}${year}): ${counts}\n${result.meldingen.map((m) => `  ${m}\n`).join('')}`);
    }
    const refused = results.filter((r) => r.status === 'geweigerd').length;
    io.stdout(`${results.length} ${results.length === 1 ? 'bestand' : 'bestanden'}: ${results.length - refused} ingelezen, ${refused} geweigerd.\n`);
    return refused > 0 ? EXIT.badInput : EXIT.ok;
  } finally {
    process.off('SIGINT', cancel);
    progress.done();
    session.close();
  }
}

/** One line per loaded data set; several Kerncijfers files of one year each say which gemeenten they provide. */
async function list(dir: string, io: Io): Promise<number> {
  const session = await openCoreSession(dir, { dialogs: argumentDialogs({}) });
  try {
    const { bronnen } = await session.call('central.referenceOverview');
    if (bronnen.length === 0) io.stdout('Nog geen referentiegegevens ingelezen.\n');
    for (const b of bronnen) {
      const what = [SOORT[b.soort], b.bron, b.periode || (b.jaar === null ? '' : String(b.jaar))].filter((t) => t !== '').join(' ');
      const gemeenten = b.gemeenten === null ? '' : `, ${b.gemeenten} ${b.gemeenten === 1 ? 'gemeente' : 'gemeenten'}${b.deelnemers.length > 0 ? ` (deelnemers: ${b.deelnemers.join(', ')})` : ''}`;
      io.stdout(`${what}: ${b.bestand} (${counted(b.rijen, 'rijen')}${gemeenten}), ingelezen ${b.ingelezen.slice(0, 10)}\n`);
    }
    return EXIT.ok;
  } finally {
    session.close();
  }
}
