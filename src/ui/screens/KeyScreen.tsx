import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { KeyStatus } from '../../shared/api.ts';
import { api } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

/** As the core's .wmkey writer requires (src/core/pseudonym/keyFile.ts); the core checks it again. */
const MIN_PASSPHRASE_LENGTH = 12;

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
  const [asking, setAsking] = useState(false);
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
        <button type="button" onClick={() => setAsking(true)} disabled={busy || asking}>
          Sleutel aanmaken
        </button>
        {asking && (
          <div className="warning" role="alertdialog" aria-labelledby="new-key-question" aria-describedby="new-key-why">
            <p id="new-key-question">Een nieuwe sleutel aanmaken?</p>
            <p id="new-key-why">
              Dit maakt eerdere leveringen onvergelijkbaar: de pseudoniemen van een nieuwe sleutel zijn niet te koppelen aan die van eerdere
              kwartalen. Heeft de gemeente al eens geleverd, zet dan de sleutel terug uit de back-up (hieronder).
            </p>
            <button type="button" onClick={create} disabled={busy} aria-busy={busy} autoFocus>
              Ja, nieuwe sleutel aanmaken
            </button>{' '}
            <button type="button" className="secondary" onClick={() => setAsking(false)} disabled={busy}>
              Nee
            </button>
          </div>
        )}
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
  // Checked here, before the save dialog opens: the user should not pick a place for a file that is then refused.
  const [tooShort, setTooShort] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  const [checkError, setCheckError] = useState<unknown>(null);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const short = [...passphrase].length < MIN_PASSPHRASE_LENGTH;
    setTooShort(short);
    setMismatch(!short && passphrase !== repeat);
    setSavedTo(null);
    if (short || passphrase !== repeat) return;
    setError(null);
    api.key.backup({ passphrase }).then((result) => {
      if (result.saved) setSavedTo(result.path);
      setPassphrase('');
      setRepeat('');
    }, setError);
  };
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    setCheckError(null);
    api.key.confirmBackup({ passphrase: check }).then((next) => {
      setCheck('');
      onChanged(next);
    }, setCheckError);
  };

  return (
    <section className="panel" aria-labelledby="backup-title">
      <h2 id="backup-title">Back-up</h2>
      <p>1. Sla de sleutel op als beveiligd bestand (.wmkey), bijvoorbeeld op een USB-stick die de gemeente veilig bewaart.</p>
      <form onSubmit={save} noValidate>
        <div className="field">
          <label>
            Nieuwe wachtwoordzin voor de back-up (minstens {MIN_PASSPHRASE_LENGTH} tekens)
            <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" aria-invalid={tooShort} aria-describedby={tooShort ? 'passphrase-error' : undefined} />
          </label>
          {tooShort && (
            <p className="error" role="alert" id="passphrase-error">
              Kies een wachtwoordzin van minstens {MIN_PASSPHRASE_LENGTH} tekens; deze heeft er {[...passphrase].length}.
            </p>
          )}
        </div>
        <div className="field">
          <label>
            Herhaal de nieuwe wachtwoordzin
            <input type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)} autoComplete="new-password" aria-invalid={mismatch} aria-describedby={mismatch ? 'repeat-error' : undefined} />
          </label>
          {mismatch && (
            <p className="error" role="alert" id="repeat-error">
              De twee wachtwoordzinnen verschillen.
            </p>
          )}
        </div>
        <button type="submit">Back-up opslaan…</button>
      </form>
      <ErrorMessage error={error} />
      {savedTo && (
        <p className="ok" role="status">
          Back-up opgeslagen in {savedTo}
        </p>
      )}
      <p>2. Controleer de back-up: kies het bestand en vul de wachtwoordzin in. Er wordt niets gewijzigd; alleen gecontroleerd.</p>
      <form onSubmit={confirm} noValidate>
        <label>
          Wachtwoordzin van de back-up, om te controleren
          <input type="password" value={check} onChange={(e) => setCheck(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" className="secondary">
          Back-up kiezen en controleren…
        </button>
      </form>
      <ErrorMessage error={checkError} />
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
          Wachtwoordzin van de back-up, om terug te zetten
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
