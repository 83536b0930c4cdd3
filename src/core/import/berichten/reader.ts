import { normaliseAdres } from '../../pseudonym/adres.ts';
import { normaliseBsn } from '../../pseudonym/bsn.ts';
import type { Pseudonymiser } from '../../pseudonym/wm1.ts';
import { parseDate } from '../../values/date.ts';
import { parseGeslacht } from '../../values/geslacht.ts';
import { parsePostcode } from '../../values/postcode.ts';
import type { BerichtCodes, Standaard } from './codes.ts';
import type { BerichtFeit, Bron, ClientGegevens, Kop } from './messages.ts';
import { berichtBestanden, type BerichtBestand } from './sources.ts';
import { createSchemaValidator, type SchemaDocument } from './validate.ts';
import { nodesAt, streamXml, textAt, XmlSyntaxError, type XmlNode } from './xmlTree.ts';

/** A problem with a message, in Dutch, naming the file and element path; never a value. */
export type BerichtMelding = { bestand: string; pad: string | null; regel: number | null; melding: string };

export type ReadBerichtenOptions = {
  sources: readonly string[];
  pseudonymiser: Pseudonymiser;
  codes: BerichtCodes;
  resourcesDir?: string;
  onFeit(feit: BerichtFeit): void;
  onMelding(melding: BerichtMelding): void;
  /** Told every valid BSN, for the privacy scan of what leaves; never stored. */
  onBsn?: (bsn9: string) => void;
  /** Skips the XSD check (the benchmark measures with and without it). */
  zonderSchema?: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number) => void;
};

export type ReadSummary = { berichten: number; ongeldig: number; perType: Record<string, number> };

/**
 * Messages validated per xmllint run: starting the validator and compiling a schema costs about
 * 0.2 s, checking a small message far less, so batches are large; bounded in bytes as well,
 * because the batch is held in memory.
 */
const BATCH = 2000;
const BATCH_BYTES = 32 * 1024 * 1024;
const ROOT = /<(?:([A-Za-z_][\w.-]*):)?Bericht\b[^>]*>/;
const NAMESPACE = /^http:\/\/www\.istandaarden\.nl\/(iwmo|ijw)\/3_2\/(wmo|jw)(\d{3})\/schema$/;

/**
 * Reads iWmo / iJw 3.2 messages from files, folders and zips: checks each against its XSD, then
 * streams it part by part into facts (toewijzingen, starts, stops, declaration lines, client
 * details). BSNs and addresses are pseudonymised the moment their element closes.
 */
export async function readBerichten(options: ReadBerichtenOptions): Promise<ReadSummary> {
  const validator = createSchemaValidator(options.resourcesDir);
  const summary: ReadSummary = { berichten: 0, ongeldig: 0, perType: {} };
  let batch: (SchemaDocument & { index: number })[] = [];
  let batchBytes = 0;
  const flush = async () => {
    const problems = options.zonderSchema ? new Map() : await validator.validate(batch);
    batch.forEach((doc, i) => {
      const fouten = problems.get(i);
      if (fouten) {
        summary.ongeldig++;
        for (const f of fouten) {
          options.onMelding({ bestand: f.bestand, pad: f.pad, regel: f.regel, melding: `voldoet niet aan het XSD van ${doc.type} 3.2: ${f.melding}; het bericht is niet gebruikt` });
        }
        return;
      }
      interpret(doc, options);
      summary.perType[doc.type] = (summary.perType[doc.type] ?? 0) + 1;
    });
    options.onProgress?.(summary.berichten);
    batch = [];
    batchBytes = 0;
  };
  for await (const file of berichtBestanden(options.sources, options.signal)) {
    summary.berichten++;
    const soort = detect(file);
    if (typeof soort === 'string') {
      summary.ongeldig++;
      options.onMelding({ bestand: file.bestand, pad: null, regel: null, melding: soort });
      continue;
    }
    if (!options.zonderSchema && !validator.has(soort.standaard, soort.type)) {
      options.onMelding({ bestand: file.bestand, pad: 'Bericht', regel: null, melding: `geen schema voor ${soort.type} 3.2 aanwezig; het bericht is niet gecontroleerd en niet gebruikt` });
      summary.ongeldig++;
      continue;
    }
    batch.push({ ...soort, bestand: file.bestand, data: file.data, index: summary.berichten });
    batchBytes += file.data.length;
    if (batch.length >= BATCH || batchBytes >= BATCH_BYTES) await flush();
  }
  if (batch.length > 0) await flush();
  return summary;
}

function detect(file: BerichtBestand): { standaard: Standaard; type: string } | string {
  const head = file.data.subarray(0, 4096).toString('utf8');
  const root = ROOT.exec(head);
  if (!root) return 'geen iWmo- of iJw-bericht (geen element Bericht gevonden); het bestand is overgeslagen';
  const prefix = root[1];
  const attr = new RegExp(`xmlns${prefix ? `:${prefix}` : ''}="([^"]*)"`).exec(root[0]);
  const ns = attr ? NAMESPACE.exec(attr[1]!) : null;
  if (!ns) return 'geen iWmo- of iJw-bericht van release 3.2 (onbekende namespace); het bestand is overgeslagen';
  return { standaard: ns[1] as Standaard, type: `${ns[2]!.toUpperCase()}${ns[3]}` };
}

const PARTS: Record<string, readonly string[]> = {
  '301': ['Bericht/Header', 'Bericht/Client'],
  '305': ['Bericht/Header', 'Bericht/Client'],
  '307': ['Bericht/Header', 'Bericht/Client'],
  '315': ['Bericht/Header', 'Bericht/Client'],
  '323': ['Bericht/Header', 'Bericht/Declaratie/Clienten/Client'],
  '325': ['Bericht/Header', 'Bericht/DeclaratieAntwoord/Clienten/Client'],
};

function interpret(doc: SchemaDocument, options: ReadBerichtenOptions): void {
  const nummer = doc.type.slice(-3);
  const parts = PARTS[nummer] ?? ['Bericht/Header'];
  let kop: Kop | null = null;
  const melding = (bron: { pad: string | null; regel: number | null } | null, text: string) =>
    options.onMelding({ bestand: doc.bestand, pad: bron?.pad ?? null, regel: bron?.regel ?? null, melding: text });
  try {
    streamXml(doc.data, {
      root: () => {},
      isPart: (names) => parts.includes(names),
      part: ({ node, pad }) => {
        if (node.name === 'Header') {
          kop = readKop(node, doc, options.codes, (text) => melding({ pad, regel: node.line }, text));
          return;
        }
        if (!kop) return;
        const bron = (sub: string, at: XmlNode): Bron => ({ bestand: doc.bestand, pad: sub ? `${pad}/${sub}` : pad, regel: at.line });
        const client = readClient(node, doc.standaard, options, bron, melding);
        if (client === null) return;
        if (nummer === '301') readToewijzingen(node, kop, client, bron, options, melding);
        else if (nummer === '315') options.onFeit({ soort: 'aanvraag', kop, client, bron: bron('', node) });
        else if (nummer === '305' || nummer === '307') readStartStop(node, kop, client.client, nummer === '305' ? 'start' : 'stop', bron, options, melding);
        else if (nummer === '323') readPrestaties(node, kop, client.client, bron, options, melding);
        else if (nummer === '325') readAfwijzingen(node, kop, bron, options, melding);
      },
    });
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    melding({ pad: null, regel: error.line }, 'geen geldige XML; het bericht is niet (verder) gebruikt');
  }
}

function readKop(node: XmlNode, doc: SchemaDocument, codes: BerichtCodes, melding: (text: string) => void): Kop {
  const berichtcode = textAt(node, 'BerichtCode');
  const type = berichtcode === null ? undefined : codes.berichtType(doc.standaard, berichtcode);
  if (type !== doc.type) melding(`BerichtCode past niet bij de berichtsoort ${doc.type}`);
  // The gemeente code has 4 digits, the aanbieder's AGB code 8: that tells them apart whichever way the message goes.
  const partijen = [textAt(node, 'Afzender'), textAt(node, 'Ontvanger')];
  return {
    standaard: doc.standaard,
    type: doc.type,
    gemeente: partijen.find((p) => p !== null && /^\d{4}$/.test(p)) ?? null,
    aanbieder: partijen.find((p) => p !== null && /^\d{8}$/.test(p)) ?? null,
    dagtekening: textAt(node, 'BerichtIdentificatie/Dagtekening'),
  };
}

function readClient(
  node: XmlNode,
  standaard: Standaard,
  options: ReadBerichtenOptions,
  bron: (sub: string, at: XmlNode) => Bron,
  melding: (bron: Bron | null, text: string) => void,
): ClientGegevens | null {
  const bsnNode = node.children.find((c) => c.name === 'Bsn');
  const bsn = normaliseBsn(bsnNode?.text ?? null);
  // The raw number goes no further than this line: the tree keeps nothing of it.
  if (bsnNode) bsnNode.text = '';
  if (bsn.kind !== 'ok') {
    melding(bron('Bsn', bsnNode ?? node), bsn.kind === 'invalid' ? `BSN ongeldig (${bsn.reason}); de cliënt is niet gebruikt` : 'geen bruikbaar BSN; de cliënt is niet gebruikt');
    return null;
  }
  options.onBsn?.(bsn.bsn);
  const client = options.pseudonymiser.client(bsn.bsn);
  const geboorte = parseDate(textAt(node, 'Geboortedatum/Datum'));
  const geslacht = parseGeslacht(textAt(node, 'Geslacht'));
  let pc4: string | null = null;
  let pc6: string | null = null;
  let huishouden: string | null = null;
  const contacten = nodesAt(node, 'Contactgegevens/Contact').filter((c) => textAt(c.node, 'Adres/Postcode') !== null);
  const voorkeur = options.codes.adresVoorkeur(standaard);
  contacten.sort((a, b) => rank(voorkeur, textAt(a.node, 'Soort')) - rank(voorkeur, textAt(b.node, 'Soort')));
  const contact = contacten[0];
  if (contact) {
    const postcode = parsePostcode(textAt(contact.node, 'Adres/Postcode'));
    if (postcode.kind === 'ok') {
      pc4 = postcode.value.pc4;
      pc6 = postcode.value.pc6;
      const toevoeging = [textAt(contact.node, 'Adres/Huis/Huisletter'), textAt(contact.node, 'Adres/Huis/HuisnummerToevoeging')].filter((t) => t !== null).join(' ');
      const adres = normaliseAdres(pc6, textAt(contact.node, 'Adres/Huis/Huisnummer'), toevoeging);
      if (adres.kind === 'ok') huishouden = options.pseudonymiser.household(adres.adres);
      else if (adres.kind === 'invalid') melding(bron(`${contact.pad}/Adres/Huis`, contact.node), `adres onbruikbaar (${adres.reason}); geen huishouden`);
    } else if (postcode.kind === 'invalid') melding(bron(`${contact.pad}/Adres/Postcode`, contact.node), 'postcode ongeldig; leeg gelaten');
  }
  return {
    client,
    geboortemaand: geboorte.kind === 'ok' ? geboorte.value.slice(0, 7) : null,
    geslacht: geslacht.kind === 'ok' ? geslacht.value : null,
    pc4,
    pc6,
    huishouden,
  };
}

function rank(voorkeur: readonly string[], soort: string | null): number {
  const at = soort === null ? -1 : voorkeur.indexOf(soort);
  return at === -1 ? voorkeur.length : at;
}

function readToewijzingen(
  node: XmlNode, kop: Kop, client: ClientGegevens, bron: (sub: string, at: XmlNode) => Bron,
  options: ReadBerichtenOptions, melding: (bron: Bron | null, text: string) => void,
): void {
  for (const { node: p, pad } of nodesAt(node, 'ToegewezenProducten/ToegewezenProduct')) {
    const nummer = textAt(p, 'ToewijzingNummer');
    const datum = textAt(p, 'Toewijzingsdatum');
    if (nummer === null || datum === null) {
      melding(bron(pad, p), 'toewijzing zonder ToewijzingNummer of Toewijzingsdatum; niet gebruikt');
      continue;
    }
    const volume = textAt(p, 'Omvang/Volume');
    options.onFeit({
      soort: 'toewijzing',
      kop,
      client,
      nummer,
      categorie: textAt(p, 'Product/Categorie'),
      code: textAt(p, 'Product/Code'),
      datum,
      tijd: textAt(p, 'Toewijzingstijd') ?? '00:00:00',
      ingangsdatum: textAt(p, 'Ingangsdatum'),
      einddatum: textAt(p, 'Einddatum'),
      volume: volume === null ? null : Number(volume),
      eenheid: textAt(p, 'Omvang/Eenheid'),
      frequentie: textAt(p, 'Omvang/Frequentie'),
      bron: bron(pad, p),
    });
  }
}

function readStartStop(
  node: XmlNode, kop: Kop, client: string, soort: 'start' | 'stop', bron: (sub: string, at: XmlNode) => Bron,
  options: ReadBerichtenOptions, melding: (bron: Bron | null, text: string) => void,
): void {
  const lijst = soort === 'start' ? 'StartProducten/StartProduct' : 'StopProducten/StopProduct';
  for (const { node: p, pad } of nodesAt(node, lijst)) {
    const nummer = textAt(p, 'ToewijzingNummer');
    const datum = textAt(p, soort === 'start' ? 'Begindatum' : 'Einddatum');
    if (nummer === null || datum === null) {
      melding(bron(pad, p), `${soort === 'start' ? 'start' : 'stop'} zonder ToewijzingNummer of datum; niet gebruikt`);
      continue;
    }
    options.onFeit({
      soort,
      kop,
      client,
      nummer,
      datum,
      begindatum: textAt(p, 'Begindatum'),
      reden: soort === 'stop' ? textAt(p, 'RedenBeeindiging') : null,
      status: textAt(p, 'StatusAanlevering') ?? '1',
      bron: bron(pad, p),
    });
  }
}

/** The rejected lines of a 325: every listed prestatie whose RetourCodes are not just 0200 ("geen fouten"). */
function readAfwijzingen(
  node: XmlNode, kop: Kop, bron: (sub: string, at: XmlNode) => Bron,
  options: ReadBerichtenOptions, melding: (bron: Bron | null, text: string) => void,
): void {
  for (const { node: p, pad } of nodesAt(node, 'Prestaties/Prestatie')) {
    const referentie = textAt(p, 'ProductReferentie/ReferentieNummer');
    if (referentie === null) {
      melding(bron(pad, p), 'afgewezen prestatie zonder referentie; de declaratieregel blijft meetellen');
      continue;
    }
    const codes = nodesAt(p, 'RetourCodes/RetourCode').map(({ node: c }) => c.text.trim());
    if (codes.some((code) => code !== '0200')) options.onFeit({ soort: 'afwijzing', kop, referentie, bron: bron(pad, p) });
  }
}

function readPrestaties(
  node: XmlNode, kop: Kop, client: string, bron: (sub: string, at: XmlNode) => Bron,
  options: ReadBerichtenOptions, melding: (bron: Bron | null, text: string) => void,
): void {
  for (const { node: p, pad } of nodesAt(node, 'Prestaties/Prestatie')) {
    const referentie = textAt(p, 'ProductReferentie/ReferentieNummer');
    const bedrag = textAt(p, 'IngediendBedrag/Bedrag');
    const dc = textAt(p, 'IngediendBedrag/DebetCredit');
    const begindatum = textAt(p, 'ProductPeriode/Begindatum');
    const einddatum = textAt(p, 'ProductPeriode/Einddatum') ?? begindatum;
    if (referentie === null || bedrag === null || !/^\d+$/.test(bedrag) || (dc !== 'D' && dc !== 'C') || begindatum === null || einddatum === null) {
      melding(bron(pad, p), 'prestatie zonder bruikbare referentie, periode of bedrag; niet meegeteld');
      continue;
    }
    const centen = Number(bedrag);
    options.onFeit({
      soort: 'prestatie',
      kop,
      client,
      nummer: textAt(p, 'ToewijzingNummer'),
      referentie,
      vorigeReferentie: textAt(p, 'ProductReferentie/VorigReferentieNummer'),
      begindatum,
      einddatum,
      centen: dc === 'C' ? -centen : centen,
      bron: bron(pad, p),
    });
  }
}
