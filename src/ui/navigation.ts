import type { Edition } from '../shared/api.ts';

export type Screen = {
  id: string;
  label: string;
  /** What the screen is for, shown on the screen itself. */
  purpose: string;
  /** False while the screen is not built: it then says so instead of showing anything made up. */
  built: boolean;
};

export const screensByEdition: Record<Edition, Screen[]> = {
  gemeente: [
    { id: 'sleutel', label: 'Sleutel', purpose: 'De geheime sleutel waarmee BSN’s op deze laptop worden gepseudonimiseerd: aanmaken, back-up maken en terugzetten.', built: true },
    { id: 'importeren', label: 'Importeren', purpose: 'Exports uit het cliëntsysteem (CSV of Excel) inlezen en de kolommen koppelen.', built: true },
    { id: 'kwaliteit', label: 'Kwaliteit', purpose: 'De datakwaliteit per gegeven: vulgraad, ongeldige en onwaarschijnlijke waarden.', built: true },
    { id: 'producten', label: 'Producten', purpose: 'De vertaaltabel: eigen producten indelen in voorzieningsoorten en leefdomeinen.', built: true },
    { id: 'gebieden', label: 'Gebieden', purpose: 'De gebiedsindeling: postcodes koppelen aan wijken en gebiedsteams.', built: true },
    { id: 'programmering', label: 'Programmering', purpose: 'De streefwaarden per jaar: cliënten, kosten en aandelen per product, aanbieder en wijk, om de realisatie tegen af te zetten.', built: true },
    { id: 'lasten', label: 'Lasten', purpose: 'De lasten per periode van producten zonder kosten per cliënt (subsidie, budget, contractsom), om toe te rekenen aan de cliënten.', built: true },
    { id: 'levering', label: 'Levering', purpose: 'Het kwartaalbestand voor de centrale analist samenstellen, controleren en opslaan.', built: true },
    { id: 'overzicht', label: 'Overzicht', purpose: 'De eigen cijfers van de gemeente per wijk, leefdomein en pijler, niet onderdrukt (intern).', built: true },
    { id: 'begrippen', label: 'Begrippen', purpose: 'Wat elk cijfer betekent: naam, berekening, eenheid en populatie.', built: true },
  ],
  analist: [
    { id: 'leveringen', label: 'Leveringen', purpose: 'Leveringen van gemeenten inlezen, controleren en samenvoegen.', built: true },
    { id: 'referentiedata', label: 'Referentiedata', purpose: 'CBS-wijkcijfers en andere geaggregeerde bronnen toevoegen.', built: true },
    { id: 'referentiegroepen', label: 'Referentiegroepen', purpose: 'Groepen van vergelijkbare wijken over het hele land: hun profiel, spreiding, kaart en per wijk de meest vergelijkbare wijken.', built: true },
    { id: 'benchmark', label: 'Benchmark', purpose: 'Wijken vergelijken met hun referentiegroep, hun gemeente en alle gemeenten: zoals gepubliceerd (onderdrukt) of intern.', built: true },
    { id: 'export', label: 'Export', purpose: 'De publicatie van een periode: onthullingscontrole en het onderdrukte cijferbestand.', built: true },
  ],
};

export const settingsScreen: Screen = { id: 'instellingen', label: 'Instellingen', purpose: 'Gemeente (in de gemeente-editie) of centrale organisatie (in de analist-editie), editie en logboek.', built: true };

export const editionLabels: Record<Edition, string> = { gemeente: 'Gemeente-editie', analist: 'Analist-editie' };
