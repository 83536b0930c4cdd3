import { useState } from 'react';
import { startupProblem } from '../../shared/startupProblem.ts';

/**
 * A store that cannot be opened: say which problem it is (corrupt, locked, read-only, too new),
 * what to do, offer to copy the message, change nothing.
 */
export function StartupError({ message, code }: { message: string; code?: string }) {
  const [copied, setCopied] = useState(false);
  const problem = startupProblem(code);
  return (
    <main className="startup-error" role="alert">
      <h1>Wijkmonitor kan niet starten</h1>
      <h2>{problem.titel}</h2>
      <p>{message}</p>
      <p>{problem.advies}</p>
      <button type="button" onClick={() => void navigator.clipboard.writeText(message).then(() => setCopied(true))}>
        Foutmelding kopiëren
      </button>
      {copied && <p role="status">De foutmelding is gekopieerd.</p>}
    </main>
  );
}
