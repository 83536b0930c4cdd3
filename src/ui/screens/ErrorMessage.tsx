import { ApiCallError } from '../api.ts';

/** Shows the core's Dutch message; anything unexpected gets a neutral sentence, never a stack. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  const message = error instanceof ApiCallError ? error.message : 'Er ging iets mis. Probeer het opnieuw.';
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
