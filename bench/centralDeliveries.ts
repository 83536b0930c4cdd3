/**
 * Synthetic levering-v1 deliveries for the analyst benchmark, one per gemeente and quarter, sized
 * by the real CBS 2024 populations (fixtures/cbs, values as CBS published them).
 *
 * What is real: gemeente codes and names, their wijk codes, inhabitants per gemeente and per wijk.
 * What is made up (seeded, fixtures/random.ts): clients (pseudonyms are random hex, no BSN was
 * ever involved), households, ages, products, aanbieders (8-digit codes in a range no AGB register
 * is consulted for), dates and costs. A delivery is written as it is generated, a chunk of rows at
 * a time, so memory is bounded by one gemeente's client table, not by its records.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, rmSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import Papa from 'papaparse';
import yazl from 'yazl';
import { csvChunk, UTF8_BOM } from '../src/core/delivery/csvChunk.ts';
import { DELIVERY_FILE_COLUMNS, DELIVERY_FILES } from '../src/core/delivery/deliveryManifest.ts';
import { DELIVERY_COLUMNS, deliveryRow, type DeliveryRecord } from '../src/core/delivery/deliveryRecord.ts';
import type { Periode } from '../src/core/period/periode.ts';
import { Random, WeightedTable } from '../fixtures/random.ts';
import { ROOT } from './measure.ts';

export const CBS_2024 = path.join(ROOT, 'fixtures', 'cbs', 'kwb2024_85984NED_statline-export_NL.csv');

export type Wijk = { code: string; inwoners: number };
export type BenchGemeente = { code: string; naam: string; inwoners: number; wijken: Wijk[] };

/** Gemeenten and their wijken with inhabitants, from the StatLine export of table 85984NED. */
export function cbsGemeenten(file = CBS_2024): BenchGemeente[] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const rows = Papa.parse<string[]>(text, { delimiter: ';', skipEmptyLines: true }).data;
  const header = rows[0]!;
  const col = (label: string) => {
    const i = header.findIndex((h) => h.startsWith(label));
    if (i < 0) throw new Error(`Kolom ${label} ontbreekt in ${path.basename(file)}.`);
    return i;
  };
  const soort = col('Regioaanduiding/Soort regio');
  const code = col('Regioaanduiding/Codering');
  const naam = col('Regioaanduiding/Gemeentenaam');
  const inwoners = col('Bevolking/Aantal inwoners');
  const byCode = new Map<string, BenchGemeente>();
  const wijken: Wijk[] = [];
  for (const row of rows.slice(1)) {
    const kind = row[soort]!.trim();
    const c = row[code]!.trim();
    const n = Number(row[inwoners]);
    if (kind === 'Gemeente') byCode.set(c, { code: c, naam: row[naam]!.trim(), inwoners: n, wijken: [] });
    else if (kind === 'Wijk') wijken.push({ code: c, inwoners: Number.isFinite(n) ? n : 0 });
  }
  // A wijk code is WK + the gemeente's four digits + two of its own.
  for (const w of wijken) byCode.get(`GM${w.code.slice(2, 6)}`)?.wijken.push(w);
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

type Voorziening = { code: string; naam: string; pijler: string; categorie: string | null; leefdomein: string; mediaan: number };

/** The standard voorzieningsoorten (resources/) with a plausible median cost per quarter in euros. */
const MEDIAAN: Record<string, number> = {
  'WMO-01': 950, 'WMO-02': 2600, 'WMO-03': 1800, 'WMO-04': 2200, 'WMO-05': 4000, 'WMO-06': 1500, 'WMO-07': 3100, 'WMO-08': 450,
  'WMO-09': 700, 'WMO-10': 2000, 'WMO-11': 350, 'WMO-12': 600, 'WMO-13': 900, 'WMO-14': 250, 'WMO-15': 17000, 'WMO-16': 9000,
  'WMO-17': 3000, 'WMO-18': 8000, 'JW-40': 1500, 'JW-41': 6000, 'JW-42': 1100, 'JW-43': 24000, 'JW-44': 15000, 'JW-45': 2900,
  'JW-46': 4000, 'JW-47': 2300, 'JW-48': 2800, 'JW-49': 800, 'JW-50': 5000, 'JW-51': 900, 'JW-52': 3800, 'JW-53': 700,
  'JW-54': 3200, 'JW-55': 30000, 'PW-01': 3800, 'PW-02': 450, 'PW-03': 2400, 'SHV-01': 650,
};

/** How often each voorziening occurs within its pijler (relative); the common ones dominate, as in real deliveries. */
const FREQUENTIE: Record<string, number> = {
  'WMO-01': 30, 'WMO-02': 18, 'WMO-03': 4, 'WMO-07': 8, 'WMO-08': 12, 'WMO-11': 6, 'WMO-12': 3, 'WMO-13': 4, 'WMO-14': 6, 'WMO-15': 2,
  'JW-45': 45, 'JW-43': 4, 'JW-44': 3, 'JW-41': 5, 'JW-48': 4, 'JW-47': 2, 'JW-51': 8, 'JW-52': 10, 'JW-54': 6, 'JW-42': 5,
  'PW-01': 55, 'PW-02': 30, 'PW-03': 15, 'SHV-01': 100,
};

function voorzieningen(): Voorziening[] {
  const text = readFileSync(path.join(ROOT, 'resources', 'voorzieningsoorten.csv'), 'utf8').replace(/^\uFEFF/, '');
  const rows = Papa.parse<Record<string, string>>(text, { delimiter: ';', header: true, skipEmptyLines: true }).data;
  return rows
    .filter((r) => MEDIAAN[r.code!] !== undefined)
    .map((r) => ({ code: r.code!, naam: r.naam!, pijler: r.pijler!, categorie: r.categorie || null, leefdomein: r.leefdomein!, mediaan: MEDIAAN[r.code!]! }));
}

const VOORZIENINGEN = voorzieningen();
const TOTAL_INHABITANTS = 17_942_942; // the Netherlands in the same file: records per inhabitant
/** 2.5 M records per quarter over 17.9 M inhabitants: 342 gemeenten × 2 quarters ≈ 5 M records. */
export const RECORDS_PER_INHABITANT = 2_500_000 / TOTAL_INHABITANTS;
const RECORDS_PER_CLIENT = 1.6;
/** Share of a quarter's clients that were also clients the quarter before (the rest is instroom). */
const CONTINUING = 0.8;
/** A national pool of aanbieders: the big ones serve many gemeenten. */
const AANBIEDER_POOL = Array.from({ length: 2400 }, (_, i) => String(73_100_000 + i * 37));

type ClientTable = { client: string[]; huishouden: string[]; leeftijd: Uint8Array; geslacht: Uint8Array; wijk: Uint16Array; pc4: Uint16Array; soort: Uint8Array };
type Product = { productcode: string; product: string; v: Voorziening };

const hex = (random: Random, bytes: number) => {
  let s = '';
  for (let i = 0; i < bytes; i++) s += (random.int(0, 255) + 256).toString(16).slice(1);
  return s;
};

/** Everything per gemeente that both quarters share: its clients, products and aanbieders. */
export type GemeentePlan = {
  gemeente: BenchGemeente;
  recordsPerQuarter: number;
  clients: ClientTable;
  clientsPerQuarter: number;
  products: Record<string, WeightedTable<Product>>;
  aanbieders: WeightedTable<string>;
  aanbiederCount: number;
  sleutel: string;
};

export function planGemeente(gemeente: BenchGemeente, seed: number, range: { minInwoners: number; maxInwoners: number }, recordsPerInhabitant = RECORDS_PER_INHABITANT): GemeentePlan {
  const random = new Random(seed, 'central-bench', gemeente.code);
  const recordsPerQuarter = Math.max(20, Math.round(gemeente.inwoners * recordsPerInhabitant));
  const clientsPerQuarter = Math.max(10, Math.round(recordsPerQuarter / RECORDS_PER_CLIENT));
  // Pool: this quarter's clients plus the previous quarter's that left.
  const pool = Math.ceil(clientsPerQuarter * (2 - CONTINUING));
  const wijken = gemeente.wijken.length > 0 ? gemeente.wijken : [{ code: `WK${gemeente.code.slice(2)}00`, inwoners: 1 }];
  const wijkTable = new WeightedTable(wijken.map((w, i) => [i, Math.max(w.inwoners, 1)] as const));
  const clients: ClientTable = {
    client: new Array<string>(pool),
    huishouden: new Array<string>(pool),
    leeftijd: new Uint8Array(pool),
    geslacht: new Uint8Array(pool),
    wijk: new Uint16Array(pool),
    pc4: new Uint16Array(pool),
    soort: new Uint8Array(pool),
  };
  // Households of one to three clients at one address: one wijk and PC4 per household.
  let household = '';
  let left = 0;
  let wijk = 0;
  let pc4 = 0;
  for (let i = 0; i < pool; i++) {
    if (left === 0) {
      household = random.chance(0.04) ? '' : hex(random, 16);
      left = random.weighted([[1, 70], [2, 22], [3, 8]] as const);
      wijk = wijkTable.draw(random);
      pc4 = 1000 + ((Number.parseInt(wijken[wijk]!.code.slice(2), 10) * 7 + random.int(0, 3)) % 8999);
    }
    left--;
    clients.client[i] = hex(random, 16);
    clients.huishouden[i] = household;
    clients.wijk[i] = wijk;
    clients.pc4[i] = pc4;
    clients.geslacht[i] = random.chance(0.01) ? 0 : random.int(1, 2);
    // 0 youth (Jeugdwet), 1 working age, 2 elderly: the age and the pillars follow from it.
    const soort = random.weighted([[0, 30], [1, 35], [2, 35]] as const);
    clients.soort[i] = soort;
    clients.leeftijd[i] = soort === 0 ? (random.chance(0.06) ? random.int(18, 22) : random.int(0, 17)) : soort === 1 ? random.int(18, 66) : random.int(67, 101);
  }
  // Own product codes: one to three variants per voorzieningsoort, named after it.
  const products: Record<string, WeightedTable<Product>> = {};
  for (const pijler of ['WMO', 'JW', 'PW', 'SHV']) {
    const own: (readonly [Product, number])[] = [];
    for (const v of VOORZIENINGEN.filter((x) => x.pijler === pijler && FREQUENTIE[x.code] !== undefined)) {
      const variants = random.int(1, 3);
      for (let k = 1; k <= variants; k++) {
        const stem = v.categorie ?? v.code.replace('-', '');
        own.push([{ productcode: `${stem}${'ABC'[k - 1]}${String(random.int(1, 99)).padStart(2, '0')}`, product: `${v.naam}${variants > 1 ? ` ${k}` : ''}`, v }, FREQUENTIE[v.code]! / variants]);
      }
    }
    products[pijler] = new WeightedTable(own);
  }
  // A few dozen aanbieders for the smallest gemeente, 170 for the largest, in between on a log scale.
  const scale = (Math.log(gemeente.inwoners) - Math.log(range.minInwoners)) / Math.max(1e-9, Math.log(range.maxInwoners) - Math.log(range.minInwoners));
  const aanbiederCount = Math.round(25 + (170 - 25) * Math.min(1, Math.max(0, scale)));
  const chosen = random.shuffled(AANBIEDER_POOL).slice(0, aanbiederCount);
  // Few large aanbieders carry most voorzieningen (Zipf-like weights).
  const aanbieders = new WeightedTable(chosen.map((a, rank) => [a, 1 / (rank + 1)] as const));
  return { gemeente, recordsPerQuarter, clients, clientsPerQuarter, products, aanbieders, aanbiederCount, sleutel: hex(random, 8) };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const CHUNK = 5_000;

/** Writes one quarter's delivery zip; `quarter` 0 or 1 is the position in the benchmark's periods. */
export async function writeDelivery(dir: string, plan: GemeentePlan, p: Periode, quarter: number, seed: number): Promise<{ file: string; rows: number }> {
  const random = new Random(seed, 'central-bench', plan.gemeente.code, p.code);
  const { gemeente, clients } = plan;
  const csvFile = path.join(dir, `${gemeente.code}_${p.code}_voorzieningen.csv`);
  const hash = createHash('sha256');
  const out = createWriteStream(csvFile);
  const write = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    hash.update(bytes);
    return out.write(bytes) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve));
  };
  await write(UTF8_BOM + csvChunk([DELIVERY_COLUMNS]));
  const begin = Date.parse(`${p.begin}T00:00:00Z`);
  const eind = Date.parse(`${p.eind}T00:00:00Z`);
  const days = Math.round((eind - begin) / DAY);
  // This quarter's clients: a window over the pool that moves on by the share that leaves.
  const offset = Math.round(quarter * plan.clientsPerQuarter * (1 - CONTINUING));
  const rows = plan.recordsPerQuarter;
  let chunk: (string | number)[][] = [];
  for (let i = 0; i < rows; i++) {
    const c = offset + random.int(0, plan.clientsPerQuarter - 1);
    const soort = clients.soort[c]!;
    const pijler = soort === 0 ? 'JW' : soort === 1 ? random.weighted([['PW', 45], ['WMO', 35], ['SHV', 20]] as const) : random.chance(0.95) ? 'WMO' : 'SHV';
    const product = plan.products[pijler]!.draw(random);
    const v = product.v;
    const started = random.chance(0.3) ? begin + random.int(0, days) * DAY : begin - random.int(1, 3 * 365) * DAY;
    const ended = random.chance(0.22) ? Math.max(started, begin + random.int(0, days) * DAY) : null;
    const active = (Math.min(ended ?? eind, eind) - Math.max(started, begin)) / DAY + 1;
    const kosten = random.chance(0.05) ? null : Math.round(v.mediaan * Math.exp(random.normal(0, 0.6)) * (active / (days + 1)) * 100) / 100;
    const geenAanbieder = v.code === 'PW-01';
    const aanbieder = geenAanbieder ? null : plan.aanbieders.draw(random);
    const record: DeliveryRecord = {
      client: clients.client[c]!,
      huishouden: clients.huishouden[c] || null,
      leeftijd: clients.leeftijd[c]!,
      geslacht: String(clients.geslacht[c]),
      pc4: String(clients.pc4[c]),
      wijk: (gemeente.wijken[clients.wijk[c]!] ?? { code: `WK${gemeente.code.slice(2)}00` }).code,
      gebied: null,
      pijler,
      productcode: product.productcode,
      product: product.product,
      categorie: v.categorie,
      voorziening: v.code,
      leefdomein: v.leefdomein,
      financier: 'gemeente',
      begindatum: iso(started),
      einddatum: ended === null ? null : iso(ended),
      aanbieder,
      aanbieder_naam: aanbieder === null ? null : `Zorgaanbieder ${aanbieder.slice(-4)}`,
      volume: pijler === 'WMO' || pijler === 'JW' ? random.int(1, 40) : null,
      eenheid: pijler === 'WMO' || pijler === 'JW' ? '04' : null,
      frequentie: pijler === 'WMO' || pijler === 'JW' ? '2' : null,
      kosten,
      verwijzer: null,
      reden_einde: null,
      aanvraagdatum: started >= begin && random.chance(0.7) ? iso(started - random.int(0, 70) * DAY) : null,
    };
    chunk.push(deliveryRow(record));
    if (chunk.length === CHUNK) {
      await write(csvChunk(chunk));
      chunk = [];
    }
  }
  if (chunk.length > 0) await write(csvChunk(chunk));
  out.end();
  await finished(out as WriteStream);
  const small = {
    'producten.csv': Buffer.from(UTF8_BOM + csvChunk([DELIVERY_FILE_COLUMNS['producten.csv']]), 'utf8'),
    'gebieden.csv': Buffer.from(UTF8_BOM + csvChunk([DELIVERY_FILE_COLUMNS['gebieden.csv']]), 'utf8'),
    'kwaliteit.csv': Buffer.from(UTF8_BOM + csvChunk([DELIVERY_FILE_COLUMNS['kwaliteit.csv']]), 'utf8'),
  };
  const sha = (f: (typeof DELIVERY_FILES)[number]) => (f === 'voorzieningen.csv' ? hash.digest('hex') : createHash('sha256').update(small[f]).digest('hex'));
  const manifest = {
    formaat: 'wijkmonitor-levering',
    versie: 1,
    gemeentecode: gemeente.code,
    gemeentenaam: gemeente.naam,
    periode: p.code,
    periode_begin: p.begin,
    periode_eind: p.eind,
    aangemaakt: `${p.eind}T10:00:00.000Z`,
    app_versie: 'bench',
    sleutel: plan.sleutel,
    bestanden: Object.fromEntries(DELIVERY_FILES.map((f) => [f, { rijen: f === 'voorzieningen.csv' ? rows : 0, sha256: sha(f) }])),
    kwaliteit: { rijen_ingelezen: rows, postcode_onbekend: 0 },
  };
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest)), 'levering.json');
  for (const f of DELIVERY_FILES) {
    if (f === 'voorzieningen.csv') zip.addReadStream(createReadStream(csvFile), f);
    else zip.addBuffer(small[f], f);
  }
  zip.end();
  const file = path.join(dir, `${gemeente.code}_${p.code}_levering.zip`);
  await finished(zip.outputStream.pipe(createWriteStream(file)));
  rmSync(csvFile, { force: true });
  return { file, rows };
}
