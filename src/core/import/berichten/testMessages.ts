/**
 * Hand-made iWmo 3.2 messages for tests and the benchmark, built in the element order of the
 * XSDs (resources/istandaarden/iwmo-3.2) and with synthetic test BSNs only (9999…, 11-proef).
 * Names and streets are fixed placeholders: the reader must never pass them on.
 */
const NS = 'xmlns:iwmo="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"';

function header(p: string, code: string, afzender: string, ontvanger: string, id: string, dagtekening: string): string {
  return `<${p}:Header><${p}:BerichtCode>${code}</${p}:BerichtCode><${p}:BerichtVersie>3</${p}:BerichtVersie><${p}:BerichtSubversie>2</${p}:BerichtSubversie>` +
    `<${p}:Afzender>${afzender}</${p}:Afzender><${p}:Ontvanger>${ontvanger}</${p}:Ontvanger>` +
    `<${p}:BerichtIdentificatie><iwmo:Identificatie>${id}</iwmo:Identificatie><iwmo:Dagtekening>${dagtekening}</iwmo:Dagtekening></${p}:BerichtIdentificatie>` +
    `<${p}:XsdVersie><iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie><iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie></${p}:XsdVersie></${p}:Header>`;
}

function clientHead(p: string, bsn: string, geboortedatum: string, geslacht: string): string {
  // A 301 requires NaamGebruik; the start and stop messages do not have it.
  const naamGebruik = p === 'wmo301' ? '<iwmo:NaamGebruik>1</iwmo:NaamGebruik>' : '';
  return `<${p}:Bsn>${bsn}</${p}:Bsn><${p}:Geboortedatum><iwmo:Datum>${geboortedatum}</iwmo:Datum></${p}:Geboortedatum><${p}:Geslacht>${geslacht}</${p}:Geslacht>` +
    `<${p}:Naam><iwmo:Geslachtsnaam><iwmo:Achternaam>Testnaam</iwmo:Achternaam></iwmo:Geslachtsnaam><iwmo:Voorletters>T</iwmo:Voorletters>${naamGebruik}</${p}:Naam>`;
}

function bericht(p: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${p}:Bericht ${NS} xmlns:${p}="http://www.istandaarden.nl/iwmo/3_2/${p}/schema">\n${body}\n</${p}:Bericht>\n`;
}

export type TestToewijzing = {
  nummer: string;
  categorie: string;
  code: string;
  datum: string;
  tijd: string;
  ingangsdatum: string;
  einddatum?: string;
  volume: number;
  eenheid: string;
  frequentie: string;
};

export type TestClient = { bsn: string; geboortedatum: string; geslacht: string; postcode: string; huisnummer: string; huisletter?: string };

export function wmo301(o: { gemeente: string; aanbieder: string; id: string; dagtekening: string; client: TestClient; toewijzingen: TestToewijzing[] }): string {
  const p = 'wmo301';
  const c = o.client;
  const adres = `<${p}:Contactgegevens><${p}:Contact><${p}:Soort>01</${p}:Soort><${p}:Adres><iwmo:Huis><iwmo:Huisnummer>${c.huisnummer}</iwmo:Huisnummer>` +
    `${c.huisletter ? `<iwmo:Huisletter>${c.huisletter}</iwmo:Huisletter>` : ''}</iwmo:Huis><iwmo:Postcode>${c.postcode}</iwmo:Postcode>` +
    `<iwmo:Straatnaam>Teststraat</iwmo:Straatnaam><iwmo:Plaatsnaam>Testplaats</iwmo:Plaatsnaam><iwmo:LandCode>NL</iwmo:LandCode></${p}:Adres></${p}:Contact></${p}:Contactgegevens>`;
  const producten = o.toewijzingen.map((t) =>
    `<${p}:ToegewezenProduct>\n<${p}:ToewijzingNummer>${t.nummer}</${p}:ToewijzingNummer><${p}:Product><iwmo:Categorie>${t.categorie}</iwmo:Categorie><iwmo:Code>${t.code}</iwmo:Code></${p}:Product>` +
    `<${p}:Toewijzingsdatum>${t.datum}</${p}:Toewijzingsdatum><${p}:Toewijzingstijd>${t.tijd}</${p}:Toewijzingstijd><${p}:Ingangsdatum>${t.ingangsdatum}</${p}:Ingangsdatum>` +
    `${t.einddatum ? `<${p}:Einddatum>${t.einddatum}</${p}:Einddatum>` : ''}` +
    `<${p}:Omvang><iwmo:Volume>${t.volume}</iwmo:Volume><iwmo:Eenheid>${t.eenheid}</iwmo:Eenheid><iwmo:Frequentie>${t.frequentie}</iwmo:Frequentie></${p}:Omvang></${p}:ToegewezenProduct>`,
  ).join('\n');
  return bericht(p, header(p, '414', o.gemeente, o.aanbieder, o.id, o.dagtekening) +
    `\n<${p}:Client>${clientHead(p, c.bsn, c.geboortedatum, c.geslacht)}\n${adres}\n<${p}:ToegewezenProducten>\n${producten}\n</${p}:ToegewezenProducten></${p}:Client>`);
}

export type TestStartStop = { nummer: string; begindatum: string; einddatum?: string; reden?: string; status?: string };

export function wmo305(o: { gemeente: string; aanbieder: string; id: string; dagtekening: string; client: TestClient; starts: TestStartStop[] }): string {
  const p = 'wmo305';
  const producten = o.starts.map((s) =>
    `<${p}:StartProduct><${p}:ToewijzingNummer>${s.nummer}</${p}:ToewijzingNummer><${p}:Begindatum>${s.begindatum}</${p}:Begindatum>` +
    `<${p}:StatusAanlevering>${s.status ?? '1'}</${p}:StatusAanlevering></${p}:StartProduct>`).join('\n');
  return bericht(p, header(p, '418', o.aanbieder, o.gemeente, o.id, o.dagtekening) +
    `\n<${p}:Client>${clientHead(p, o.client.bsn, o.client.geboortedatum, o.client.geslacht)}\n<${p}:StartProducten>\n${producten}\n</${p}:StartProducten></${p}:Client>`);
}

export function wmo307(o: { gemeente: string; aanbieder: string; id: string; dagtekening: string; client: TestClient; stops: TestStartStop[] }): string {
  const p = 'wmo307';
  const producten = o.stops.map((s) =>
    `<${p}:StopProduct><${p}:ToewijzingNummer>${s.nummer}</${p}:ToewijzingNummer><${p}:Begindatum>${s.begindatum}</${p}:Begindatum>` +
    `<${p}:RedenBeeindiging>${s.reden ?? '31'}</${p}:RedenBeeindiging><${p}:Einddatum>${s.einddatum}</${p}:Einddatum>` +
    `<${p}:StatusAanlevering>${s.status ?? '1'}</${p}:StatusAanlevering></${p}:StopProduct>`).join('\n');
  return bericht(p, header(p, '420', o.aanbieder, o.gemeente, o.id, o.dagtekening) +
    `\n<${p}:Client>${clientHead(p, o.client.bsn, o.client.geboortedatum, o.client.geslacht)}\n<${p}:StopProducten>\n${producten}\n</${p}:StopProducten></${p}:Client>`);
}

export type TestPrestatie = {
  bsn: string; referentie: string; vorige?: string; nummer: string; categorie: string; code: string;
  begindatum: string; einddatum: string; volume: number; eenheid: string; centen: number; dc: 'D' | 'C';
};

export function wmo323(o: { gemeente: string; aanbieder: string; id: string; dagtekening: string; nummer: string; begindatum: string; einddatum: string; prestaties: TestPrestatie[] }): string {
  const p = 'wmo323';
  const byClient = new Map<string, TestPrestatie[]>();
  for (const line of o.prestaties) byClient.set(line.bsn, [...(byClient.get(line.bsn) ?? []), line]);
  let total = 0;
  for (const line of o.prestaties) total += line.dc === 'D' ? line.centen : -line.centen;
  const clienten = [...byClient].map(([bsn, lines]) =>
    `<${p}:Client><${p}:Bsn>${bsn}</${p}:Bsn><${p}:Prestaties>\n` +
    lines.map((l) =>
      `<${p}:Prestatie><${p}:ProductReferentie><iwmo:ReferentieNummer>${l.referentie}</iwmo:ReferentieNummer>${l.vorige ? `<iwmo:VorigReferentieNummer>${l.vorige}</iwmo:VorigReferentieNummer>` : ''}</${p}:ProductReferentie>` +
      `<${p}:ToewijzingNummer>${l.nummer}</${p}:ToewijzingNummer><${p}:ProductCategorie>${l.categorie}</${p}:ProductCategorie><${p}:ProductCode>${l.code}</${p}:ProductCode>` +
      `<${p}:ProductPeriode><iwmo:Begindatum>${l.begindatum}</iwmo:Begindatum><iwmo:Einddatum>${l.einddatum}</iwmo:Einddatum></${p}:ProductPeriode>` +
      `<${p}:GeleverdVolume>${l.volume}</${p}:GeleverdVolume><${p}:Eenheid>${l.eenheid}</${p}:Eenheid>` +
      `<${p}:IngediendBedrag><iwmo:Bedrag>${l.centen}</iwmo:Bedrag><iwmo:DebetCredit>${l.dc}</iwmo:DebetCredit></${p}:IngediendBedrag></${p}:Prestatie>`).join('\n') +
    `\n</${p}:Prestaties></${p}:Client>`).join('\n');
  return bericht(p, header(p, '484', o.aanbieder, o.gemeente, o.id, o.dagtekening) +
    `\n<${p}:Declaratie><${p}:DeclaratieNummer>${o.nummer}</${p}:DeclaratieNummer><${p}:DeclaratiePeriode><iwmo:Begindatum>${o.begindatum}</iwmo:Begindatum><iwmo:Einddatum>${o.einddatum}</iwmo:Einddatum></${p}:DeclaratiePeriode>` +
    `<${p}:DeclaratieDagtekening>${o.dagtekening}</${p}:DeclaratieDagtekening><${p}:TotaalIngediendBedrag><iwmo:TotaalBedrag>${Math.abs(total)}</iwmo:TotaalBedrag><iwmo:DebetCredit>${total >= 0 ? 'D' : 'C'}</iwmo:DebetCredit></${p}:TotaalIngediendBedrag>` +
    `<${p}:Clienten>\n${clienten}\n</${p}:Clienten></${p}:Declaratie>`);
}
