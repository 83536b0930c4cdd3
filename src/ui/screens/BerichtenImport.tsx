import { useEffect, useState } from 'react';
import type { BerichtenPreview, ChosenFile, ImportResult } from '../../shared/api.ts';
import { api } from '../api.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

const number = new Intl.NumberFormat('nl-NL');
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

/**
 * Importeren, second source: iWmo/iJw 3.2 messages of the berichtenverkeer (.xml or a zip of
 * them). The preview lists the voorzieningen the messages give — never a client or an address —
 * and the problems per file and element, before anything is stored.
 */
export function BerichtenImport({ dropped, onImported }: { dropped: readonly ChosenFile[]; onImported?: () => void }) {
  const [files, setFiles] = useState<ChosenFile[]>([]);
  // Messages dropped on the screen's drop zone join those chosen here.
  useEffect(() => {
    if (dropped.length === 0) return;
    setFiles((known) => [...known, ...dropped.filter((d) => !known.some((k) => k.id === d.id))]);
    setPreview(null);
    setResult(null);
  }, [dropped]);
  const [periode, setPeriode] = useState('');
  const [preview, setPreview] = useState<BerichtenPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ids = files.map((f) => f.id);

  const choose = () => {
    setError(null);
    api.import.chooseBerichten().then((chosen) => {
      setFiles((known) => [...known, ...chosen]);
      setPreview(null);
      setResult(null);
    }, setError);
  };
  const look = () => {
    setError(null);
    setBusy(true);
    api.import
      .berichtenPreview({ bestandIds: ids, periode })
      .then(setPreview, setError)
      .finally(() => setBusy(false));
  };
  const run = () => {
    setError(null);
    setBusy(true);
    api.import
      .berichtenRun({ jobId: `berichten-${Date.now()}`, bestandIds: ids, periode })
      .then((result) => {
        setResult(result);
        // The messages are one more import of the period: the list of imported files shows it.
        onImported?.();
      }, setError)
      .finally(() => setBusy(false));
  };

  return (
    <section className="panel wide" aria-labelledby="berichten-title" data-testid="berichten-import">
      <h2 id="berichten-title">Berichten (iWmo / iJw)</h2>
      <p>
        Geen export van het cliëntsysteem? Kies de berichten van het berichtenverkeer (iWmo en iJw 3.2: toewijzing, start, stop en declaratie), als
        .xml-bestanden, als zip-archief of als map (slepen naar het vak hierboven). Uit de berichten worden de voorzieningen opgebouwd; BSN’s worden direct gepseudonimiseerd.
      </p>
      <p>
        <button type="button" onClick={choose}>
          Berichten kiezen…
        </button>
      </p>
      {files.length > 0 && (
        <>
          <ul className="file-list">
            {files.map((f) => (
              <li key={f.id}>
                {f.naam} ({number.format(Math.round(f.grootte / 1024))} kB)
              </li>
            ))}
          </ul>
          <label>
            Periode van de berichten <input value={periode} onChange={(e) => setPeriode(e.target.value)} placeholder="2026Q3" />
          </label>{' '}
          <button type="button" className="secondary" onClick={look} disabled={busy || periode.trim() === ''}>
            Voorbeeld van de berichten
          </button>{' '}
          <button type="button" onClick={run} disabled={busy || preview === null}>
            Berichten verwerken
          </button>
        </>
      )}
      {preview && (
        <div data-testid="berichten-preview">
          <p role="status">
            {/* `berichten` counts the messages used per type; the refused ones come on top. */}
            {number.format(Object.values(preview.berichten).reduce((a, b) => a + b, 0) + preview.ongeldig)} berichten gelezen
            {preview.ongeldig > 0 ? `, ${number.format(preview.ongeldig)} niet gebruikt` : ''}; {number.format(preview.aantal)} voorzieningen
            {preview.aantal > preview.voorzieningen.length ? ` (de eerste ${number.format(preview.voorzieningen.length)} hieronder)` : ''}.
          </p>
          {preview.meldingen.length > 0 && (
            <div className="warning" role="alert">
              {preview.meldingen.slice(0, 50).map((m) => (
                <p key={m}>{m}</p>
              ))}
            </div>
          )}
          <table className="log">
            <thead>
              <tr>
                <th scope="col">Gemeente</th>
                <th scope="col">Toewijzing</th>
                <th scope="col">Standaard</th>
                <th scope="col">Categorie</th>
                <th scope="col">Product</th>
                <th scope="col">Begin</th>
                <th scope="col">Einde</th>
                <th scope="col">Aanbieder</th>
                <th scope="col" className="num">Kosten in periode</th>
                <th scope="col">Bestand</th>
              </tr>
            </thead>
            <tbody>
              {preview.voorzieningen.map((v) => (
                <tr key={`${v.gemeente}|${v.toewijzingnummer}`}>
                  <td>{v.gemeente}</td>
                  <td>{v.toewijzingnummer}</td>
                  <td>{v.standaard === 'iwmo' ? 'iWmo' : 'iJw'}</td>
                  <td>{v.categorie ?? ''}</td>
                  <td>{v.productcode}</td>
                  <td>{v.begindatum}</td>
                  <td>{v.einddatum ?? ''}</td>
                  <td>{v.aanbieder ?? ''}</td>
                  <td className="num">{v.kosten === null ? '' : euro.format(v.kosten)}</td>
                  <td>{v.bestand}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result && (
        <p role="status" data-testid="berichten-result">
          {result.bestand} ({result.periode}): {number.format(result.rijenIngelezen)} voorzieningen ingelezen, {number.format(result.rijenUitgesloten)} bevindingen
          die een bericht of regel uitsluiten. Zie <a href="#/kwaliteit">Kwaliteit</a>.
        </p>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
