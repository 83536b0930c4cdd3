import type { Cell } from '../../values/cell.ts';
import { normaliseLabel } from '../../classification/normaliseLabel.ts';
import type { FieldDefinition } from '../../resources/referenceTables.ts';
import { isPersonalHeader } from '../../privacy/personalData.ts';
import { FREE_TEXT_FIELDS, type ColumnMapping, type ImportField } from './fields.ts';

/** Per kind of field (`soort` in kolomnamen.csv): does this cell hold such a value? */
export type ValueCheckers = Record<string, (cell: Cell) => boolean>;

export type ColumnSuggestion = {
  veld: ImportField;
  kolom: string;
  /** 0–1: how sure the suggestion is, from the header's name and the column's values together. */
  zekerheid: number;
};

const THRESHOLD = 0.45;

/**
 * Proposes which export column feeds which field. A header's name makes a field a candidate;
 * the column's sample values then confirm or refute it, so an "Aanbieder" column full of 8-digit
 * codes becomes the AGB code and one full of names the aanbieder's name.
 */
export function suggestMapping(
  headers: readonly string[],
  sample: readonly (readonly Cell[])[],
  fields: readonly FieldDefinition[],
  checkers: ValueCheckers,
): { mapping: ColumnMapping; suggestions: ColumnSuggestion[] } {
  const byName = new Map(fields.map((f) => [f.veld, f]));
  const candidates: ColumnSuggestion[] = [];
  headers.forEach((header, column) => {
    const values = sample.map((row) => row[column] ?? null).filter((cell) => cell !== null && String(cell).trim() !== '');
    const personal = isPersonalHeader(header);
    for (const field of fields) {
      // Never proposed: the record builder refuses it (a name would be delivered as text).
      if (personal && FREE_TEXT_FIELDS.includes(field.veld as ImportField)) continue;
      const nameScore = Math.max(
        headerScore(header, field),
        ...field.verwant.map((related) => 0.9 * headerScore(header, byName.get(related)!)),
      );
      if (nameScore === 0) continue;
      const checker = checkers[field.soort];
      const valueScore = values.length === 0 || !checker ? 0.5 : values.filter(checker).length / values.length;
      candidates.push({ veld: field.veld as ImportField, kolom: header, zekerheid: round(nameScore * (0.3 + 0.7 * valueScore)) });
    }
  });

  candidates.sort((a, b) => b.zekerheid - a.zekerheid);
  const mapping: ColumnMapping = {};
  const usedHeaders = new Set<string>();
  const suggestions: ColumnSuggestion[] = [];
  for (const candidate of candidates) {
    if (candidate.zekerheid < THRESHOLD || mapping[candidate.veld] !== undefined || usedHeaders.has(candidate.kolom)) continue;
    mapping[candidate.veld] = candidate.kolom;
    usedHeaders.add(candidate.kolom);
    suggestions.push(candidate);
  }
  return { mapping, suggestions };
}

/** 1 for a known synonym; 0.6 when the header contains one as whole words (`BSN cliënt (nieuw)`). */
function headerScore(header: string, field: FieldDefinition): number {
  const label = normaliseLabel(header);
  if (label === '') return 0;
  const synonyms = [field.veld.replace('_', ' '), ...field.synoniemen].map(normaliseLabel);
  if (synonyms.includes(label)) return 1;
  const padded = ` ${label} `;
  return synonyms.some((s) => s.length >= 3 && padded.includes(` ${s} `)) ? 0.6 : 0;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
