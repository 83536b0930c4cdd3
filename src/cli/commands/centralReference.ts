import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ReferenceFileResult } from '../../shared/api.ts';
import { UserError } from '../../core/errors.ts';
import { openCoreSession } from '../coreSession.ts';
import { EXIT, type Io } from '../io.ts';

const SOORT: Record<NonNullable<ReferenceFileResult['soort']>, string> = {
  cbs_kwb: 'CBS Kerncijfers',
  cbs_pc6: 'CBS-postcodes',
  bron: 'geaggregeerde cijfers',
  geojson: 'kaart',
};

/** `central reference --db DIR [--jaar J] FILE...`: one line per file, exit 2 when any was refused. */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { db: { type: 'string' }, jaar: { type: 'string' } } });
  if (!values.db) throw new UserError('ARGUMENT_ONTBREEKT', 'Optie --db is verplicht: de map van de analist-editie.');
  if (positionals.length === 0) throw new UserError('ARGUMENT_ONTBREEKT', 'Geef minstens één bestand met referentiegegevens op.');
  let jaar: number | undefined;
  if (values.jaar !== undefined) {
    if (!/^\d{4}$/.test(values.jaar)) throw new UserError('JAAR_ONGELDIG', `--jaar ${values.jaar.slice(0, 10)} is geen jaartal (bijvoorbeeld 2024).`);
    jaar = Number(values.jaar);
  }
  const session = await openCoreSession(path.resolve(values.db));
  try {
    const results = await session.call('central.reference', { bestanden: positionals.map((f) => path.resolve(f)), ...(jaar === undefined ? {} : { jaar }) });
    for (const result of results) {
      if (result.status === 'geweigerd') {
        io.stderr(`geweigerd  ${result.bestand}\n${result.meldingen.map((m) => `  ${m}\n`).join('')}`);
        continue;
      }
      const counts = Object.entries(result.aantallen)
        .filter(([, n]) => n > 0)
        .map(([name, n]) => `${n} ${name}`)
        .join(', ');
      const year = result.jaar === null ? '' : ` ${result.jaar}`;
      io.stdout(`${result.status.padEnd(10)} ${result.bestand} (${SOORT[result.soort!]}${year}): ${counts}\n${result.meldingen.map((m) => `  ${m}\n`).join('')}`);
    }
    const refused = results.filter((r) => r.status === 'geweigerd').length;
    io.stdout(`${results.length} ${results.length === 1 ? 'bestand' : 'bestanden'}: ${results.length - refused} ingelezen, ${refused} geweigerd.\n`);
    return refused > 0 ? EXIT.badInput : EXIT.ok;
  } finally {
    session.close();
  }
}
