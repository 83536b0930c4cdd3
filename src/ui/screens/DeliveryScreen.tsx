import { useEffect, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { DeliveryPreview, DeliveryRecordSummary, PreflightItem, ProgressEvent } from '../../shared/api.ts';
import { api } from '../api.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { screensByEdition, settingsScreen } from '../navigation.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { keyboardGridOptions } from './agGrid.ts';
import { deliveryColumns } from './deliveryColumns.ts';
import { PeriodSelect } from './PeriodSelect.tsx';

const number = new Intl.NumberFormat('nl-NL');
// Each link says where it goes: a list of links all called "oplossen" tells a screen reader nothing.
const screenLabel = (id: string) => [...screensByEdition.gemeente, settingsScreen].find((s) => s.id === id)?.label ?? id;

/** Levering: check everything that must hold, then write the quarterly file with the save dialog. */
export function DeliveryScreen() {
  const [periods, setPeriods] = useState<string[]>([]);
  const [periode, setPeriode] = useState('');
  const [checks, setChecks] = useState<PreflightItem[] | null>(null);
  const [history, setHistory] = useState<DeliveryRecordSummary[]>([]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [written, setWritten] = useState<{ path: string; rijen: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<DeliveryPreview | null>(null);
  const [folderError, setFolderError] = useState<unknown>(null);
  const [confirmAgain, setConfirmAgain] = useState(false);
  // The preview opens below the checklist, out of sight at a laptop's height; bring it in view.
  const previewPanel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (preview) previewPanel.current?.scrollIntoView({ block: 'nearest' });
  }, [preview]);

  useEffect(() => {
    api.import.periods().then((list) => {
      setPeriods(list);
      setPeriode(list[0] ?? '');
    }, setError);
    api.delivery.history().then(setHistory, setError);
  }, []);
  useEffect(() => {
    setPreview(null);
    setConfirmAgain(false);
    if (periode) api.delivery.preflight({ periode }).then(setChecks, setError);
  }, [periode, written]);
  useEffect(() => api.onProgress((event) => event.jobId === jobId && setProgress(event)), [jobId]);

  const write = () => {
    const id = crypto.randomUUID();
    setJobId(id);
    setError(null);
    setWritten(null);
    api.delivery
      .write({ periode, jobId: id })
      .then((result) => {
        if (result.saved) setWritten({ path: result.path, rijen: result.rijen });
        return api.delivery.history().then(setHistory);
      }, setError)
      .finally(() => {
        setJobId(null);
        setProgress(null);
      });
  };
  const ready = checks !== null && checks.every((c) => c.ok);
  const deliveredBefore = checks?.find((c) => c.id === 'geleverd') ?? null;

  return (
    <>
      <section className="panel wide" aria-labelledby="preflight-title">
        <h2 id="preflight-title">Controle vooraf</h2>
        {periods.length === 0 ? (
          <p className="empty">Nog niets ingelezen. Lees eerst de export(s) van het kwartaal in bij <a href="#/importeren">Importeren</a>.</p>
        ) : (
          <>
            <div className="run">
              <PeriodSelect periods={periods} periode={periode} onChange={setPeriode} />
            </div>
            <ul className="checklist" data-testid="preflight">
              {checks?.map((c) => (
                <li key={c.id} className={c.waarschuwing ? 'attention' : c.ok ? 'ok' : 'open'}>
                  <span aria-hidden="true">{c.waarschuwing ? '⚠' : c.ok ? '✔' : '✖'}</span> {c.waarschuwing && <span className="visually-hidden">Let op: </span>}
                  {c.tekst}
                  {!c.ok && (
                    <>
                      {' '}
                      — <a href={`#/${c.scherm}`}>oplossen bij {screenLabel(c.scherm)}</a>
                    </>
                  )}
                </li>
              ))}
            </ul>
            <p>
              De levering bevat alleen pseudoniemen, leeftijd, postcodegebied (4 cijfers), wijk en de voorzieningen; geen BSN, naam, adres of
              geboortedatum. Een privacycontrole weigert het bestand als er toch iets op een BSN lijkt.
            </p>
            <div className="run">
              <button type="button" className="secondary" disabled={!ready} onClick={() => api.delivery.preview({ periode }).then(setPreview, setError)}>
                Voorbeeld tonen
              </button>
              <button type="button" onClick={() => (deliveredBefore && !confirmAgain ? setConfirmAgain(true) : write())} disabled={!ready || jobId !== null}>
                Levering opslaan…
              </button>
              {jobId && <progress aria-label="Voortgang van de levering" />}
              {jobId && progress && <span>{number.format(progress.done)} voorzieningen</span>}
            </div>
            {confirmAgain && deliveredBefore && (
              <div className="warning" role="alertdialog" aria-labelledby="again-question">
                <p id="again-question">{deliveredBefore.tekst}. Deze periode opnieuw leveren?</p>
                <button
                  type="button"
                  autoFocus
                  onClick={() => {
                    setConfirmAgain(false);
                    write();
                  }}
                >
                  Ja, opnieuw leveren…
                </button>{' '}
                <button type="button" className="secondary" onClick={() => setConfirmAgain(false)}>
                  Nee
                </button>
              </div>
            )}
            {written && (
              <p className="ok" role="status">
                Levering opgeslagen: {written.path} ({number.format(written.rijen)} voorzieningen){' '}
                {history[0] && (
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() => {
                      setFolderError(null);
                      api.delivery.showInFolder({ id: history[0]!.id }).catch(setError);
                    }}
                  >
                    Map openen
                  </button>
                )}
              </p>
            )}
          </>
        )}
        <ErrorMessage error={error} />
      </section>
      {preview && (
        <section className="panel wide" aria-labelledby="leaves-title" ref={previewPanel}>
          <h2 id="leaves-title">Dit verlaat de gemeente</h2>
          <p data-testid="preview-summary">
            {preview.manifest.bestanden.join(', ')} — voorzieningen.csv: {number.format(preview.totaal)} rijen; {preview.manifest.gemeentecode}{' '}
            {preview.manifest.gemeentenaam}, periode {preview.manifest.periode} ({formatDate(preview.manifest.periode_begin)} t/m {formatDate(preview.manifest.periode_eind)}), sleutel{' '}
            {preview.manifest.sleutel}.
          </p>
          <RowOrigin herkomst={preview.herkomst} totaal={preview.totaal} />
          <p className="muted">
            De eerste {preview.rijen.length} rijen van voorzieningen.csv. Hier in woorden; in het bestand staan de kolomnamen van het leveringsformaat (wijs een kolomkop aan), geslacht als code (1 man, 2 vrouw, 0
            onbekend), datums als 2026-07-01 en bedragen met een punt.
          </p>
          <div className="grid" data-testid="preview-rows">
            <AgGridReact
              {...keyboardGridOptions}
              rowData={preview.rijen}
              columnDefs={deliveryColumns(preview.kolommen, preview.rijen)}
            />
          </div>
        </section>
      )}
      <section className="panel wide" aria-labelledby="history-title">
        <h2 id="history-title">Eerdere leveringen</h2>
        {history.length === 0 ? (
          <p className="empty">Nog geen leveringen.</p>
        ) : (
          <table className="log" data-testid="delivery-history">
            <thead>
              <tr>
                <th scope="col">Periode</th>
                <th scope="col">Bestand</th>
                <th scope="col">Gemaakt</th>
                <th scope="col" className="num">Voorzieningen</th>
                <th scope="col">Sleutel</th>
                <th scope="col">Controlesom</th>
                <th scope="col">
                  <span className="visually-hidden">Map</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td>{h.periode}</td>
                  <td>{h.bestand}</td>
                  <td className="nowrap">{formatDateTime(h.aangemaakt)}</td>
                  <td className="num">{number.format(h.rijen)}</td>
                  <td className="mono">{h.sleutel}</td>
                  <td className="mono" title={h.sha256}>
                    {h.sha256.slice(0, 12)}…
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={`Map openen van ${h.bestand}`}
                      onClick={() => {
                        setFolderError(null);
                        api.delivery.showInFolder({ id: h.id }).catch(setFolderError);
                      }}
                    >
                      Map openen
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ErrorMessage error={folderError} />
      </section>
    </>
  );
}

/** Why the file holds fewer rows than the exports: every row read is accounted for, with counts. */
function RowOrigin({ herkomst, totaal }: { herkomst: DeliveryPreview['herkomst']; totaal: number }) {
  const parts = [
    [herkomst.uitgesloten, 'uitgesloten bij het inlezen (ongeldig BSN, productcode of begindatum; zie Kwaliteit)'],
    [herkomst.buitenPeriode, 'vallen buiten de periode (beëindigd vóór de begindatum of begonnen na de einddatum)'],
    [herkomst.samengevoegd, 'dubbel: dezelfde voorziening in meer dan één export, geleverd als één rij'],
    [herkomst.nietIngedeeld, 'product niet ingedeeld'],
  ] as const;
  return (
    <div data-testid="row-origin">
      <p>
        {number.format(totaal)} van de {number.format(herkomst.gelezen)} rijen uit de exports worden geleverd
        {parts.some(([n]) => n > 0) ? '. De andere:' : '.'}
      </p>
      {parts.some(([n]) => n > 0) && (
        <ul>
          {parts
            .filter(([n]) => n > 0)
            .map(([n, why]) => (
              <li key={why}>
                {number.format(n)} {why}
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}
