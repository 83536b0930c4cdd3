import type { Command } from './command.ts';

/**
 * Every command of the CLI, once; `--help` lists them in this order. A command's code (and the
 * libraries it needs) is loaded only when it runs, so `--help` and `--version` start at once.
 */
export const commands: readonly Command[] = [
  {
    name: 'key',
    summary: 'Maakt een nieuwe pseudonimiseringssleutel (.wmkey) of toont de vingerafdruk ervan.',
    usage: 'key create --out SLEUTEL.wmkey | key fingerprint --key SLEUTEL.wmkey',
    load: () => import('./commands/key.ts'),
  },
  {
    name: 'mapping',
    summary: 'Schrijft het koppelprofiel (.json) dat Wijkmonitor voor een export voorstelt, om na te kijken en te hergebruiken.',
    usage: 'mapping --out PROFIEL.json [--naam N] EXPORT',
    load: () => import('./commands/mapping.ts'),
  },
  {
    name: 'deliver',
    summary: 'Maakt de kwartaallevering uit exports van het cliëntsysteem en/of iWmo-/iJw-berichten (.xml, map of zip; BSN’s worden gepseudonimiseerd).',
    usage: 'deliver --key K --gemeente GM0392 --period 2026Q3 [--naam N] [--products P] [--areas A] [--lasten L] [--mapping M] [--data MAP] --out LEVERING.zip EXPORT|BERICHTEN...',
    load: () => import('./commands/deliver.ts'),
  },
  {
    name: 'verify',
    summary: 'Controleert een levering: formaat, aantallen, controlesommen en de privacycontrole.',
    usage: 'verify LEVERING.zip',
    load: () => import('./commands/verify.ts'),
  },
  {
    name: 'figures',
    summary: 'Berekent alle indicatoren uit leveringen als lange CSV (niet onderdrukt: de eigen cijfers, voor intern gebruik).',
    usage: 'figures --period 2026Q3 [--programmering PROGRAMMERING.csv] --out CIJFERS.csv LEVERING.zip...',
    load: () => import('./commands/figures.ts'),
  },
  {
    name: 'quality',
    summary: 'Maakt het datakwaliteitsrapport (.xlsx) van exports en/of iWmo-/iJw-berichten, zonder levering en zonder sleutel.',
    usage: 'quality --period 2026Q3 [--products P] [--areas A] [--mapping M] [--data MAP] --out RAPPORT.xlsx EXPORT|BERICHTEN...',
    load: () => import('./commands/quality.ts'),
  },
  {
    name: 'products',
    summary: 'Stelt de vertaaltabel voor de producten in exports voor: bekende producten plus voorstellen voor de rest.',
    usage: 'products [--products P] [--mapping M] [--data MAP] --out VOORSTEL.csv|.xlsx EXPORT...',
    load: () => import('./commands/products.ts'),
  },
  {
    name: 'central',
    summary: 'Analist-editie: leveringen ontvangen en controleren, overzicht, terugkoppeling aan de gemeente en haar akkoord; referentiegegevens (CBS Kerncijfers, CBS-postcodes, geaggregeerde bronnen, kaarten) en de gebiedstabel per PC6 voor een gemeente.',
    usage: 'central import|status|feedback|approve|reference|areas|pack --db MAP … (zie "wijkmonitor central")',
    load: () => import('./commands/central/index.ts'),
  },
  {
    name: 'benchmark',
    summary: 'Gemeente-editie: leest het benchmarkbestand van de analist in (controle op formaat, versie, controlesommen, gemeente en periode); daarna in Overzicht › Benchmark.',
    usage: 'benchmark import [--data MAP] BENCHMARK.zip',
    load: () => import('./commands/benchmark.ts'),
  },
  {
    name: 'demo',
    summary: 'Doorloopt de hele keten op de meegeleverde fictieve gemeenten: testdata → sleutel → levering → controle → ontvangst bij de analist → terugkoppeling → CBS en referentiegroepen → akkoord → onderdrukte release → pakket per gemeente.',
    usage: 'demo --out MAP [--rows N]',
    load: () => import('./commands/demo.ts'),
  },
  {
    name: 'info',
    summary: 'Toont versie, editie en gemeente van een Wijkmonitor-gegevensmap.',
    usage: 'info [--data MAP]',
    load: () => import('./commands/info.ts'),
  },
];
