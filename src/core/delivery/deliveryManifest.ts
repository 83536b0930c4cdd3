import { z } from 'zod';
import { DELIVERY_COLUMNS } from './deliveryRecord.ts';

export const DELIVERY_FILES = ['voorzieningen.csv', 'producten.csv', 'gebieden.csv', 'kwaliteit.csv'] as const;

/** Levering v2 = v1 plus this optional file (lasten/deliveryLasten.ts); its columns are defined there. */
export const LASTEN_FILE = 'lasten.csv';

/** The columns each file of a v1 delivery must have, exactly and in order. */
export const DELIVERY_FILE_COLUMNS: Record<(typeof DELIVERY_FILES)[number], readonly string[]> = {
  'voorzieningen.csv': DELIVERY_COLUMNS,
  'producten.csv': ['productcode', 'product', 'pijler', 'categorie', 'voorziening', 'leefdomein', 'financier'],
  'gebieden.csv': ['postcode', 'wijk', 'wijknaam', 'gebied'],
  'kwaliteit.csv': ['gegeven', 'controle', 'aantal', 'totaal', 'percentage', 'toelichting'],
};

const fileSummary = z.object({ rijen: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

const v1Files = z.object(Object.fromEntries(DELIVERY_FILES.map((f) => [f, fileSummary])) as Record<(typeof DELIVERY_FILES)[number], typeof fileSummary>);

/**
 * `levering.json`: what the analyst edition trusts before it reads a single row. Version 1 lists
 * the four files; version 2 also `lasten.csv`, which only version 2 may list and must.
 */
export const manifestSchema = z
  .object({
    formaat: z.literal('wijkmonitor-levering'),
    versie: z.union([z.literal(1), z.literal(2)]),
    gemeentecode: z.string().regex(/^GM\d{4}$/),
    gemeentenaam: z.string(),
    periode: z.string().regex(/^\d{4}([QH][1-4])?$/),
    periode_begin: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    periode_eind: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    aangemaakt: z.string(),
    app_versie: z.string(),
    sleutel: z.string().regex(/^[0-9a-f]{16}$/),
    bestanden: v1Files.extend({ [LASTEN_FILE]: fileSummary.optional() }).strict(),
    kwaliteit: z.record(z.string(), z.number()),
  })
  .strict()
  .refine((m) => (m.versie === 2) === (m.bestanden[LASTEN_FILE] !== undefined), { path: ['versie'], message: 'versie 2 lists lasten.csv, versie 1 does not' });

export type DeliveryManifest = z.infer<typeof manifestSchema>;
