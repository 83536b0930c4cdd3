import { existsSync } from 'node:fs';
import path from 'node:path';
import { CATALOGUE_FILE } from '../../../core/central/store/centralStore.ts';
import { UserError } from '../../../core/errors.ts';

/**
 * The analyst's data folder from `--db`. Only `import` may start a new one: elsewhere a folder
 * without a catalogue is a typing error, and creating an empty store would hide it.
 */
export function centralDb(value: string | undefined, options: { create: boolean }): string {
  if (!value) throw new UserError('ARGUMENT_ONTBREEKT', 'Geef met --db de map van de analist-opslag op.');
  const dir = path.resolve(value);
  if (!options.create && !existsSync(path.join(dir, CATALOGUE_FILE))) {
    throw new UserError('GEEN_ANALISTENOPSLAG', `${value} bevat geen analist-opslag (${CATALOGUE_FILE}); lees eerst leveringen in met "wijkmonitor central import".`);
  }
  return dir;
}
