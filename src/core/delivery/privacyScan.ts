import { passesElfproef } from '../pseudonym/bsn.ts';
import { UserError } from '../errors.ts';

/**
 * The last gate before anything leaves the laptop: it refuses (never merely warns) when a field
 * could be a BSN. A whole 9-digit value passing the 11-proef is refused outright; with the input's
 * BSNs at hand, so is any value equal to one of them, also without its leading zeros while at
 * least 7 digits remain (how Excel shows a BSN that lost its zero).
 */
export type PrivacyScan = {
  check(value: string | number, where: { file: string; row: number; column: string }): void;
};

export function createPrivacyScan(inputBsns?: ReadonlySet<number>): PrivacyScan {
  return {
    check(value, where) {
      const text = typeof value === 'number' ? String(value) : value;
      const length = text.length;
      if (length < 7 || length > 9 || !/^\d+$/.test(text)) return;
      const looksLikeBsn = (length === 9 && passesElfproef(text)) || inputBsns?.has(Number(text)) === true;
      if (looksLikeBsn) {
        throw new UserError(
          'PRIVACYSCAN',
          `Levering geweigerd door de privacycontrole: ${where.file}, rij ${where.row}, kolom ${where.column} bevat een getal dat een BSN kan zijn. ` +
            'Controleer welke exportkolom aan dit veld is gekoppeld; er is geen bestand geschreven.',
          where,
        );
      }
    },
  };
}

/** The numeric forms under which an input BSN could reappear, for `createPrivacyScan`. */
export function addInputBsn(set: Set<number>, bsn9: string): void {
  // As a number, "012345678" and "12345678" are the same key, which is exactly the point.
  set.add(Number(bsn9));
}
