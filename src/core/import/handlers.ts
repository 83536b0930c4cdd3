import path from 'node:path';
import { z } from 'zod';
import type { ImportPreview } from '../../shared/api.ts';
import { defineHandler, noArgs } from '../api/registry.ts';
import { recordAction } from '../audit/auditLog.ts';
import { UserError } from '../errors.ts';
import { parsePeriode } from '../period/periode.ts';
import { addInputBsn } from '../delivery/privacyScan.ts';
import { maskBsnRuns } from '../privacy/bsnRuns.ts';
import { isPersonalHeader, looksLikeNamesOrStreets } from '../privacy/personalData.ts';
import { normaliseBsn } from '../pseudonym/bsn.ts';
import { parseDate } from '../values/date.ts';
import { withStoredKey } from '../pseudonym/keyVault.ts';
import { createPseudonymiser } from '../pseudonym/wm1.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { detectDecimalSeparator } from '../values/amount.ts';
import type { Cell } from '../values/cell.ts';
import { grantedPath, grantFile } from './chosenFiles.ts';
import { refusalOf } from './droppedFiles.ts';
import { importBatch, importResult } from './importBatch.ts';
import { listImportedFiles, removeImportedFile } from './importedFiles.ts';
import { IMPORT_FIELDS, type ColumnMapping } from './mapping/fields.ts';
import { matchProfile, type MappingProfile } from './mapping/profile.ts';
import { listProfiles, loadProfile, saveProfile } from './mapping/profileStore.ts';
import { suggestMapping } from './mapping/suggestMapping.ts';
import { createValueCheckers } from './mapping/valueCheckers.ts';
import type { PreparedExport } from './prepareExport.ts';
import { formatOf, previewFile, type ReaderSettings } from './readers/index.ts';
import { loadRecordParsers } from './recordParsers.ts';

const ref = loadReferenceTables();
const parsers = loadRecordParsers();
const PREVIEW_ROWS = 50;
const MASK = '•••••••••';

const readerChoice = z.union([
  z.object({ format: z.literal('csv'), encoding: z.enum(['utf-8', 'windows-1252']), delimiter: z.enum([';', ',', '\t', '|']), headerRow: z.number().int().min(1).max(1000) }).strict(),
  z.object({ format: z.literal('xlsx'), sheet: z.string().min(1).max(100), headerRow: z.number().int().min(1).max(1000) }).strict(),
]);

/** How a column is shown on the page, which never sees a BSN, a name, an address or a full birth date. */
type ColumnView = 'masked' | 'blank' | 'month' | 'amount' | 'text';

function columnViews(headers: readonly string[], sample: readonly (readonly Cell[])[], mapping: ColumnMapping): ColumnView[] {
  const column = (field: keyof ColumnMapping) => (mapping[field] === undefined ? -1 : headers.indexOf(mapping[field]!));
  const bsn = column('bsn');
  const birth = column('geboortedatum');
  const address = [column('huisnummer'), column('toevoeging')];
  const kosten = column('kosten');
  return headers.map((header, i) => {
    if (i === bsn) return 'masked';
    if (i === kosten) return 'amount';
    if (i === birth) return 'month';
    if (address.includes(i) || isPersonalHeader(header)) return 'blank';
    // A surname or street column under a header no list knows ("Klant", "Adresregel 1").
    if (looksLikeNamesOrStreets(sample.map((cells) => cellText(cells[i] ?? null)))) return 'blank';
    return 'text';
  });
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  return cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
}

const amount = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** As a Dutch reader expects it on screen: a spreadsheet date as `16-08-1984`, an amount as `2.423,56`. */
function dutchText(cell: Cell, view: ColumnView): string {
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
  }
  if (view === 'amount' && typeof cell === 'number') return amount.format(cell);
  return cellText(cell);
}

/** A cell as the page may see it: by its column's view, and BSN-like runs masked everywhere else. */
function shown(cell: Cell, view: ColumnView, inputBsns: ReadonlySet<number>): string {
  if (cell === null || view === 'blank') return '';
  if (view === 'masked') return cellText(cell).trim() === '' ? '' : MASK;
  if (view === 'month') {
    const date = parseDate(cell);
    return date.kind === 'ok' ? `${date.value.slice(5, 7)}-${date.value.slice(0, 4)}` : '';
  }
  return maskBsnRuns(dutchText(cell, view), { loose: true, inputBsns }, MASK);
}

export const importHandlers = [
  defineHandler('import.profiles', noArgs, (_args, { db }) => listProfiles(db)),

  defineHandler('import.files', noArgs, (_args, { db }) => listImportedFiles(db)),

  defineHandler('import.remove', z.object({ id: z.number().int().positive() }).strict(), ({ id }, { db }) => {
    removeImportedFile(db, id);
    return listImportedFiles(db);
  }),

  defineHandler('import.chooseFiles', noArgs, async (_args, { dialogs }) => {
    const files = await dialogs.open({
      title: 'Export(s) uit het cliëntsysteem kiezen',
      multiple: true,
      filters: [{ name: 'Exports (CSV, Excel)', extensions: ['csv', 'txt', 'tsv', 'xlsx'] }],
    });
    return files.map(grantFile);
  }),

  defineHandler('import.dropFiles', z.object({ drop: z.string().min(1).max(100) }).strict(), async ({ drop }, { desktop }) => {
    if (!desktop) throw new UserError('GEEN_VENSTER', 'Bestanden slepen kan alleen in het venster van Wijkmonitor.');
    const outcome = await desktop.takeDrop(drop);
    if (!outcome) throw new UserError('SLEPEN_VERLOPEN', 'Deze gesleepte bestanden zijn niet meer bekend. Sleep ze opnieuw.');
    // The host checked them; checked again here because the core is what reads them, maybe later.
    const refused = outcome.granted.map((file) => refusalOf(file));
    return {
      bestanden: outcome.granted.filter((_, i) => refused[i] === null).map(grantFile),
      geweigerd: [...outcome.refused, ...refused.filter((r): r is string => r !== null)],
    };
  }),

  defineHandler(
    'import.preview',
    z
      .object({
        bestandId: z.string().min(1).max(100),
        lezer: z
          .object({ encoding: z.enum(['utf-8', 'windows-1252']).optional(), delimiter: z.enum([';', ',', '\t', '|']).optional(), sheet: z.string().max(100).optional(), headerRow: z.number().int().min(1).max(1000).optional() })
          .strict()
          .optional(),
        profiel: z.string().max(100).optional(),
      })
      .strict() as never,
    async ({ bestandId, lezer, profiel }: { bestandId: string; lezer?: Record<string, unknown>; profiel?: string }, { db }): Promise<ImportPreview> => {
      const file = grantedPath(bestandId);
      const profile = profiel ? loadProfile(db, profiel) : null;
      if (profiel && !profile) throw new UserError('PROFIEL_ONBEKEND', `Koppelprofiel "${profiel}" bestaat niet (meer).`);
      const preview = await previewFile(file, { format: formatOf(file), ...profile?.lezer, ...lezer } as never, PREVIEW_ROWS);
      const sample = preview.rows.map((r) => r.cells);
      const fresh = suggestMapping(preview.headers, sample, ref.velden, createValueCheckers(parsers)).mapping;
      const match = profile ? matchProfile(profile, preview.headers, fresh) : null;
      const mapping = match?.mapping ?? fresh;
      const views = columnViews(preview.headers, sample, mapping);
      const bsnColumn = views.indexOf('masked');
      const inputBsns = new Set<number>();
      for (const cells of sample) {
        const bsn = bsnColumn === -1 ? null : normaliseBsn(cells[bsnColumn] ?? null);
        if (bsn?.kind === 'ok') addInputBsn(inputBsns, bsn.bsn);
      }
      const numeric = (['kosten', 'volume'] as const).map((f) => mapping[f]).filter((h): h is string => h !== undefined).map((h) => preview.headers.indexOf(h));
      return {
        bestandId,
        lezer: preview.settings,
        sheets: preview.sheets ?? [],
        // Masked like cells; a header row that looks like data was refused before it got here.
        headers: preview.headers.map((h) => maskBsnRuns(h, { loose: true }, MASK)),
        rows: sample.map((cells) => preview.headers.map((_, i) => shown(cells[i] ?? null, views[i]!, inputBsns))),
        kolommen: mapping as Record<string, string>,
        gewijzigd: match?.gewijzigd ?? [],
        ontbrekend: match?.ontbrekend ?? [],
        decimaal: profile?.decimaal ?? detectDecimalSeparator(sample.flatMap((cells) => numeric.map((i) => cells[i])).filter((v): v is string => typeof v === 'string')),
        velden: ref.velden.map((v) => ({ veld: v.veld, label: v.label, verplicht: v.verplicht, omschrijving: v.omschrijving, codelijst: v.codelijst })),
        waarschuwingen: preview.warnings,
      };
    },
  ),

  defineHandler(
    'import.run',
    z
      .object({
        jobId: z.string().min(1).max(100),
        bestandId: z.string().min(1).max(100),
        periode: z.string().max(40, 'Deze periode is te lang. Schrijf haar als 2026Q3, 3e kwartaal 2026, 2e halfjaar 2026 of 2026.'),
        lezer: readerChoice,
        kolommen: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200)),
        decimaal: z.enum([',', '.']),
        profiel: z.string().trim().min(1).max(100).optional(),
      })
      .strict() as never,
    async (args: { bestandId: string; periode: string; lezer: ReaderSettings; kolommen: ColumnMapping; decimaal: ',' | '.'; profiel?: string }, { db, secrets, signal, progress }) => {
      const file = grantedPath(args.bestandId);
      const periode = parsePeriode(args.periode);
      const preview = await previewFile(file, args.lezer, 1);
      const missing = ref.velden.filter((v) => v.verplicht && !args.kolommen[v.veld as keyof ColumnMapping]).map((v) => v.label);
      if (missing.length > 0) throw new UserError('KOPPELING_ONVOLLEDIG', `Koppel eerst een kolom aan ${missing.join(', ')} (verplicht).`);
      const prepared: PreparedExport = {
        file,
        bestand: path.basename(file),
        settings: args.lezer,
        headers: preview.headers,
        mapping: args.kolommen,
        decimaal: args.decimaal,
        warnings: [],
      };
      const lezer = args.lezer.format === 'csv' ? { encoding: args.lezer.encoding, delimiter: args.lezer.delimiter, headerRow: args.lezer.headerRow } : { sheet: args.lezer.sheet, headerRow: args.lezer.headerRow };
      const profile: MappingProfile = { formaat: 'wijkmonitor-profiel', versie: 1, naam: args.profiel ?? prepared.bestand, lezer, kolommen: args.kolommen, decimaal: args.decimaal };
      // The key is zeroed once the pseudonymiser has it, and the pseudonymiser wiped when the import ends.
      const pseudonymiser = await withStoredKey(db, secrets, async (key) => createPseudonymiser(key));
      const summary = await importBatch(db, {
        prepared,
        periode,
        profile,
        pseudonymiser,
        parsers,
        signal,
        onProgress: ({ phase, done, total }) => progress({ phase, done, total }),
      }).finally(() => pseudonymiser.wipe());
      // Saved only after a successful import, so a profile always describes an export that worked.
      if (args.profiel) saveProfile(db, profile);
      recordAction(db, 'export ingelezen', { bestand: summary.bestand, periode: summary.periode, rijen: summary.rijenIngelezen });
      return importResult(summary, ref);
    },
  ),
];
