import { createInterface } from 'node:readline';
import { UserError } from '../core/errors.ts';
import type { Io } from './io.ts';

/**
 * The .wmkey passphrase: from WIJKMONITOR_PASSPHRASE (for scripts) or typed at a terminal, never
 * as an argument (arguments end up in shell history and process lists).
 */
export async function askPassphrase(io: Io, prompt: string, confirm = false): Promise<string> {
  const fromEnv = io.env.WIJKMONITOR_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UserError('WACHTWOORD_ONTBREEKT', 'Geen wachtwoordzin: zet WIJKMONITOR_PASSPHRASE of start de opdracht in een terminal.');
  }
  const first = await readHidden(prompt);
  if (confirm && (await readHidden('Herhaal de wachtwoordzin: ')) !== first) {
    throw new UserError('WACHTWOORD_VERSCHILT', 'De twee wachtwoordzinnen verschillen; er is niets opgeslagen.');
  }
  return first;
}

function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // Echo nothing of what is typed after the prompt.
    (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text) => {
      if (text.includes(prompt)) process.stderr.write(prompt);
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
