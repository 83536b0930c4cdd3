import { useEffect, useState, type FormEvent } from 'react';
import type { AuditEntry, Settings } from '../../shared/api.ts';
import { api } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { editionLabels } from '../navigation.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { CentralSettings } from '../central/CentralSettings.tsx';

type Props = { settings: Settings; onSettingsChanged(settings: Settings): void };

export function SettingsScreen({ settings, onSettingsChanged }: Props) {
  const [log, setLog] = useState<AuditEntry[]>([]);
  const refreshLog = () => void api.audit.list({ limit: 50 }).then(setLog, () => setLog([]));
  useEffect(refreshLog, [settings]);

  return (
    <div className="settings">
      {/* The analist merges many gemeenten: it has no gemeente of its own to set. */}
      {settings.edition === 'gemeente' && <GemeenteForm settings={settings} onSaved={onSettingsChanged} />}
      {settings.edition === 'analist' && <CentralSettings settings={settings} onSaved={onSettingsChanged} />}
      <EditionSwitch settings={settings} onSwitched={onSettingsChanged} />
      <AuditLog entries={log} onExported={refreshLog} />
    </div>
  );
}

function GemeenteForm({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const [code, setCode] = useState(settings.gemeenteCode ?? '');
  const [naam, setNaam] = useState(settings.gemeenteNaam ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    api.settings.setGemeente({ code, naam }).then(
      (next) => {
        setError(null);
        setSaved(true);
        onSaved(next);
      },
      (failure: unknown) => setError(failure),
    );
  };

  return (
    <section className="panel" aria-labelledby="gemeente-title">
      <h2 id="gemeente-title">Gemeente</h2>
      <form onSubmit={submit} noValidate>
        <label>
          Gemeentecode (CBS)
          <input name="code" value={code} onChange={(e) => setCode(e.target.value)} placeholder="GM0392" aria-invalid={error !== null} autoComplete="off" spellCheck={false} />
        </label>
        <label>
          Naam
          <input name="naam" value={naam} onChange={(e) => setNaam(e.target.value)} placeholder="Haarlem" autoComplete="off" />
        </label>
        <button type="submit">Opslaan</button>
      </form>
      <ErrorMessage error={error} />
      {saved && <p role="status" className="ok">De gemeente is opgeslagen.</p>}
    </section>
  );
}

function EditionSwitch({ settings, onSwitched }: { settings: Settings; onSwitched(settings: Settings): void }) {
  const [error, setError] = useState<unknown>(null);
  const other = settings.edition === 'analist' ? 'gemeente' : 'analist';
  const switchEdition = () => {
    if (!window.confirm(`Overschakelen naar de ${editionLabels[other].toLowerCase()}? Opgeslagen gegevens blijven bewaard.`)) return;
    api.settings.setEdition({ edition: other }).then((next) => {
      location.hash = '';
      onSwitched(next);
    }, setError);
  };
  return (
    <section className="panel" aria-labelledby="edition-switch-title">
      <h2 id="edition-switch-title">Editie</h2>
      <p>
        In gebruik: <strong>{settings.edition ? editionLabels[settings.edition] : 'nog niet gekozen'}</strong>
      </p>
      <button type="button" className="secondary" onClick={switchEdition}>
        Overschakelen naar de {editionLabels[other].toLowerCase()}
      </button>
      <ErrorMessage error={error} />
    </section>
  );
}

function AuditLog({ entries, onExported }: { entries: AuditEntry[]; onExported(): void }) {
  const [error, setError] = useState<unknown>(null);
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const exportLog = () => {
    setSavedTo(null);
    api.audit.export().then((result) => {
      setError(null);
      if (result.saved) {
        setSavedTo(result.path);
        onExported();
      }
    }, setError);
  };
  return (
    <section className="panel" aria-labelledby="log-title">
      <h2 id="log-title">Logboek</h2>
      <p>Wat er op deze computer met Wijkmonitor is gedaan. Het logboek bevat geen persoonsgegevens.</p>
      {entries.length === 0 ? (
        <p className="empty">Nog geen handelingen vastgelegd.</p>
      ) : (
        <table className="log">
          <thead>
            <tr>
              <th scope="col" className="nowrap">Tijdstip</th>
              <th scope="col">Handeling</th>
              <th scope="col">Waarop</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="nowrap">{formatDateTime(entry.at)}</td>
                <td>{entry.action}</td>
                <td>{describeDetails(entry.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="secondary" onClick={exportLog}>
        Logboek opslaan als CSV…
      </button>
      <ErrorMessage error={error} />
      {savedTo && <p role="status" className="ok">Opgeslagen in {savedTo}</p>}
    </section>
  );
}

/** Which product, wijk, file or period an entry concerns, in words: "productcode 01A01, voorziening WMO-01". */
const detailNames: Record<string, string> = {
  bestand: 'bestand',
  periode: 'periode',
  rijen: 'rijen',
  productcode: 'productcode',
  voorziening: 'voorziening',
  postcode: 'postcode',
  wijk: 'wijk',
  producten: 'producten',
  nieuw: 'nieuw',
  gewijzigd: 'gewijzigd',
  vervallen: 'vervallen',
  postcodes: 'postcodes',
  sleutel: 'sleutel',
  gemeentecode: 'gemeente',
  editie: 'editie',
  regels: 'regels',
  naam: 'naam',
  // The analyst edition's log (central intake, akkoord, reference data).
  gemeente: 'gemeente',
  versie: 'versie',
  door: 'door',
  reden: 'reden',
  soort: 'soort',
  jaar: 'jaar',
  bron: 'bron',
  vervangt: 'vervangt',
};

/** Numbers that name something (a year, a version) rather than count it: never "2.026". */
const labelNumbers = new Set(['jaar', 'versie', 'vervangt']);

export function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([key, value]) => key in detailNames && (typeof value === 'string' || typeof value === 'number'))
    .map(([key, value]) => `${detailNames[key]} ${typeof value === 'number' && !labelNumbers.has(key) ? new Intl.NumberFormat('nl-NL').format(value) : String(value)}`)
    .join(', ');
}
