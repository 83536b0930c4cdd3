import { useEffect, useRef } from 'react';
import { ApiCallError } from '../api.ts';

/**
 * Shows the core's Dutch message; anything unexpected gets a neutral sentence, never a stack. It
 * is announced (role alert) and brought into view, since it may appear below a long table.
 */
export function ErrorMessage({ error }: { error: unknown }) {
  const paragraph = useRef<HTMLParagraphElement>(null);
  const message = error === null || error === undefined ? null : error instanceof ApiCallError ? error.message : 'Er ging iets mis. Probeer het opnieuw.';
  useEffect(() => {
    // In a block: Chromium's scrollIntoView now returns a promise, which React would take for a cleanup.
    if (message !== null) void paragraph.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  if (message === null) return null;
  return (
    <p className="error" role="alert" ref={paragraph}>
      {message}
    </p>
  );
}
