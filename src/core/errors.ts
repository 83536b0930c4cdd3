import type { ApiError } from '../shared/api.ts';

export type Location = NonNullable<ApiError['location']>;

/**
 * A failure the user can act on. The message is Dutch and is shown as is, so it must never
 * contain a BSN, name, address or birth date: name the file, row and column instead.
 */
export class UserError extends Error {
  readonly code: string;
  readonly location: Location | undefined;
  constructor(code: string, message: string, location?: Location) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.location = location;
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
