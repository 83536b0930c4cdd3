/**
 * Compares labels the way a person reads them: case, accents, punctuation and spacing do not
 * matter (`Geb.datum` = `geb datum`, `Beëindiging` = `beeindiging`).
 */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
