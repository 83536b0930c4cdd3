import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../../errors.ts';
import { writeFileAtomic } from '../../files/atomicWrite.ts';
import { IMPORT_FIELDS, type ColumnMapping, type ImportField } from './fields.ts';

/**
 * A saved way of reading one client system's export: reader settings, which header feeds which
 * field, and the value formats. Replayed on next quarter's export of the same system.
 */
export const profileSchema = z
  .object({
    formaat: z.literal('wijkmonitor-profiel'),
    versie: z.literal(1),
    naam: z.string().trim().min(1).max(100),
    lezer: z
      .object({
        encoding: z.enum(['utf-8', 'windows-1252']).optional(),
        delimiter: z.enum([';', ',', '\t', '|']).optional(),
        sheet: z.string().max(100).optional(),
        headerRow: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    kolommen: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200)),
    decimaal: z.enum([',', '.']),
  })
  .strict();

export type MappingProfile = z.infer<typeof profileSchema>;

export function readProfile(file: string): MappingProfile {
  const name = path.basename(file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new UserError('PROFIEL_ONGELDIG', `Koppelprofiel ${name} is geen geldig JSON-bestand.`, { file: name });
  }
  const parsed = profileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = [...issue.path, ...(issue.code === 'unrecognized_keys' ? [issue.keys.join(', ')] : [])].join('.');
    throw new UserError('PROFIEL_ONGELDIG', `Koppelprofiel ${name}: veld ${field || '(bestand)'} is ongeldig.`, { file: name });
  }
  return parsed.data;
}

export function writeProfile(file: string, profile: MappingProfile): void {
  writeFileAtomic(file, `${JSON.stringify(profileSchema.parse(profile), null, 2)}\n`);
}

export type ProfileMatch = {
  /** The mapping to use: the profile's, with renamed headers filled in where they were recognised. */
  mapping: ColumnMapping;
  /** Fields whose header changed and was recognised anew: to confirm. */
  gewijzigd: { veld: ImportField; was: string; nu: string }[];
  /** Fields whose header is gone and nothing recognisable replaced it: to ask. */
  ontbrekend: { veld: ImportField; was: string }[];
};

/**
 * Lays a saved profile over this export's headers. Only what changed needs the user: a header
 * that is gone gets the fresh suggestion for its field (if any) and is reported either way.
 */
export function matchProfile(profile: MappingProfile, headers: readonly string[], fresh: ColumnMapping): ProfileMatch {
  const present = new Set(headers);
  const mapping: ColumnMapping = {};
  const gewijzigd: ProfileMatch['gewijzigd'] = [];
  const ontbrekend: ProfileMatch['ontbrekend'] = [];
  const entries = Object.entries(profile.kolommen) as [ImportField, string][];
  const kept = new Set(entries.filter(([, header]) => present.has(header)).map(([, header]) => header));
  for (const [veld, header] of entries) {
    if (present.has(header)) {
      mapping[veld] = header;
      continue;
    }
    const replacement = fresh[veld];
    if (replacement !== undefined && !kept.has(replacement)) {
      mapping[veld] = replacement;
      kept.add(replacement);
      gewijzigd.push({ veld, was: header, nu: replacement });
    } else {
      ontbrekend.push({ veld, was: header });
    }
  }
  return { mapping, gewijzigd, ontbrekend };
}
