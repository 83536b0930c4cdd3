import { parseArgs } from 'node:util';
import { UserError } from '../../core/errors.ts';
import { figuresFromDeliveries } from '../../core/indicators/deliveryFigures.ts';
import path from 'node:path';
import { parsePeriode, type Periode } from '../../core/period/periode.ts';
import { loadReferenceTables } from '../../core/resources/referenceTables.ts';
import { EXIT, type Io } from '../io.ts';
import { progressLine } from '../progressLine.ts';

/** The file's targets for the period's year; a file without any for that year is a mistake worth saying. */
async function programmeringFor(file: string, periode: Periode) {
  // Loaded only for --programmering: the table readers bring ExcelJS, a third of a second of start-up.
  const { readProgrammeringFile } = await import('../../core/programmering/programmeringTable.ts');
  const rows = await readProgrammeringFile(file, loadReferenceTables().pijlers.map((p) => p.code));
  const jaar = Number(periode.begin.slice(0, 4));
  if (!rows.some((r) => r.jaar === jaar)) {
    throw new UserError('PROGRAMMERING_GEEN_JAAR', `${path.basename(file)}: geen streefwaarden voor ${jaar} (wel voor ${[...new Set(rows.map((r) => r.jaar))].join(', ')}). Kies een periode in een jaar van de programmering.`, { file: path.basename(file) });
  }
  return rows;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { period: { type: 'string' }, out: { type: 'string' }, programmering: { type: 'string' } } });
  if (!values.period || !values.out) throw new UserError('ARGUMENT_ONTBREEKT', 'Opties --period en --out zijn verplicht.');
  if (positionals.length === 0) throw new UserError('GEEN_LEVERING', 'Geef minstens één leveringsbestand (.zip) op.');
  const periode = parsePeriode(values.period);
  const programmering = values.programmering ? await programmeringFor(values.programmering, periode) : undefined;
  const progress = progressLine(io);
  const result = await figuresFromDeliveries(positionals, periode, values.out, loadReferenceTables(), (rows) => progress.update({ phase: `Leveringen inlezen: ${rows.toLocaleString('nl-NL')} rijen`, done: rows, total: null }), {
    onQuery: (done, total) => progress.update({ phase: 'Cijfers berekenen', done, total }),
    programmering,
  }).finally(progress.done);
  for (const gemeente of result.zonderVorigePeriode) {
    io.stderr(`Let op: voor ${gemeente} is de periode vóór ${periode.code} niet meegegeven; de instroom telt dan iedereen die in ${periode.code} begint.\n`);
  }
  io.stdout(`Cijfers geschreven: ${values.out}\n${result.rijen} cijfers voor ${result.gemeenten.join(', ')}, periode ${periode.code} (niet onderdrukt: alleen voor intern gebruik).\n`);
  return EXIT.ok;
}
