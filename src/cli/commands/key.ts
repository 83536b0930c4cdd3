import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../core/errors.ts';
import { readKeyFile, writeKeyFile } from '../../core/pseudonym/keyFile.ts';
import { createKey, fingerprint } from '../../core/pseudonym/wm1.ts';
import { EXIT, type Io } from '../io.ts';
import { askPassphrase } from '../passphrase.ts';

export async function run(argv: string[], io: Io): Promise<number> {
  const [action, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: { out: { type: 'string' }, key: { type: 'string' } } });
  if (action === 'create') {
    if (!values.out) throw new UserError('ARGUMENT_ONTBREEKT', 'Geef met --out aan waar het sleutelbestand moet komen.');
    // Overwriting a key would orphan every pseudonym made with it.
    if (existsSync(values.out)) throw new UserError('BESTAAT_AL', `${path.basename(values.out)} bestaat al; een sleutel wordt nooit overschreven.`);
    const passphrase = await askPassphrase(io, 'Wachtwoordzin voor de sleutel (minstens 12 tekens): ', true);
    const key = createKey();
    const vingerafdruk = fingerprint(key);
    await writeKeyFile(values.out, key, passphrase).finally(() => key.fill(0));
    io.stdout(`Sleutel opgeslagen in ${values.out}\nVingerafdruk: ${vingerafdruk}\nBewaar een kopie op een veilige plek: zonder deze sleutel zijn leveringen niet meer aan elkaar te koppelen.\n`);
    return EXIT.ok;
  }
  if (action === 'fingerprint') {
    if (!values.key) throw new UserError('ARGUMENT_ONTBREEKT', 'Geef met --key het sleutelbestand op.');
    const key = await readKeyFile(values.key, await askPassphrase(io, 'Wachtwoordzin: '));
    const vingerafdruk = fingerprint(key);
    key.fill(0);
    io.stdout(`${vingerafdruk}\n`);
    return EXIT.ok;
  }
  throw new UserError('ONBEKENDE_OPDRACHT', 'Gebruik "key create --out SLEUTEL.wmkey" of "key fingerprint --key SLEUTEL.wmkey".');
}
