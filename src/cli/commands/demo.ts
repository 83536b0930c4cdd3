import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportFileName } from '../../../fixtures/exports.ts';
import { generateFixtures, GEMEENTE_DIALECTS } from '../../../fixtures/generate.ts';
import { deliverExportFiles } from '../../core/delivery/deliverExportFiles.ts';
import { verifyDelivery } from '../../core/delivery/verifyDelivery.ts';
import { UserError } from '../../core/errors.ts';
import { writeKeyFile } from '../../core/pseudonym/keyFile.ts';
import { createKey } from '../../core/pseudonym/wm1.ts';
import { EXIT, type Io } from '../io.ts';
import { withStore } from '../store.ts';
import { appVersion } from '../version.ts';

const DEMO_PASSPHRASE = 'demo-wachtwoordzin-alleen-voor-testdata';
const PERIODE = '2026Q3';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' }, rows: { type: 'string' } } });
  if (!values.out) throw new UserError('ARGUMENT_ONTBREEKT', 'Geef met --out een map voor de demo op.');
  // Every run gets a folder of its own, so a rerun never overwrites (or deletes) anything.
  const out = path.join(path.resolve(values.out), `demo-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}`);
  const fixturesDir = path.join(out, 'testdata');
  const keysDir = path.join(out, 'sleutels');
  const deliveriesDir = path.join(out, 'leveringen');
  for (const dir of [keysDir, deliveriesDir]) mkdirSync(dir, { recursive: true });

  const started = Date.now();
  io.stdout(`Testdata maken in ${fixturesDir} …\n`);
  await generateFixtures({ seed: 20261, rows: values.rows ? Number(values.rows) : 10_000, outDir: fixturesDir });
  const passphrase = io.env.WIJKMONITOR_PASSPHRASE || DEMO_PASSPHRASE;

  let failures = 0;
  await withStore(path.join(out, 'gegevens'), async (db) => {
    for (const [code, dialect] of Object.entries(GEMEENTE_DIALECTS)) {
      const gemeenteDir = path.join(fixturesDir, code);
      const key = createKey();
      const keyFile = path.join(keysDir, `${code}.wmkey`);
      await writeKeyFile(keyFile, key, passphrase);
      const result = await deliverExportFiles({
        db,
        key,
        gemeente: { code, naam: `Demogemeente ${code}` },
        periode: PERIODE,
        exports: [path.join(gemeenteDir, exportFileName(dialect, PERIODE))],
        productsFile: path.join(gemeenteDir, 'producten.csv'),
        areasFile: path.join(gemeenteDir, 'gebieden.csv'),
        out: deliveriesDir,
        appVersion: appVersion(),
      });
      const check = await verifyDelivery(result.file);
      if (!check.ok) failures++;
      const k = result.manifest.kwaliteit;
      io.stdout(
        `${code} (${dialect}): ${k.rijen_gelezen} rijen gelezen, ${k.rijen_uitgesloten} uitgesloten, ` +
          `${result.manifest.bestanden['voorzieningen.csv'].rijen} voorzieningen geleverd → ${result.file} ` +
          `[controle: ${check.ok ? 'in orde' : check.problems.join('; ')}]\n`,
      );
    }
  });
  io.stdout(`Klaar in ${((Date.now() - started) / 1000).toFixed(1)} s. Sleutels (wachtwoordzin: ${passphrase === DEMO_PASSPHRASE ? DEMO_PASSPHRASE : 'uit WIJKMONITOR_PASSPHRASE'}) in ${keysDir}.\n`);
  return failures === 0 ? EXIT.ok : EXIT.verificationFailed;
}
