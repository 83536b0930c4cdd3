import { parseArgs } from 'node:util';
import { UserError } from '../../core/errors.ts';
import { figuresFromDeliveries } from '../../core/indicators/deliveryFigures.ts';
import { parsePeriode } from '../../core/period/periode.ts';
import { loadReferenceTables } from '../../core/resources/referenceTables.ts';
import { EXIT, type Io } from '../io.ts';
import { progressLine } from '../progressLine.ts';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { period: { type: 'string' }, out: { type: 'string' } } });
  if (!values.period || !values.out) throw new UserError('ARGUMENT_ONTBREEKT', 'Opties --period en --out zijn verplicht.');
  if (positionals.length === 0) throw new UserError('GEEN_LEVERING', 'Geef minstens één leveringsbestand (.zip) op.');
  const periode = parsePeriode(values.period);
  const progress = progressLine(io);
  const result = await figuresFromDeliveries(positionals, periode, values.out, loadReferenceTables(), (rows) => progress.update({ phase: `Leveringen inlezen: ${rows.toLocaleString('nl-NL')} rijen`, done: rows, total: null }), {
    onQuery: (done, total) => progress.update({ phase: 'Cijfers berekenen', done, total }),
  }).finally(progress.done);
  for (const gemeente of result.zonderVorigePeriode) {
    io.stderr(`Let op: voor ${gemeente} is de periode vóór ${periode.code} niet meegegeven; de instroom telt dan iedereen die in ${periode.code} begint.\n`);
  }
  io.stdout(`Cijfers geschreven: ${values.out}\n${result.rijen} cijfers voor ${result.gemeenten.join(', ')}, periode ${periode.code} (niet onderdrukt: alleen voor intern gebruik).\n`);
  return EXIT.ok;
}
