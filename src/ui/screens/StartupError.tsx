import { useState } from 'react';

/** A store that cannot be opened (e.g. from a newer version): say why, offer to copy it, change nothing. */
export function StartupError({ message }: { message: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <main className="startup-error" role="alert">
      <h1>Wijkmonitor kan niet starten</h1>
      <p>{message}</p>
      <button type="button" onClick={() => void navigator.clipboard.writeText(message).then(() => setCopied(true))}>
        Foutmelding kopiëren
      </button>
      {copied && <p role="status">De foutmelding is gekopieerd.</p>}
    </main>
  );
}
