import { useEffect, useState, type FormEvent } from 'react';
import type { CentralThreshold, Settings } from '../../shared/api.ts';
import { api } from '../api.ts';
import { ErrorMessage } from '../screens/ErrorMessage.tsx';

const number = new Intl.NumberFormat('nl-NL');

/** The analyst edition's own settings: its organisation, and the rules it applies. */
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
      <section className="panel" aria-labelledby="thresholds-title">
        <h2 id="thresholds-title">Drempels</h2>
        <p>Zo past deze versie de regels toe. Ze zijn vast: de onderdrukking van kleine aantallen is de afspraak van het project en niet per installatie te verlagen.</p>
        <table className="log" data-testid="thresholds">
          <tbody>
            {thresholds.map((t) => (
              <tr key={t.naam}>
                <th scope="row">{t.naam}</th>
                <td className="num nowrap">
                  {number.format(t.waarde)} {t.eenheid}
                </td>
                <td>{t.uitleg}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
