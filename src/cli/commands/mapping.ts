import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../core/errors.ts';
import { writeProfile, type MappingProfile } from '../../core/import/mapping/profile.ts';
import { prepareExport } from '../../core/import/prepareExport.ts';
import { loadRecordParsers } from '../../core/import/recordParsers.ts';
import { loadReferenceTables } from '../../core/resources/referenceTables.ts';
import { EXIT, type Io } from '../io.ts';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, naam: { type: 'string' } } });
  const [file] = positionals;
  if (!values.out || !file || positionals.length > 1) throw new UserError('ARGUMENT_ONTBREEKT', 'Geef --out en precies één export op.');
  if (existsSync(values.out)) throw new UserError('BESTAAT_AL', `${path.basename(values.out)} bestaat al; kies een andere naam.`);
  const prepared = await prepareExport(file, { ref: loadReferenceTables(), parsers: loadRecordParsers() });
  const { settings } = prepared;
  const profile: MappingProfile = {
    formaat: 'wijkmonitor-profiel',
    versie: 1,
    naam: values.naam ?? path.basename(file, path.extname(file)),
    lezer: settings.format === 'csv' ? { encoding: settings.encoding, delimiter: settings.delimiter, headerRow: settings.headerRow } : { sheet: settings.sheet, headerRow: settings.headerRow },
    kolommen: prepared.mapping,
    decimaal: prepared.decimaal,
  };
  writeProfile(values.out, profile);
  for (const warning of prepared.warnings) io.stderr(`Waarschuwing: ${warning}\n`);
  const unmapped = prepared.headers.filter((h) => !Object.values(prepared.mapping).includes(h));
  io.stdout(
    `Koppelprofiel geschreven: ${values.out}\n` +
      Object.entries(prepared.mapping).map(([veld, kolom]) => `  ${veld.padEnd(15)} ← ${kolom}`).join('\n') +
      `\nNiet gebruikt (wordt nooit opgeslagen of geleverd): ${unmapped.join(', ') || '—'}\n`,
  );
  return EXIT.ok;
}
