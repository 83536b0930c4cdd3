import { z } from 'zod';
import { DELIVERY_COLUMNS } from './deliveryRecord.ts';

export const DELIVERY_FILES = ['voorzieningen.csv', 'producten.csv', 'gebieden.csv', 'kwaliteit.csv'] as const;

/** The columns each file of a v1 delivery must have, exactly and in order. */
export const DELIVERY_FILE_COLUMNS: Record<(typeof DELIVERY_FILES)[number], readonly string[]> = {
  'voorzieningen.csv': DELIVERY_COLUMNS,
  'producten.csv': ['productcode', 'product', 'pijler', 'categorie', 'voorziening', 'leefdomein', 'financier'],
  'gebieden.csv': ['postcode', 'wijk', 'wijknaam', 'gebied'],
  'kwaliteit.csv': ['gegeven', 'controle', 'aantal', 'totaal', 'percentage', 'toelichting'],
};

const fileSummary = z.object({ rijen: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

/** `levering.json`: what the analyst edition trusts before it reads a single row. */
export const manifestSchema = z
  .object({
    formaat: z.literal('wijkmonitor-levering'),
    versie: z.literal(1),
    gemeentecode: z.string().regex(/^GM\d{4}$/),
    gemeentenaam: z.string(),
    periode: z.string().regex(/^\d{4}([QH][1-4])?$/),
    periode_begin: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    periode_eind: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    aangemaakt: z.string(),
    app_versie: z.string(),
    sleutel: z.string().regex(/^[0-9a-f]{16}$/),
    bestanden: z.object(Object.fromEntries(DELIVERY_FILES.map((f) => [f, fileSummary])) as Record<(typeof DELIVERY_FILES)[number], typeof fileSummary>).strict(),
    kwaliteit: z.record(z.string(), z.number()),
  })
  .strict();

export type DeliveryManifest = z.infer<typeof manifestSchema>;
