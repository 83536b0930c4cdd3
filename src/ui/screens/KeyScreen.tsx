import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { KeyStatus } from '../../shared/api.ts';
import { api } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

/**
 * The gemeente's pseudonymisation key: made once, kept by the operating system's key store, and
 * only trusted once a backup has been proven readable — losing the key breaks the link between
 * quarters, so this screen keeps asking until that is done.
 */
export function KeyScreen() {
  const [status, setStatus] = useState<KeyStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Set when the key was just made or restored here: the button pressed for it is gone.
  const [arrived, setArrived] = useState(false);
  useEffect(() => void api.key.status().then(setStatus, setError), []);
  if (!status) return <ErrorMessage error={error} />;
  return status.vingerafdruk === null ? (
    <NoKey
      onChanged={(next) => {
        setArrived(true);
        setStatus(next);
      }}
    />
  ) : (
    <KeyPresent status={status} onChanged={setStatus} focusTitle={arrived} />
  );
}

function NoKey({ onChanged }: { onChanged(status: KeyStatus): void }) {
  const [error, setError] = useState<unknown>(null);
  // One creation at a time: a double click must not start a second one. The ref guards clicks
  // that arrive before React has re-rendered the button as disabled.
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const create = () => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    api.key.create().then(onChanged, (failure: unknown) => {
      setError(failure);
      running.current = false;
      setBusy(false);
    });
  };
  return (
    <>
      <section className="panel" aria-labelledby="new-key-title">
        <h2 id="new-key-title">Nieuwe sleutel</h2>
        <p>
          Met de sleutel worden BSN’s en adressen op deze laptop vervangen door pseudoniemen. De sleutel verlaat de laptop nooit, behalve als
          beveiligde back-up die u zelf maakt. Maak alleen een nieuwe sleutel als de gemeente nog nooit heeft geleverd.
        </p>
        <button type="button" onClick={create} disabled={busy} aria-busy={busy}>
          Sleutel aanmaken
        </button>
        <ErrorMessage error={error} />
      </section>
      <RestorePanel hasKey={false} onChanged={onChanged} />
    </>
  );
}

function KeyPresent({ status, onChanged, focusTitle }: { status: KeyStatus; onChanged(status: KeyStatus): void; focusTitle: boolean }) {
  const otherKeys = status.leveringen.filter((l) => l.sleutel !== status.vingerafdruk);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) heading.current?.focus();
  }, []);
  return (
    <>
      <section className="panel" aria-labelledby="key-title">
        <h2 id="key-title" tabIndex={-1} ref={heading}>
          Sleutel van deze laptop
        </h2>
        <dl className="facts">
          <dt>Vingerafdruk</dt>
          <dd className="mono" data-testid="fingerprint">
            {status.vingerafdruk}
          </dd>
          <dt>Aangemaakt of teruggezet</dt>
          <dd>{status.aangemaakt ? formatDateTime(status.aangemaakt) : '—'}</dd>
          <dt>Back-up</dt>
          <dd data-testid="backup-status">{status.backupBevestigd ? `gecontroleerd op ${formatDateTime(status.backupBevestigd)}` : 'nog niet gecontroleerd'}</dd>
        </dl>
        {!status.backupBevestigd && (
          <p className="warning" role="status">
            Maak nu een back-up en controleer die. Zonder back-up zijn leveringen na verlies of vervanging van deze laptop niet meer aan
            eerdere kwartalen te koppelen.
          </p>
        )}
        {otherKeys.length > 0 && (
          <p className="warning" role="status">
            Eerdere leveringen gebruikten een andere sleutel ({otherKeys.map((l) => l.sleutel).join(', ')}). Pseudoniemen van verschillende
            sleutels zijn niet aan elkaar te koppelen; zet zo mogelijk de sleutel van die leveringen terug.
          </p>
        )}
      </section>
      <BackupPanel onChanged={onChanged} />
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">Sleutels van eerdere leveringen</h2>
        {status.leveringen.length === 0 ? (
          <p className="empty">Nog geen leveringen gemaakt.</p>
        ) : (
          <table className="log">
            <thead>
              <tr>
                <th scope="col">Vingerafdruk</th>
                <th scope="col">Laatste periode</th>
                <th scope="col" className="num">Leveringen</th>
              </tr>
            </thead>
            <tbody>
              {status.leveringen.map((l) => (
                <tr key={l.sleutel}>
                  <td className="mono">{l.sleutel}</td>
                  <td>{l.laatstePeriode}</td>
                  <td className="num">{l.aantal}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <RestorePanel hasKey onChanged={onChanged} />
    </>
  );
}

function BackupPanel({ onChanged }: { onChanged(status: KeyStatus): void }) {
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [check, setCheck] = useState('');
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);

  const save = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(passphrase !== repeat);
    if (passphrase !== repeat) return;
    setError(null);
    api.key.backup({ passphrase }).then((result) => {
      if (result.saved) setSavedTo(result.path);
      setPassphrase('');
      setRepeat('');
    }, setError);
  };
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    api.key.confirmBackup({ passphrase: check }).then((next) => {
      setCheck('');
      onChanged(next);
    }, setError);
  };

  return (
    <section className="panel" aria-labelledby="backup-title">
      <h2 id="backup-title">Back-up</h2>
      <p>1. Sla de sleutel op als beveiligd bestand (.wmkey), bijvoorbeeld op een USB-stick die de gemeente veilig bewaart.</p>
      <form onSubmit={save} noValidate>
        <label>
          Wachtwoordzin (minstens 12 tekens)
          <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" />
        </label>
        <label>
          Herhaal wachtwoordzin
          <input type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)} autoComplete="new-password" aria-invalid={mismatch} />
        </label>
        <button type="submit">Back-up opslaan…</button>
      </form>
      {mismatch && (
        <p className="error" role="alert">
          De twee wachtwoordzinnen verschillen.
        </p>
      )}
      {savedTo && (
        <p className="ok" role="status">
          Back-up opgeslagen in {savedTo}
        </p>
      )}
      <p>2. Controleer de back-up: kies het bestand en vul de wachtwoordzin in. Er wordt niets gewijzigd; alleen gecontroleerd.</p>
      <form onSubmit={confirm} noValidate>
        <label>
          Wachtwoordzin van de back-up
          <input type="password" value={check} onChange={(e) => setCheck(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" className="secondary">
          Back-up kiezen en controleren…
        </button>
      </form>
      <ErrorMessage error={error} />
    </section>
  );
}

function RestorePanel({ hasKey, onChanged }: { hasKey: boolean; onChanged(status: KeyStatus): void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<unknown>(null);
  const restore = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const vervangen =
      hasKey && window.confirm('Deze laptop heeft al een sleutel. Vervangen door de sleutel uit de back-up? Pseudoniemen van de huidige sleutel zijn daarna niet meer te maken.');
    if (hasKey && !vervangen) return;
    api.key.restore({ passphrase, vervangen }).then((next) => {
      setPassphrase('');
      onChanged(next);
    }, setError);
  };
  return (
    <section className="panel" aria-labelledby="restore-title">
      <h2 id="restore-title">Sleutel terugzetten</h2>
      <p>Nieuwe laptop? Zet de sleutel terug uit de back-up, zodat leveringen aansluiten op eerdere kwartalen.</p>
      <form onSubmit={restore} noValidate>
        <label>
          Wachtwoordzin van de back-up
          <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" className="secondary">
          Back-upbestand kiezen en terugzetten…
        </button>
      </form>
      <ErrorMessage error={error} />
    </section>
  );
}
