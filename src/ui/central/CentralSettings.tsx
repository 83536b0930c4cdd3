import { useEffect, useState, type FormEvent } from 'react';
import type { CentralThreshold, Settings } from '../../shared/api.ts';
import { api, ApiCallError } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { ErrorMessage } from '../screens/ErrorMessage.tsx';
import { formatDutchNumber, parseDutchNumber } from './dutchNumber.ts';

/** The analyst edition's own settings: its organisation, and the thresholds it applies. */
export function CentralSettings({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const [naam, setNaam] = useState(settings.organisatieNaam ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [thresholds, setThresholds] = useState<CentralThreshold[]>([]);
  useEffect(() => void api.central.thresholds().then(setThresholds, setError), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    api.settings.setOrganisatie({ naam }).then(
      (next) => {
        setError(null);
        setSaved(true);
        onSaved(next);
      },
      (failure: unknown) => setError(failure),
    );
  };
  const group = (g: CentralThreshold['groep']) => thresholds.filter((t) => t.groep === g).map((t) => <ThresholdForm key={t.code} threshold={t} onChanged={setThresholds} />);
  return (
    <>
      <section className="panel" aria-labelledby="organisation-title">
        <h2 id="organisation-title">Centrale organisatie</h2>
        <p>De organisatie die de leveringen van de gemeenten samenvoegt en de benchmark maakt.</p>
        <form onSubmit={submit} noValidate>
          <label>
            Naam van de centrale organisatie
            <input name="organisatie" value={naam} onChange={(e) => setNaam(e.target.value)} placeholder="Regionaal onderzoeksbureau" autoComplete="off" aria-invalid={error !== null} />
          </label>
          <button type="submit">Opslaan</button>
        </form>
        <ErrorMessage error={error} />
        {saved && (
          <p role="status" className="ok">
            De naam van de centrale organisatie is opgeslagen.
          </p>
        )}
      </section>
      <section className="panel wide" aria-labelledby="thresholds-publicatie" data-testid="thresholds">
        <h2 id="thresholds-publicatie">Drempels voor publicatie</h2>
        <p className="note" role="note">
          Deze drempels kunnen alleen strenger dan de afspraak van het project. Een strengere drempel geldt vanaf de volgende export (cijfers, pakketten, benchmarkbestand); wat al geschreven is, blijft zoals het is.
        </p>
        {group('publicatie')}
      </section>
      <section className="panel wide" aria-labelledby="thresholds-groepen">
        <h2 id="thresholds-groepen">Referentiegroepen</h2>
        {group('referentiegroepen')}
      </section>
      <section className="panel wide" aria-labelledby="thresholds-plausibiliteit">
        <h2 id="thresholds-plausibiliteit">Plausibiliteit van leveringen</h2>
        <p>De drempels van de terugkoppeling aan de gemeente (standaard uit de tabel plausibiliteit.csv). Ze gelden bij de volgende terugkoppeling.</p>
        {group('plausibiliteit')}
      </section>
    </>
  );
}

/** One threshold: its value in nl-NL, save, back to the default, and undo of the last change. */
function ThresholdForm({ threshold: t, onChanged }: { threshold: CentralThreshold; onChanged(all: CentralThreshold[]): void }) {
  const [text, setText] = useState(formatDutchNumber(t.waarde));
  const [error, setError] = useState<unknown>(null);
  // The value before the last change here (null: it was the default), to set it back.
  const [undo, setUndo] = useState<{ van: number; standaard: boolean } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setText(formatDutchNumber(t.waarde)), [t.waarde]);

  const apply = (waarde: number | null, after: (next: CentralThreshold) => void) => {
    setError(null);
    setMessage(null);
    api.central.setThreshold({ code: t.code, waarde }).then((all) => {
      onChanged(all);
      after(all.find((n) => n.code === t.code)!);
    }, setError);
  };
  const change = (waarde: number | null) => {
    const before = { van: t.waarde, standaard: t.gewijzigd === null };
    apply(waarde, (next) => {
      if (next.waarde === before.van) return setMessage(`Ongewijzigd: ${formatDutchNumber(next.waarde)} ${t.eenheid}.`);
      setUndo(before);
      setMessage(`Opgeslagen: ${formatDutchNumber(next.waarde)} ${t.eenheid} (was ${formatDutchNumber(before.van)}).`);
    });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const waarde = parseDutchNumber(text);
    if (waarde === null) return setError(new ApiCallError({ code: 'ONGELDIGE_INVOER', message: `${t.naam}: '${text.trim().slice(0, 40)}' is geen getal (bijvoorbeeld ${formatDutchNumber(t.standaard)}).` }));
    change(waarde);
  };
  const revert = () => {
    if (!undo) return;
    apply(undo.standaard ? null : undo.van, (next) => {
      setUndo(null);
      setMessage(`Teruggezet op ${formatDutchNumber(next.waarde)} ${t.eenheid}.`);
    });
  };
  const inputId = `drempel-${t.code}`;
  return (
    <form className="threshold" onSubmit={submit} noValidate aria-labelledby={`${inputId}-naam`} data-testid={inputId}>
      <h3 id={`${inputId}-naam`}>{t.naam}</h3>
      <div className="run">
        <label>
          Waarde ({t.eenheid})
          <input id={inputId} inputMode="decimal" className="narrow" value={text} onChange={(e) => setText(e.target.value)} aria-invalid={error !== null} aria-describedby={`${inputId}-uitleg`} autoComplete="off" />
        </label>
        <button type="submit">Drempel opslaan</button>
        <button type="button" className="secondary" disabled={t.gewijzigd === null} onClick={() => change(null)}>
          Standaard herstellen ({formatDutchNumber(t.standaard)})
        </button>
        {undo && (
          <button type="button" className="secondary" onClick={revert}>
            Ongedaan maken
          </button>
        )}
      </div>
      <p className="definition" id={`${inputId}-uitleg`}>
        {t.uitleg} {t.gewijzigd === null ? 'Dit is de standaardwaarde.' : `Gewijzigd op ${formatDateTime(t.gewijzigd)}; standaard ${formatDutchNumber(t.standaard)} ${t.eenheid}.`}
        {` Toegestaan: ${formatDutchNumber(t.min)} tot en met ${formatDutchNumber(t.max)} ${t.eenheid}.`}
      </p>
      <ErrorMessage error={error} />
      {message && (
        <p className="ok" role="status">
          {message}
        </p>
      )}
    </form>
  );
}
