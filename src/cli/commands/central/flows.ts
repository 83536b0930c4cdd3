import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../core/errors.ts';
import { internName, requireIntern } from '../../../core/central/export/exportFigures.ts';
import { argumentDialogs } from '../../argumentDialogs.ts';
import { openCoreSession } from '../../coreSession.ts';
import { EXIT, type Io } from '../../io.ts';
import { centralDb } from './centralDb.ts';

const DIMENSIONS = ['pijler', 'voorziening', 'leefdomein'] as const;

/** `central flows --db DIR --from P1 --to P2 [--by pijler|voorziening|leefdomein] --out FILE.csv --intern`: waterbed shifts. */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, by: { type: 'string', default: 'pijler' }, out: { type: 'string' }, intern: { type: 'boolean', default: false } },
  });
  if (!values.from || !values.to || !values.out) throw new UserError('ARGUMENT_ONTBREEKT', 'Opties --from, --to en --out zijn verplicht.');
  if (positionals.length > 0) throw new UserError('ARGUMENT_ONBEKEND', `Onverwacht argument: ${positionals[0]!.slice(0, 60)}.`);
  const dimensie = DIMENSIONS.find((d) => d === values.by);
  if (!dimensie) throw new UserError('INDELING_ONGELDIG', `--by ${values.by.slice(0, 20)} is geen indeling; kies pijler, voorziening of leefdomein.`);
  requireIntern(values.intern);
  const out = path.resolve(internName(values.out));
  const session = await openCoreSession(centralDb(values.db, { create: false }), { dialogs: argumentDialogs({ save: out }) });
  try {
    const result = await session.call('central.flows', { van: values.from, naar: values.to, dimensie, intern: true });
    if (!result.saved) throw new UserError('NIET_OPGESLAGEN', 'De verschuivingen zijn niet opgeslagen.');
    io.stdout(
      `Verschuivingen geschreven: ${result.path}\n${new Intl.NumberFormat('nl-NL').format(result.rijen)} regels (van × naar per ${dimensie}) voor ${result.gemeenten.join(', ')}.\n` +
        (result.sleutelBreuk.length > 0 ? `Niet meegeteld, sleutel gewijzigd tussen de perioden: ${result.sleutelBreuk.join(', ')}.\n` : '') +
        'Intern: niets onderdrukt. Niet voor publicatie.\n',
    );
    return EXIT.ok;
  } finally {
    session.close();
  }
}
