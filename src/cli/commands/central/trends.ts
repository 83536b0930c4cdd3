import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../core/errors.ts';
import { internName, requireIntern } from '../../../core/central/export/exportFigures.ts';
import { argumentDialogs } from '../../argumentDialogs.ts';
import { openCoreSession } from '../../coreSession.ts';
import { EXIT, type Io } from '../../io.ts';
import { centralDb } from './centralDb.ts';

/** `central trends --db DIR --base P0 --period P --out FILE.csv --intern`: change against an ijkperiode. */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string' }, base: { type: 'string' }, period: { type: 'string' }, out: { type: 'string' }, intern: { type: 'boolean', default: false } },
  });
  if (!values.base || !values.period || !values.out) throw new UserError('ARGUMENT_ONTBREEKT', 'Opties --base, --period en --out zijn verplicht.');
  if (positionals.length > 0) throw new UserError('ARGUMENT_ONBEKEND', `Onverwacht argument: ${positionals[0]!.slice(0, 60)}.`);
  requireIntern(values.intern);
  const out = path.resolve(internName(values.out));
  const session = await openCoreSession(centralDb(values.db, { create: false }), { dialogs: argumentDialogs({ save: out }) });
  try {
    const result = await session.call('central.trends', { ijk: values.base, periode: values.period, intern: true });
    if (!result.saved) throw new UserError('NIET_OPGESLAGEN', 'De trend is niet opgeslagen.');
    io.stdout(
      `Trend geschreven: ${result.path}\n${new Intl.NumberFormat('nl-NL').format(result.rijen)} regels, ${values.period} tegen ijkperiode ${values.base}, voor ${result.gemeenten.join(', ')}${result.alle && result.gemeenten.length > 1 ? ', ALLE en de referentiegroepen' : ''}.\n` +
        (result.sleutelBreuk.length > 0 ? `Niet vergeleken, sleutel gewijzigd tussen de perioden: ${result.sleutelBreuk.join(', ')} (daarom ook geen ALLE en referentiegroepen).\n` : '') +
        'Intern: niets onderdrukt. Niet voor publicatie.\n',
    );
    return EXIT.ok;
  } finally {
    session.close();
  }
}
