import { expect, test } from 'vitest';
import type { Command } from './command.ts';
import { runCli } from './main.ts';

/** A command that fails the way a writer no one wrapped would. */
function failing(error: unknown): Command {
  return { name: 'schrijf', summary: '', usage: 'schrijf', load: async () => ({ run: () => Promise.reject(error) }) };
}

async function stderrOf(error: unknown) {
  let stderr = '';
  const code = await runCli(['schrijf'], { stdout: () => {}, stderr: (text) => (stderr += text), env: {}, interactive: false }, [failing(error)]);
  return { code, stderr };
}

test('a full disk that reached the CLI unwrapped is still called by its name', async () => {
  const withPath = await stderrOf(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', path: '/uit/rapport.xlsx' }));
  expect(withPath).toEqual({ code: 2, stderr: expect.stringMatching(/^Fout: 'rapport\.xlsx' kon niet worden geschreven in map '\/uit': de schijf is vol\./) });
  const withoutPath = await stderrOf(Object.assign(new Error('EFBIG'), { code: 'EFBIG' }));
  expect(withoutPath.stderr).toBe('Fout: de schijf is vol of een bestand wordt groter dan hier is toegestaan (EFBIG). Maak ruimte vrij en probeer het opnieuw.\n');
  expect((await stderrOf(new Error('iets anders'))).stderr).toBe('Fout: er ging intern iets mis; er is niets gewijzigd.\n');
});
