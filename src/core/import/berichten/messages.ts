import type { Standaard } from './codes.ts';

/** Where a fact came from: the file (with zip and folder names) and the element path in it. */
export type Bron = { bestand: string; pad: string; regel: number };

export type Kop = {
  standaard: Standaard;
  type: string;
  /** The gemeente's 4-digit code and the aanbieder's 8-digit AGB code, whichever way the message goes. */
  gemeente: string | null;
  aanbieder: string | null;
  dagtekening: string | null;
};

/**
 * Client details as far as a message gives them, already pseudonymised: the BSN and address never
 * leave the reader, only the client and household pseudonyms, the birth month and the PC6.
 */
export type ClientGegevens = {
  client: string;
  geboortemaand: string | null;
  geslacht: string | null;
  pc4: string | null;
  pc6: string | null;
  huishouden: string | null;
};

export type Toewijzing = {
  soort: 'toewijzing';
  kop: Kop;
  client: ClientGegevens;
  nummer: string;
  categorie: string | null;
  code: string | null;
  datum: string;
  tijd: string;
  ingangsdatum: string | null;
  einddatum: string | null;
  volume: number | null;
  eenheid: string | null;
  frequentie: string | null;
  bron: Bron;
};

export type StartStop = {
  soort: 'start' | 'stop';
  kop: Kop;
  client: string;
  nummer: string;
  /** Begindatum of the care (start), einddatum (stop). */
  datum: string;
  /** The begindatum a stop refers to, which identifies the start it ends. */
  begindatum: string | null;
  reden: string | null;
  /** StatusAanlevering: 1 first, 2 changed, 3 withdrawn. */
  status: string;
  bron: Bron;
};

export type Prestatie = {
  soort: 'prestatie';
  kop: Kop;
  client: string;
  nummer: string | null;
  referentie: string;
  vorigeReferentie: string | null;
  begindatum: string;
  einddatum: string;
  /** Eurocents, negative for credit. */
  centen: number;
  bron: Bron;
};

/**
 * A declared line the gemeente rejected in its 325 (declaratie-antwoord). A 325 lists only the
 * lines it does not pay, each with its RetourCodes; the 323 line of that ReferentieNummer is then
 * no cost.
 */
export type Afwijzing = { soort: 'afwijzing'; kop: Kop; referentie: string; bron: Bron };

/** Client details from a 315 (verzoek om toewijzing): birth date and geslacht, no address. */
export type Aanvraag = { soort: 'aanvraag'; kop: Kop; client: ClientGegevens; bron: Bron };

export type BerichtFeit = Toewijzing | StartStop | Prestatie | Aanvraag | Afwijzing;
