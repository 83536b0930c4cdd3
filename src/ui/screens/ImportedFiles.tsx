import { useState } from 'react';
import type { ImportedFile } from '../../shared/api.ts';
import { api } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

const number = new Intl.NumberFormat('nl-NL');

type Pending = { file: ImportedFile; then: 'verwijderen' | 'opnieuw' };

/**
 * The exports already in the store, per period, each with a way back: remove it (after a
 * confirmation) or remove it and read it again with other settings (period, mapping).
 */
export function ImportedFiles({ files, onChange, onReread }: { files: ImportedFile[]; onChange(files: ImportedFile[]): void; onReread(file: ImportedFile): void }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const periods = [...new Set(files.map((f) => f.periode))];
  const remove = ({ file, then }: Pending) => {
    setError(null);
    api.import.remove({ id: file.id }).then((next) => {
      setPending(null);
      onChange(next);
      setDone(`${file.bestand} (${file.periode}) is verwijderd: ${number.format(file.rijenIngelezen)} rijen en hun bevindingen. Dit staat in het logboek.`);
      if (then === 'opnieuw') onReread(file);
    }, setError);
  };
  return (
    <section className="panel wide" aria-labelledby="imported-title" data-testid="imported-files">
      <h2 id="imported-title">Ingelezen bestanden</h2>
      {files.length === 0 ? (
        <p className="muted">Nog geen export ingelezen.</p>
      ) : (
        periods.map((periode) => (
          <table key={periode} className="log">
            <caption>Periode {periode}</caption>
            <thead>
              <tr>
                <th scope="col">Bestand</th>
                <th scope="col" className="num">Rijen gelezen</th>
                <th scope="col" className="num">Ingelezen</th>
                <th scope="col" className="num">Uitgesloten</th>
                <th scope="col">Koppelprofiel</th>
                <th scope="col">Ingelezen op</th>
                <th scope="col">
                  <span className="visually-hidden">Acties</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {files
                .filter((f) => f.periode === periode)
                .map((f) => (
                  <tr key={f.id}>
                    <th scope="row">{f.bestand}</th>
                    <td className="num">{number.format(f.rijenGelezen)}</td>
                    <td className="num">{number.format(f.rijenIngelezen)}</td>
                    <td className="num">{number.format(f.rijenUitgesloten)}</td>
                    <td>{f.profiel}</td>
                    <td>{formatDateTime(f.ingelezen)}</td>
                    <td className="actions">
                      <button type="button" className="secondary" aria-label={`${f.bestand} (${f.periode}) verwijderen`} onClick={() => setPending({ file: f, then: 'verwijderen' })}>
                        Verwijderen
                      </button>{' '}
                      <button type="button" className="secondary" aria-label={`${f.bestand} (${f.periode}) opnieuw inlezen met andere instellingen`} onClick={() => setPending({ file: f, then: 'opnieuw' })}>
                        Opnieuw inlezen met andere instellingen
                      </button>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        ))
      )}
      {pending && (
        <div className="warning" role="alertdialog" aria-labelledby="remove-question" data-testid="remove-confirmation">
          <p id="remove-question">
            {pending.file.bestand} (periode {pending.file.periode}) verwijderen? De {number.format(pending.file.rijenIngelezen)} ingelezen rijen en hun bevindingen worden uit Wijkmonitor gehaald
            {pending.then === 'opnieuw' ? '; daarna kiest u het bestand opnieuw en leest u het in met de juiste periode en koppeling.' : '. Het bestand zelf blijft staan.'}
          </p>
          <button type="button" onClick={() => remove(pending)} autoFocus>
            Ja, verwijderen
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setPending(null)}>
            Nee, bewaren
          </button>
        </div>
      )}
      {done && !pending && (
        <p className="ok" role="status">
          {done}
        </p>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
