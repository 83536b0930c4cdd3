import type { BerichtenVoorziening } from '../../../shared/api.ts';
import type { Periode } from '../../period/periode.ts';
import type { Finding } from '../../quality/finding.ts';
import type { StoredRecord } from '../storedRecord.ts';
import type { BerichtCodes } from './codes.ts';
import type { Afwijzing, Aanvraag, BerichtFeit, Bron, ClientGegevens, Prestatie, StartStop, Toewijzing } from './messages.ts';

/** One reconstructed voorziening as the Importeren screen previews it: no client, no address. */
export type VoorzieningPreview = BerichtenVoorziening & {
  /** The element path of the current toewijzing in that file. */
  pad: string;
};

export type Reconstructie = {
  records: StoredRecord[];
  preview: VoorzieningPreview[];
  findings: Finding[];
};

type Voorziening = {
  toewijzing: Toewijzing;
  starts: Map<string, StartStop>;
  stops: Map<string, StartStop>;
  centen: Map<string, number>;
  gedeclareerd: boolean;
};

/**
 * Rebuilds voorzieningen from message facts: one per gemeente + ToewijzingNummer. The current
 * toewijzing is the one with the latest Toewijzingsdatum + Toewijzingstijd (a newer 301 replaces
 * the older); the actual begin and end come from 305/307; client details from the newest 301
 * (else 315) of that client; costs from 323 lines only, a credit cancelling the line its
 * VorigReferentieNummer names. Facts may arrive in any order: a zip is not sorted by date.
 */
export function createReconstructie(codes: BerichtCodes) {
  const voorzieningen = new Map<string, Voorziening>();
  const clients = new Map<string, { gegevens: ClientGegevens; rang: string }>();
  const startStops: StartStop[] = [];
  const prestaties: Prestatie[] = [];
  const afwijzingen: Afwijzing[] = [];
  const findings: Finding[] = [];
  const note = (bron: Bron, gegeven: Finding['gegeven'], controle: string, uitgesloten: boolean) =>
    findings.push({ bestand: bron.bestand, rij: bron.regel, gegeven, kolom: bron.pad, controle, uitgesloten });

  const client = (gegevens: ClientGegevens, rang: string) => {
    const known = clients.get(gegevens.client);
    if (!known || known.rang <= rang) clients.set(gegevens.client, { gegevens, rang });
  };

  return {
    add(feit: BerichtFeit): void {
      if (feit.soort === 'toewijzing') addToewijzing(feit);
      else if (feit.soort === 'aanvraag') addAanvraag(feit);
      else if (feit.soort === 'prestatie') prestaties.push(feit);
      else if (feit.soort === 'afwijzing') afwijzingen.push(feit);
      else startStops.push(feit);
    },
    /** Voorzieningen as stored records; costs counted for the lines whose period starts in `periode`. */
    finish(periode: Periode | null): Reconstructie {
      applyStartStops();
      applyPrestaties(periode);
      const records: StoredRecord[] = [];
      const preview: VoorzieningPreview[] = [];
      for (const [key, v] of voorzieningen) {
        const t = v.toewijzing;
        const starts = [...v.starts.values()].sort((a, b) => (a.datum < b.datum ? -1 : 1));
        let begindatum = starts[0]?.datum ?? null;
        if (begindatum === null) {
          begindatum = t.ingangsdatum;
          if (begindatum !== null) note(t.bron, 'begindatum', 'geen_startbericht', false);
        }
        if (begindatum === null) {
          note(t.bron, 'begindatum', 'ontbreekt', true);
          continue;
        }
        const stops = [...v.stops.values()].sort((a, b) => (a.datum < b.datum ? -1 : 1));
        const stop = stops.at(-1) ?? null;
        const einddatum = stop?.datum ?? t.einddatum;
        const productcode = t.code ?? t.categorie;
        if (productcode === null) {
          note(t.bron, 'productcode', 'ontbreekt', true);
          continue;
        }
        const gegevens = clients.get(t.client.client)?.gegevens ?? t.client;
        // Reden beëindiging means different things per standard: a code outside its own list is left empty.
        let reden = stop?.reden ?? null;
        if (stop && reden !== null && codes.heeftLijst(t.kop.standaard, 'redenbeeindiging') && codes.naam(t.kop.standaard, 'redenbeeindiging', reden) === undefined) {
          note(stop.bron, 'reden_einde', 'ongeldig', false);
          reden = null;
        }
        const kosten = v.gedeclareerd ? sumCents(v.centen) / 100 : null;
        records.push({
          bron_rij: t.bron.regel,
          client: gegevens.client,
          huishouden: gegevens.huishouden,
          geboortemaand: gegevens.geboortemaand,
          geslacht: gegevens.geslacht ?? '0',
          pc4: gegevens.pc4,
          pc6: gegevens.pc6,
          pijler: codes.pijler(t.kop.standaard),
          productcode,
          product: null,
          categorie: t.categorie,
          begindatum,
          einddatum,
          aanbieder: t.kop.aanbieder,
          aanbieder_naam: null,
          volume: t.volume,
          eenheid: t.eenheid,
          frequentie: t.frequentie,
          kosten,
          verwijzer: null,
          reden_einde: reden,
          aanvraagdatum: null,
        });
        preview.push({
          gemeente: key.split('|')[0]!,
          toewijzingnummer: t.nummer,
          standaard: t.kop.standaard,
          categorie: t.categorie,
          productcode,
          begindatum,
          einddatum,
          aanbieder: t.kop.aanbieder,
          kosten,
          bestand: t.bron.bestand,
          pad: t.bron.pad,
        });
      }
      return { records, preview, findings };
    },
  };

  function addToewijzing(t: Toewijzing): void {
    if (t.kop.gemeente === null) {
      note(t.bron, 'productcode', 'onbekende_toewijzing', true);
      return;
    }
    const key = `${t.kop.gemeente}|${t.nummer}`;
    const rang = `${t.datum}T${t.tijd}`;
    client(t.client, `301|${rang}`);
    const known = voorzieningen.get(key);
    if (!known) {
      voorzieningen.set(key, { toewijzing: t, starts: new Map(), stops: new Map(), centen: new Map(), gedeclareerd: false });
      return;
    }
    const knownRang = `${known.toewijzing.datum}T${known.toewijzing.tijd}`;
    if (rang >= knownRang) {
      note(known.toewijzing.bron, 'productcode', 'vervangen_toewijzing', false);
      known.toewijzing = t;
    } else note(t.bron, 'productcode', 'vervangen_toewijzing', false);
  }

  function addAanvraag(a: Aanvraag): void {
    // A 315 is a request: it adds client details (birth month, geslacht) only, below any 301.
    client(a.client, `315|${a.kop.dagtekening ?? ''}`);
  }

  function applyStartStops(): void {
    // Read in file order, a withdrawal (status 3) removes the start or stop sent before it.
    for (const s of startStops) {
      const v = s.kop.gemeente === null ? undefined : voorzieningen.get(`${s.kop.gemeente}|${s.nummer}`);
      if (!v) {
        note(s.bron, s.soort === 'start' ? 'begindatum' : 'einddatum', 'onbekende_toewijzing', true);
        continue;
      }
      const map = s.soort === 'start' ? v.starts : v.stops;
      const key = s.soort === 'start' ? s.datum : (s.begindatum ?? '');
      if (s.status === '3') map.delete(key);
      else map.set(key, s);
    }
  }

  function applyPrestaties(periode: Periode | null): void {
    const byReferentie = new Map<string, Prestatie>();
    const refKey = (p: Prestatie, referentie: string) => `${p.kop.gemeente}|${p.kop.aanbieder}|${referentie}`;
    for (const p of prestaties) if (p.centen >= 0) byReferentie.set(refKey(p, p.referentie), p);
    const cancelled = new Set<Prestatie>();
    // A line the gemeente rejected (325) was never paid: no cost, whatever its direction.
    const rejected = new Set(afwijzingen.map((a) => `${a.kop.gemeente}|${a.kop.aanbieder}|${a.referentie}`));
    for (const p of prestaties) {
      if (p.centen >= 0 || p.vorigeReferentie === null) continue;
      const original = byReferentie.get(refKey(p, p.vorigeReferentie));
      if (original && !cancelled.has(original)) {
        cancelled.add(original);
        cancelled.add(p);
      }
    }
    for (const p of prestaties) {
      const v = p.kop.gemeente === null || p.nummer === null ? undefined : voorzieningen.get(`${p.kop.gemeente}|${p.nummer}`);
      if (!v) {
        note(p.bron, 'kosten', 'onbekende_toewijzing', true);
        continue;
      }
      const afgewezen = rejected.has(refKey(p, p.referentie));
      if (afgewezen) note(p.bron, 'kosten', 'declaratie_afgewezen', true);
      else if (!cancelled.has(p) && p.centen < 0) note(p.bron, 'kosten', 'credit_zonder_debet', false);
      if (periode !== null && (p.begindatum < periode.begin || p.begindatum > periode.eind)) continue;
      // A declared line that was credited or rejected still says the costs are known: zero, not empty.
      v.gedeclareerd = true;
      if (cancelled.has(p) || afgewezen) continue;
      v.centen.set(p.begindatum.slice(0, 7), (v.centen.get(p.begindatum.slice(0, 7)) ?? 0) + p.centen);
    }
  }
}

function sumCents(centen: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const c of centen.values()) total += c;
  return total;
}
