import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../core/errors.ts';
import { argumentDialogs } from '../../argumentDialogs.ts';
import { openCoreSession } from '../../coreSession.ts';
import { EXIT, type Io } from '../../io.ts';
import { centralDb } from './centralDb.ts';

const count = new Intl.NumberFormat('nl-NL');
const decimal3 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

/**
 * `central groups --db DIR --out referentiegroepen.csv [--groepen N] [--jaar J]`: reference groups
 * of comparable wijken over all wijken of the CBS year, plus the peers and kenmerken files beside it.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string' }, out: { type: 'string' }, groepen: { type: 'string' }, jaar: { type: 'string' } },
  });
  if (!values.out) throw new UserError('ARGUMENT_ONTBREEKT', 'Optie --out is verplicht.');
  if (positionals.length > 0) throw new UserError('ARGUMENT_ONBEKEND', `Onverwacht argument: ${positionals[0]!.slice(0, 60)}.`);
  if (values.jaar !== undefined && !/^\d{4}$/.test(values.jaar)) throw new UserError('JAAR_ONGELDIG', `--jaar ${values.jaar.slice(0, 10)} is geen jaartal (bijvoorbeeld 2024).`);
  if (values.groepen !== undefined && !/^\d{1,2}$/.test(values.groepen)) throw new UserError('GROEPEN_ONGELDIG', `--groepen ${values.groepen.slice(0, 10)} is geen aantal (6 tot en met 12).`);
  const out = path.resolve(values.out);
  const session = await openCoreSession(centralDb(values.db, { create: false }), { dialogs: argumentDialogs({ save: out }) });
  try {
    const result = await session.call('central.groups', {
      ...(values.jaar === undefined ? {} : { jaar: Number(values.jaar) }),
      ...(values.groepen === undefined ? {} : { groepen: Number(values.groepen) }),
    });
    if (!result.saved) throw new UserError('NIET_OPGESLAGEN', 'De referentiegroepen zijn niet opgeslagen.');
    const listed = (keuze: { silhouettes: { k: number; silhouette: number }[] }) => keuze.silhouettes.map((s) => `${s.k}: ${decimal3.format(s.silhouette)}`).join('; ');
    const silhouettes = listed(result.keuze);
    const groot = `de wijken vanaf ${count.format(result.kleineWijk)} inwoners`;
    const kleinGroepen = result.groepen.filter((g) => g.klein);
    const klein = `de wijken onder ${count.format(result.kleineWijk)} inwoners`;
    const lines = [
      `Referentiegroepen geschreven: ${result.path}`,
      `Buren per wijk: ${result.buren}`,
      `Kenmerken per wijk: ${result.kenmerken}`,
      `${count.format(result.wijken)} wijken met inwoners in ${count.format(result.aantalGemeenten)} gemeenten uit de CBS Kerncijfers ${result.jaar}${result.zonderInwoners > 0 ? ` (${count.format(result.zonderInwoners)} wijken zonder inwoners hebben geen groep)` : ''}.`,
      `Kenmerken: ${result.gebruikteKenmerken.join(', ')}.`,
      ...(result.weggelaten.length > 0 ? [`Niet gebruikt: ${result.weggelaten.join('; ')}.`] : []),
      ...(result.geimputeerd > 0 ? [`${count.format(result.geimputeerd)} wijken hebben een ontbrekende waarde die is aangevuld uit de gemeente of het land (zie de kenmerken per wijk, kolom herkomst).`] : []),
      result.keuze.gekozen === 'opgegeven'
        ? `${result.keuze.k} groepen (opgegeven) voor ${groot}; silhouet ${silhouettes}.`
        : `${result.keuze.k} groepen voor ${groot}, gekozen op het hoogste gemiddelde silhouet (${silhouettes}).`,
      ...(kleinGroepen.length === 0
        ? []
        : [
            result.keuzeKlein === null
              ? `1 groep voor ${klein} (te weinig wijken om te verdelen).`
              : `${result.keuzeKlein.k} groepen voor ${klein}, op profiel en grootte, gekozen op het hoogste gemiddelde silhouet (${listed(result.keuzeKlein)}).`,
          ]),
      ...result.groepen.map((g) => `  ${g.code}  ${count.format(g.wijken).padStart(5)} wijken  ${count.format(g.inwoners).padStart(10)} inwoners  ${g.naam}`),
    ];
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT.ok;
  } finally {
    session.close();
  }
}
