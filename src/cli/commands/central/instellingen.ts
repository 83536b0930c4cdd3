import { parseArgs } from 'node:util';
import type { CentralThreshold } from '../../../shared/api.ts';
import { UserError } from '../../../core/errors.ts';
import { openCoreSession } from '../../coreSession.ts';
import { EXIT, type Io } from '../../io.ts';
import { centralDb } from './centralDb.ts';

/** The option per threshold that has one of its own; every threshold also by code with --drempel. */
const OPTIONS = { minimum: 'minimum_clienten', kostenbreedte: 'kosten_breedte', 'kleine-wijk': 'kleine_wijk' } as const;

/** `12,5` or `12.5` (a Dutch decimal comma or a point; no thousands separators on the command line). */
function parseValue(text: string, option: string): number {
  const t = text.trim();
  if (!/^\d+(?:[.,]\d+)?$/.test(t)) throw new UserError('ONGELDIGE_WAARDE', `${option}: '${t.slice(0, 40)}' is geen getal (bijvoorbeeld 10 of 12,5).`);
  return Number(t.replace(',', '.'));
}

const shown = (t: CentralThreshold) =>
  `${t.code}\t${t.waarde.toLocaleString('nl-NL', { maximumFractionDigits: 2 })} ${t.eenheid}\t${t.gewijzigd === null ? 'standaard' : `gewijzigd ${t.gewijzigd.slice(0, 10)}, standaard ${t.standaard.toLocaleString('nl-NL', { maximumFractionDigits: 2 })}`}\t${t.naam}`;

/**
 * `central instellingen`: lists the analyst's thresholds, or sets them in the order given (each
 * through central.setThreshold, so with the same checks and audit entry as on Instellingen).
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      minimum: { type: 'string' },
      kostenbreedte: { type: 'string' },
      'kleine-wijk': { type: 'string' },
      drempel: { type: 'string', multiple: true },
      standaard: { type: 'string', multiple: true },
    },
  });
  const changes: { code: string; waarde: number | null }[] = [];
  for (const [option, code] of Object.entries(OPTIONS) as [keyof typeof OPTIONS, string][]) {
    const text = values[option];
    if (text !== undefined) changes.push({ code, waarde: parseValue(text, `--${option}`) });
  }
  for (const pair of values.drempel ?? []) {
    const [code, text] = pair.split('=');
    if (!code || text === undefined) throw new UserError('ONGELDIGE_WAARDE', `--drempel: gebruik CODE=WAARDE, bijvoorbeeld plausibiliteit.verandering_clienten.fout=60, niet '${pair.slice(0, 60)}'.`);
    changes.push({ code, waarde: parseValue(text, `--drempel ${code}`) });
  }
  for (const code of values.standaard ?? []) changes.push({ code, waarde: null });

  const session = await openCoreSession(centralDb(values.db, { create: false }));
  try {
    let thresholds = await session.call('central.thresholds');
    for (const change of changes) thresholds = await session.call('central.setThreshold', change);
    if (changes.length > 0) io.stdout(`${changes.length} drempel(s) opgeslagen. Een strengere publicatiedrempel geldt vanaf de volgende export.\n`);
    io.stdout(`${thresholds.map(shown).join('\n')}\n`);
  } finally {
    session.close();
  }
  return EXIT.ok;
}
