import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../core/errors.ts';
import { internName } from '../../../core/central/export/exportFigures.ts';
import { argumentDialogs } from '../../argumentDialogs.ts';
import { openCoreSession } from '../../coreSession.ts';
import { EXIT, type Io } from '../../io.ts';
import { progressLine } from '../../progressLine.ts';
import { centralDb } from './centralDb.ts';
import { MIN_EXPECTED_SHOWN } from '../../../core/benchmark/indirectStandardisation.ts';
import { SEED_STATEMENT } from '../../../core/benchmark/standardisedFigures.ts';
import { describeAgeBands, loadAgeStrata } from '../../../core/benchmark/ageStrata.ts';
import { describeCbsJaren, withoutCbs } from '../../../shared/cbsJaren.ts';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, period: { type: 'string' }, out: { type: 'string' }, intern: { type: 'boolean', default: false } } });
  if (!values.period || !values.out) throw new UserError('ARGUMENT_ONTBREEKT', 'Opties --period en --out zijn verplicht.');
  // An internal export says so in its name, so it is not mistaken for the suppressed one.
  const out = path.resolve(values.intern ? internName(values.out) : values.out);
  const progress = progressLine(io);
  const session = await openCoreSession(centralDb(values.db, { create: false }), {
    dialogs: argumentDialogs({ save: out }),
    onProgress: (event) => progress.update({ phase: 'Cijfers berekenen', done: event.done, total: event.total }),
  });
  try {
    const result = await session.call('central.export', { periode: values.period, intern: values.intern }).finally(progress.done);
    if (!result.saved) throw new UserError('NIET_OPGESLAGEN', 'De cijfers zijn niet opgeslagen.');
    io.stdout(
      `Cijfers geschreven: ${result.path}\n${result.rijen} cijfers voor ${result.gemeenten.length} gemeenten en ALLE, periode ${values.period}` +
        `${result.cbsJaren.length === 0 ? ' (geen CBS-bevolkingscijfers geladen: geen cijfers per inwoner)' : `, inwoners uit ${describeCbsJaren(result.cbsJaren)}${withoutCbs(result.gemeenten, result.cbsJaren)}`}.\n` +
        (result.cbsJaren.length === 0
          ? ''
          : `verwacht en sr (per pijler, indirect gestandaardiseerd op leeftijd × geslacht tegen alle deelnemende gemeenten): toon een sr niet bij minder dan ${MIN_EXPECTED_SHOWN} verwachte cliënten; ` +
            `trechtergrenzen 95 % en 99,8 % als sr_funnel95_onder … sr_funnel998_boven.\n` +
            `Leeftijdsbanden van de standaardisatie (× geslacht) per pijler: ${describeAgeBands(loadAgeStrata()).join('; ')}.\n` +
            `${SEED_STATEMENT[0]!.toUpperCase()}${SEED_STATEMENT.slice(1)}.\n` +
            seedLine(result.startTabellen) +
            (result.zonderStratum.length === 0
              ? 'Alle cliënten hebben een bekende leeftijd en geslacht.\n'
              : `Buiten de standaardisatie (leeftijd of geslacht onbekend): ${result.zonderStratum.map((z) => `${z.gemeente} ${z.pijler} ${z.clienten}`).join(', ')} cliënten.\n`)),
    );
    for (const l of result.nietToegerekend) {
      io.stdout(`Niet toegerekend: lasten ${l.gemeente} ${l.periode} product ${l.productcode}${l.aanbieder ? ` (${l.aanbieder})` : ''} € ${l.kosten.toFixed(2)}: geen voorziening van dat product in de periode.\n`);
    }
    const o = result.onderdrukking;
    if (o === null || result.audit === null) io.stdout('Intern: alle actuele leveringen, ook zonder akkoord, en niets onderdrukt. Niet voor publicatie.\n');
    else
      io.stdout(
        `Onderdrukt: ${o.primair} cellen primair (1–4 cliënten), ${o.secundair} secundair, in ${o.rondes} ronde(n), ${(o.ms / 1000).toFixed(1)} s` +
          `${o.weggelaten > 0 ? `; ${o.weggelaten} cijfers weggelaten (verdelingen en ALLE-cellen die niet te beschermen zijn)` : ''}.\n` +
          `Alleen gemeenten met akkoord: ${result.gemeenten.join(', ')}.\nControle per onderdrukte cel (alleen intern, niet publiceren): ${result.audit}\n`,
      );
  } finally {
    session.close();
  }
  return EXIT.ok;
}

/** Per gemeente which seed its age × sex table had, so the analyst sees which wijken had a real one. */
function seedLine(startTabellen: readonly { gemeente: string; jaar: number | null }[]): string {
  if (startTabellen.length === 0) return '';
  const echt = startTabellen.filter((s) => s.jaar !== null).map((s) => `${s.gemeente} (03759ned ${s.jaar})`);
  const geen = startTabellen.filter((s) => s.jaar === null).map((s) => s.gemeente);
  return (
    `Starttabel leeftijd × geslacht: ${echt.length > 0 ? echt.join(', ') : 'geen gemeente met CBS 03759ned'}` +
    `${geen.length > 0 ? `; onafhankelijk verondersteld (geen 03759ned ingelezen): ${geen.join(', ')}` : ''}.\n`
  );
}
