import { z } from 'zod';
import type { ApiResponse, ArgsOf, CallName, ProgressEvent, ResultOf } from '../../shared/api.ts';
import { toApiError, UserError } from '../errors.ts';
import type { DropOutcome } from '../import/droppedFiles.ts';
import type { CentralStore } from '../central/store/centralStore.ts';
import type { PdfPrinter } from '../pack/pdfPrinter.ts';
import type { Db } from '../store/database.ts';

export type SaveDialogRequest = { title: string; defaultName: string; filters: { name: string; extensions: string[] }[] };
export type OpenDialogRequest = { title: string; multiple: boolean; filters: { name: string; extensions: string[] }[] };

/** Native file dialogs, supplied by the host: Electron's `dialog`, or the harness's script. */
export type Dialogs = {
  /** The chosen path, or null when the user cancelled. */
  save(request: SaveDialogRequest): Promise<string | null>;
  /** The chosen paths; empty when the user cancelled. */
  open(request: OpenDialogRequest): Promise<string[]>;
};

/**
 * Protects the pseudonymisation key at rest, supplied by the host: Electron's `safeStorage`
 * (the operating system's key store), or a stand-in in the test harness. Null on the command
 * line, where the key comes from a .wmkey file each time.
 */
export type SecretStore = {
  protect(data: Uint8Array): Promise<Uint8Array>;
  unprotect(data: Uint8Array): Promise<Uint8Array>;
};

/**
 * What the desktop around the window offers, supplied by the host: Electron's `shell` and the
 * files dropped on the window, or the harness's stand-ins. Null on the command line, which has
 * no window.
 */
export type Desktop = {
  /** Shows the file, selected, in the system's file manager (Verkenner, Finder). */
  showInFolder(file: string): Promise<void>;
  /**
   * The files of one drop on the window as the host checked them, by the one-time token it gave
   * for that drop; null when it knows no such token (never issued, already used or expired).
   */
  takeDrop(token: string): Promise<DropOutcome | null>;
};

export type HandlerContext = {
  db: Db;
  /** The analyst edition's catalogue in the same data folder, opened on first use. */
  central(): Promise<CentralStore>;
  dialogs: Dialogs;
  secrets: SecretStore | null;
  desktop: Desktop | null;
  appVersion: string;
  /** Reports progress of the current call under the job id the caller chose. */
  progress(event: Omit<ProgressEvent, 'jobId'>): void;
  signal: AbortSignal;
  /** Aborts another running call by the job id it was started with; false when none runs. */
  cancelJob(jobId: string): boolean;
  /** Where an unexpected error (INTERNE_FOUT) is logged, without any of its message; see core/log. */
  logUnexpected?(call: string, error: unknown): void;
  /** Prints the pack's HTML report to PDF; the host may supply one (Electron: printToPDF), else headless Chromium (pack/chromiumPdf.ts). */
  pdfPrinter?: () => Promise<PdfPrinter>;
};

export type Handler<K extends CallName> = (args: ArgsOf<K>, ctx: HandlerContext) => ResultOf<K> | Promise<ResultOf<K>>;

export type HandlerDefinition<K extends CallName = CallName> = {
  name: K;
  /** Validates what the (untrusted) renderer sent before the handler sees it. */
  schema: z.ZodType<ArgsOf<K>>;
  handler: Handler<K>;
};

/** Pairs a name with its schema and handler, keeping the three in step at compile time. */
export function defineHandler<K extends CallName>(name: K, schema: z.ZodType<ArgsOf<K>>, handler: Handler<K>): HandlerDefinition {
  return { name, schema, handler } as unknown as HandlerDefinition;
}

/** Schema for calls without an argument: hosts send `{}` or nothing. */
export const noArgs = z.union([z.undefined(), z.object({}).strict()]).transform(() => undefined) as unknown as z.ZodType<void>;

export type Registry = {
  names(): CallName[];
  dispatch(name: string, args: unknown, ctx: HandlerContext): Promise<ApiResponse<unknown>>;
};

export function createRegistry(definitions: readonly HandlerDefinition[]): Registry {
  const byName = new Map<string, HandlerDefinition>();
  for (const definition of definitions) {
    if (byName.has(definition.name)) throw new Error(`API call registered twice: ${definition.name}`);
    byName.set(definition.name, definition);
  }
  return {
    names: () => [...byName.keys()] as CallName[],
    async dispatch(name, args, ctx) {
      const definition = byName.get(name);
      if (!definition) {
        return { ok: false, error: { code: 'ONBEKENDE_AANROEP', message: `Onbekende aanroep: ${String(name).slice(0, 60)}` } };
      }
      const parsed = definition.schema.safeParse(args);
      if (!parsed.success) return { ok: false, error: toApiError(invalidInput(parsed.error)) };
      try {
        return { ok: true, result: await definition.handler(parsed.data as never, ctx) };
      } catch (error) {
        if (!(error instanceof UserError)) ctx.logUnexpected?.(definition.name, error);
        return { ok: false, error: toApiError(error) };
      }
    },
  };
}

// Messages a schema does not spell out itself come in Dutch too.
z.config(z.locales.nl());

/**
 * Schemas carry Dutch sentences for what a user types; the first issue is the one to fix. The
 * field is named only for zod's own (generic) messages, which do not say which field they mean.
 */
function invalidInput(error: z.ZodError): UserError {
  const issue = error.issues[0];
  if (!issue) return new UserError('ONGELDIGE_INVOER', 'Ongeldige invoer.');
  const custom = issue.code === 'custom' || /^[A-Z].*\.$/.test(issue.message);
  const field = !custom && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return new UserError('ONGELDIGE_INVOER', `${field}${issue.message}`);
}
