import type { QualitySeverity } from './api.ts';

/** Each severity of the quality report in a word, most serious first: on screen and in the workbook alike. */
export const SEVERITY_WORDS: readonly { ernst: QualitySeverity; woord: string }[] = [
  { ernst: 'uitgesloten', woord: 'Ernstig' },
  { ernst: 'ongeldig', woord: 'Fout' },
  { ernst: 'onwaarschijnlijk', woord: 'Let op' },
  { ernst: 'informatie', woord: 'Ter informatie' },
  { ernst: 'vulgraad', woord: 'Vulgraad' },
];

export const severityWord = (ernst: QualitySeverity): string => SEVERITY_WORDS.find((s) => s.ernst === ernst)?.woord ?? ernst;
