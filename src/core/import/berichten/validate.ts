import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { defaultResourcesDir } from '../../resources/csvTable.ts';
import type { Standaard } from './codes.ts';
import { pathAtLine } from './xmlTree.ts';

/** A schema problem as the user is told it: file, line, element path; never the element's value. */
export type SchemaFout = { bestand: string; regel: number | null; pad: string | null; melding: string };

export type SchemaDocument = { bestand: string; data: Buffer; standaard: Standaard; type: string };

const FOLDERS: Record<Standaard, string> = { iwmo: 'iwmo-3.2', ijw: 'ijw-3.2' };

/**
 * Validates messages against the 3.2 XSDs in resources/istandaarden with xmllint compiled to
 * WebAssembly: no network, and the schemas' imports of the basisschema resolve to the files
 * preloaded beside them. One validator run per message type and batch, because starting
 * xmllint and compiling the schema costs far more than checking a message.
 */
export function createSchemaValidator(resourcesDir = defaultResourcesDir) {
  const schemas = new Map<string, { schema: XMLFileInfo; preload: XMLFileInfo[] }>();
  const load = (standaard: Standaard, type: string) => {
    const key = `${standaard}|${type}`;
    let loaded = schemas.get(key);
    if (!loaded) {
      const dir = path.join(resourcesDir, 'istandaarden', FOLDERS[standaard]);
      const files = readdirSync(dir);
      if (!files.includes(`${type}.xsd`)) return null;
      loaded = {
        schema: { fileName: `${type}.xsd`, contents: readFileSync(path.join(dir, `${type}.xsd`), 'utf8') },
        preload: files.filter((f) => /^basisschema\.xsd$/i.test(f)).map((f) => ({ fileName: f, contents: readFileSync(path.join(dir, f), 'utf8') })),
      };
      schemas.set(key, loaded);
    }
    return loaded;
  };

  return {
    /** Whether the resources hold a schema for this message type (iWmo 3.2 lacks the return messages). */
    has: (standaard: Standaard, type: string) => load(standaard, type) !== null,
    /** Problems per document index; documents not in the map are valid. */
    async validate(documents: readonly SchemaDocument[]): Promise<Map<number, SchemaFout[]>> {
      const problems = new Map<number, SchemaFout[]>();
      const groups = new Map<string, number[]>();
      documents.forEach((d, i) => {
        const key = `${d.standaard}|${d.type}`;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key)!.push(i);
      });
      for (const [key, indexes] of groups) {
        const [standaard, type] = key.split('|') as [Standaard, string];
        const loaded = load(standaard, type);
        if (!loaded) continue;
        // Neutral names: xmllint would read a user's file name that starts with a dash as an option.
        const result = await validateXML({
          xml: indexes.map((i) => ({ fileName: `bericht${i}.xml`, contents: documents[i]!.data })),
          schema: loaded.schema,
          preload: loaded.preload,
          maxMemoryPages: 16 * 1024,
        });
        if (result.valid) continue;
        for (const error of result.errors) {
          const index = error.loc ? Number(/^bericht(\d+)\.xml$/.exec(error.loc.fileName)?.[1]) : NaN;
          if (!Number.isInteger(index) || !documents[index]) continue;
          const doc = documents[index];
          const element = /Element '(?:\{[^}]*\})?([A-Za-z0-9_]+)'/.exec(error.message)?.[1] ?? null;
          const regel = error.loc?.lineNumber ?? null;
          const pad = regel === null ? null : pathAtLine(doc.data, regel, element);
          if (!problems.has(index)) problems.set(index, []);
          problems.get(index)!.push({ bestand: doc.bestand, regel, pad, melding: dutchReason(error.message) });
        }
        // xmllint may fail a document without a located error (a file it cannot read at all).
        for (const i of indexes) {
          if (!problems.has(i) && result.errors.some((e) => e.loc === null)) {
            problems.set(i, [{ bestand: documents[i]!.bestand, regel: null, pad: null, melding: 'het bericht kan niet tegen het schema worden gecontroleerd' }]);
          }
        }
      }
      return problems;
    },
  };
}

/**
 * xmllint's English reasons quote the offending value; the user is told the kind of problem only
 * (the element path says where), because a value may be a BSN, a name or an address.
 */
function dutchReason(message: string): string {
  if (/is not a valid value|is not accepted by the pattern|is not an element of the set|has a length|is greater than|is less than|value '[^']*' is not/i.test(message)) {
    return 'waarde voldoet niet aan het schema (ongeldige datum, code of lengte)';
  }
  if (/This element is not expected/i.test(message)) return 'element staat niet op een plaats die het schema toestaat';
  if (/Missing child element/i.test(message)) return 'een verplicht onderliggend element ontbreekt';
  if (/No matching global declaration|No matching global element/i.test(message)) return 'berichtsoort hoort niet bij dit schema';
  if (/parser error|not well-formed|Premature end/i.test(message)) return 'geen geldige XML';
  if (/attribute/i.test(message)) return 'attribuut voldoet niet aan het schema';
  return 'voldoet niet aan het schema';
}
