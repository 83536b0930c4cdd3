import { UserError } from '../../../core/errors.ts';
import type { Io } from '../../io.ts';

type Subcommand = { usage: string; load(): Promise<{ run(argv: string[], io: Io): Promise<number> }> };

/** The analyst edition's subcommands of `wijkmonitor central`; each loads only when it runs. */
export const SUBCOMMANDS: Record<string, Subcommand> = {
  import: { usage: 'central import --db MAP LEVERING.zip...', load: () => import('./import.ts') },
  status: { usage: 'central status --db MAP [--format csv]', load: () => import('./status.ts') },
  feedback: { usage: 'central feedback --db MAP --gemeente GM --period P --out BESTAND.xlsx', load: () => import('./feedback.ts') },
  export: { usage: 'central export --db MAP --period P --out CIJFERS.csv [--intern]', load: () => import('./export.ts') },
  approve: { usage: 'central approve --db MAP --gemeente GM --period P [--door NAAM]', load: () => import('./approve.ts') },
  reference: { usage: 'central reference --db MAP [--jaar J] BESTAND... | --db MAP --lijst', load: () => import('./reference.ts') },
  groups: { usage: 'central groups --db MAP --out REFERENTIEGROEPEN.csv [--groepen N] [--jaar J]', load: () => import('./groups.ts') },
  flows: { usage: 'central flows --db MAP --from P1 --to P2 [--by pijler|voorziening|leefdomein] --out VERSCHUIVINGEN.csv --intern', load: () => import('./flows.ts') },
  trends: { usage: 'central trends --db MAP --base IJKPERIODE --period P --out TREND.csv --intern', load: () => import('./trends.ts') },
  pack: { usage: 'central pack --db MAP --period P [--gemeente GM…] [--toelichting BESTAND] [--status voorlopig|definitief] [--ijkperiode P0|geen|standaard] --out MAP', load: () => import('./pack.ts') },
  instellingen: {
    usage: 'central instellingen --db MAP [--minimum N] [--kostenbreedte PROCENT] [--kleine-wijk INWONERS] [--drempel CODE=WAARDE]... [--standaard CODE]...',
    load: () => import('./instellingen.ts'),
  },
  areas: { usage: 'central areas --db MAP --gemeente GM0392 [--jaar J] --out GEBIEDEN.csv|.xlsx', load: () => import('./areas.ts') },
};

export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  const sub = name === undefined ? undefined : SUBCOMMANDS[name];
  if (!sub) {
    const known = Object.values(SUBCOMMANDS).map((s) => `  wijkmonitor ${s.usage}`).join('\n');
    throw new UserError('ONBEKENDE_OPDRACHT', `${name === undefined ? 'Geef een onderdeel van central op' : `Onbekend onderdeel van central: ${name.slice(0, 40)}`}. Mogelijk:\n${known}`);
  }
  return (await sub.load()).run(rest, io);
}
