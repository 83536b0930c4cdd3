import type { ApiError } from '../shared/api.ts';
import { maskBsnRuns } from './privacy/bsnRuns.ts';

export type Location = NonNullable<ApiError['location']>;

/**
 * A failure the user can act on. The message is Dutch and is shown as is, so it must never
 * contain a BSN, name, address or birth date: name the file, row and column instead.
 */
export class UserError extends Error {
  readonly code: string;
  readonly location: Location | undefined;
  constructor(code: string, message: string, location?: Location) {
    // The last net under messages that quote a header or code from the data: no BSN-like run passes.
    super(maskBsnRuns(message));
    this.name = 'UserError';
    this.code = code;
    this.location = location?.column === undefined ? location : { ...location, column: maskBsnRuns(location.column) };
  }
}

/** Turns anything thrown into what may cross the boundary; internal details stay inside. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof UserError) {
    return error.location
      ? { code: error.code, message: error.message, location: error.location }
      : { code: error.code, message: error.message };
  }
  return {
    code: 'INTERNE_FOUT',
    message: 'Er ging intern iets mis. De gegevens zijn niet gewijzigd; probeer het opnieuw of neem contact op met de beheerder.',
  };
}
