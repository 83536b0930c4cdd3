import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../core/errors.ts';
import { PACK_STATUSES, type PackStatus } from '../../../core/pack/packStatus.ts';
import { GEEN_IJKPERIODE } from '../../../shared/packStatus.ts';

/** `--ijkperiode standaard`: back to the default choice. */
const STANDAARD = 'standaard';
import { argumentDialogs } from '../../argumentDialogs.ts';
import { openCoreSession } from '../../coreSession.ts';
import { EXIT, type Io } from '../../io.ts';
import { progressLine } from '../../progressLine.ts';
import { centralDb } from './centralDb.ts';

/**
 * `central pack --db DIR --period P [--gemeente GM…] [--toelichting FILE] [--status S] [--ijkperiode P0|geen|standaard] --out DIR`:
 * per gemeente the Excel pack, the PDF report, the benchmark file and the verrijkte dataset. The
 * ijkperiode is stored for the release (standaard: the same period a year earlier when published,
 * else the earliest published one with the gemeente's key).
 * Exit 1 when any gemeente failed (the others still get theirs).
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string' }, period: { type: 'string' }, gemeente: { type: 'string', multiple: true }, toelichting: { type: 'string' }, status: { type: 'string' }, ijkperiode: { type: 'string' }, out: { type: 'string' } },
  });
  if (!values.period || !values.out) throw new UserError('ARGUMENT_ONTBREEKT', 'Opties --period en --out zijn verplicht.');
  if (positionals.length > 0) throw new UserError('ARGUMENT_ONBEKEND', `Onverwacht argument: ${positionals[0]!.slice(0, 60)}.`);
  if (values.status !== undefined && !(PACK_STATUSES as readonly string[]).includes(values.status)) {
    throw new UserError('STATUS_ONGELDIG', `--status ${values.status.slice(0, 20)} kan niet: kies ${PACK_STATUSES.join(' of ')}.`);
  }
  let toelichting: string | undefined;
  if (values.toelichting !== undefined) {
    try {
      toelichting = readFileSync(values.toelichting, 'utf8').replace(/^\uFEFF/, '').trim();
    } catch {
      throw new UserError('TOELICHTING_ONLEESBAAR', `${values.toelichting.slice(0, 200)}: het bestand met de toelichting is niet te lezen.`, { file: values.toelichting });
    }
  }
  const ijkperiode = values.ijkperiode === undefined ? undefined : values.ijkperiode.trim().toLowerCase() === STANDAARD ? null : values.ijkperiode.trim().toLowerCase() === GEEN_IJKPERIODE ? GEEN_IJKPERIODE : values.ijkperiode;
  const gemeenten = (values.gemeente ?? []).flatMap((g) => g.split(',')).map((g) => g.trim().toUpperCase()).filter(Boolean);
  const out = path.resolve(values.out);
  const progress = progressLine(io);
  const session = await openCoreSession(centralDb(values.db, { create: false }), {
    dialogs: argumentDialogs({ save: out }),
    onProgress: (event) => progress.update({ phase: event.phase, done: event.done, total: event.total }),
  });
  try {
    const result = await session
      .call('central.pack', { periode: values.period, ...(gemeenten.length > 0 ? { gemeenten } : {}), ...(values.status ? { status: values.status as PackStatus } : {}), ...(toelichting !== undefined ? { toelichting } : {}), ...(ijkperiode !== undefined ? { ijkperiode } : {}) })
      .finally(progress.done);
    if (!result.saved) throw new UserError('NIET_OPGESLAGEN', 'De pakketten zijn niet geschreven.');
    const o = result.onderdrukking;
    io.stdout(
      `Centrale release ${values.period} (onderdrukt${o ? `: ${o.primair} cellen primair, ${o.secundair} secundair` : ''}): ${result.release}\n` +
        `Controle per onderdrukte cel (alleen intern, niet publiceren): ${result.audit}\n`,
    );
    for (const g of result.gemeenten) {
      if (g.ok) io.stdout(`${g.gemeente} (${g.setting.status}, ${g.ijk.periode ? `ijkperiode ${g.ijk.periode}` : 'geen ijkperiode'}): ${path.basename(g.files.xlsx)}, ${path.basename(g.files.pdf)}, ${path.basename(g.files.benchmark)}, ${path.basename(g.files.parquet)}, ${path.basename(g.files.csv)}\n${g.ijk.notes.map((n) => `  ${n}\n`).join('')}`);
      else io.stderr(`${g.gemeente}: geen pakket: ${g.fout}\n`);
    }
    io.stdout(`Pakketten in ${result.map}\n`);
    return result.gemeenten.every((g) => g.ok) ? EXIT.ok : EXIT.verificationFailed;
  } finally {
    session.close();
  }
}
