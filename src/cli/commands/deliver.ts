import { parseArgs } from 'node:util';
import { deliverExportFiles } from '../../core/delivery/deliverExportFiles.ts';
import { UserError } from '../../core/errors.ts';
import { readKeyFile } from '../../core/pseudonym/keyFile.ts';
import { getSettings } from '../../core/settings/settings.ts';
import { gemeenteCodeSchema } from '../../core/settings/handlers.ts';
import { defaultDataDir } from '../dataDir.ts';
import { EXIT, type Io } from '../io.ts';
import { askPassphrase } from '../passphrase.ts';
import { progressLine } from '../progressLine.ts';
import { withStore } from '../store.ts';
import { appVersion } from '../version.ts';

const regels = (n: number) => `${n} ${n === 1 ? 'regel' : 'regels'}`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      key: { type: 'string' },
      gemeente: { type: 'string' },
      naam: { type: 'string' },
      period: { type: 'string' },
      products: { type: 'string' },
      areas: { type: 'string' },
      lasten: { type: 'string' },
      mapping: { type: 'string' },
      out: { type: 'string' },
      data: { type: 'string' },
    },
  });
  for (const option of ['key', 'gemeente', 'period', 'out'] as const) {
    if (!values[option]) throw new UserError('ARGUMENT_ONTBREEKT', `Optie --${option} ontbreekt. Zie "wijkmonitor deliver --help".`);
  }
  const code = gemeenteCodeSchema.safeParse(values.gemeente);
  if (!code.success) throw new UserError('ONGELDIGE_INVOER', `--gemeente: ${code.error.issues[0]!.message}`);
  const key = await readKeyFile(values.key!, await askPassphrase(io, 'Wachtwoordzin van de sleutel: '));

  // The key lives only for this command: zeroed however it ends.
  return withStore(values.data ?? defaultDataDir(io.env), async (db) => {
    const settings = getSettings(db);
    const gemeentecode = code.data.toUpperCase();
    const naam = values.naam ?? (settings.gemeenteCode === gemeentecode ? settings.gemeenteNaam : null) ?? gemeentecode;
    const progress = progressLine(io);
    const result = await deliverExportFiles({
      db,
      key,
      gemeente: { code: gemeentecode, naam },
      periode: values.period!,
      exports: positionals,
      productsFile: values.products,
      areasFile: values.areas,
      lastenFile: values.lasten,
      profileFile: values.mapping,
      out: values.out!,
      appVersion: appVersion(),
      onProgress: progress.update,
    }).finally(progress.done);
    for (const warning of result.warnings) io.stderr(`Waarschuwing: ${warning}\n`);
    const k = result.manifest.kwaliteit;
    io.stdout(
      `Levering geschreven: ${result.file}\n` +
        `${result.manifest.bestanden['voorzieningen.csv'].rijen} voorzieningen in ${result.manifest.periode}; ` +
        `${k.rijen_gelezen} rijen gelezen, ${k.rijen_uitgesloten} uitgesloten; sleutel ${result.manifest.sleutel}\n` +
        (result.manifest.versie === 2 ? `Levering v2: met lasten.csv (${regels(result.manifest.bestanden['lasten.csv']!.rijen)} lasten voor de toerekening).\n` : ''),
    );
    return EXIT.ok;
  }).finally(() => key.fill(0));
}
