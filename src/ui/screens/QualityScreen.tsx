import { type ColDef, type IDatasource } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FindingLine, FindingSortColumn, QualityLine } from '../../shared/api.ts';
import { api } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { keyboardGridOptions } from './agGrid.ts';

const number = new Intl.NumberFormat('nl-NL');
const percent = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
// The colIds are the sort columns the core accepts (its list is checked there, not trusted here).
const findingColumns: ColDef<FindingLine>[] = [
  { field: 'bestand', headerName: 'Bestand', flex: 2 },
  { field: 'rij', headerName: 'Rij', flex: 1 },
  { field: 'kolom', headerName: 'Kolom', flex: 2 },
  { field: 'uitgesloten', headerName: 'Rij uitgesloten', flex: 1, valueFormatter: (p) => (p.value ? 'ja' : 'nee') },
];

/** Kwaliteit: per data element how complete and plausible the imported data is, down to the row. */
export function QualityScreen() {
  const [periods, setPeriods] = useState<string[] | null>(null);
  const [periode, setPeriode] = useState('');
  const [lines, setLines] = useState<QualityLine[] | null>(null);
  const [selected, setSelected] = useState<QualityLine | null>(null);
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [acknowledged, setAcknowledged] = useState<string | null>(null);

  useEffect(() => {
    api.import.periods().then((list) => {
      setPeriods(list);
      if (list[0]) setPeriode(list[0]);
    }, setError);
  }, []);
  useEffect(() => {
    if (!periode) return;
    setSelected(null);
    api.quality.report({ periode }).then((report) => setLines(report.regels), setError);
    api.quality.acknowledgement({ periode }).then(setAcknowledged, setError);
  }, [periode]);

  const show = (line: QualityLine) => setSelected(line);
  const exportReport = () => api.quality.export({ periode }).then((r) => setSavedTo(r.saved ? r.path : null), setError);

  if (periods === null) return <ErrorMessage error={error} />;
  if (periods.length === 0) {
    return (
      <section className="panel">
        <p className="empty">Nog niets ingelezen. Lees eerst een export in bij <a href="#/importeren">Importeren</a>.</p>
      </section>
    );
  }
  return (
    <>
      <section className="panel wide" aria-labelledby="quality-title">
        <h2 id="quality-title">Datakwaliteit</h2>
        <div className="run">
          <label>
            Periode
            <select value={periode} onChange={(e) => setPeriode(e.target.value)}>
              {periods.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <button type="button" className="secondary" onClick={exportReport}>
            Opslaan als Excel…
          </button>
        </div>
        {savedTo && (
          <p className="ok" role="status">
            Opgeslagen in {savedTo}
          </p>
        )}
        <ErrorMessage error={error} />
        {lines && (
          <table className="log" data-testid="quality-report">
            <thead>
              <tr>
                <th scope="col">Gegeven</th>
                <th scope="col">Controle</th>
                <th scope="col" className="num">Aantal</th>
                <th scope="col" className="num">Van</th>
                <th scope="col" className="num">%</th>
                <th scope="col">Toelichting</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => {
                const hasRows = line.controle !== 'vulgraad' && line.gegeven !== 'rijen' && line.controle !== 'niet_ingedeeld' && line.controle !== 'onbekende_postcode';
                return (
                  <tr key={`${line.gegeven}|${line.controle}`}>
                    <td>{line.gegeven}</td>
                    <td>
                      {hasRows ? (
                        <button type="button" className="link" onClick={() => show(line)}>
                          {line.controle}
                        </button>
                      ) : (
                        line.controle
                      )}
                    </td>
                    <td className="num">{number.format(line.aantal)}</td>
                    <td className="num">{number.format(line.totaal)}</td>
                    <td className="num">{percent.format(line.percentage)}</td>
                    <td className="muted">{line.toelichting}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {/* Below the findings it acknowledges: read first, then agree. */}
        <div className="run" data-testid="acknowledgement">
          {acknowledged ? (
            <p className="ok">Bevindingen gezien en akkoord op {formatDateTime(acknowledged)}.</p>
          ) : (
            <>
              <p>Bekijk de bevindingen; geef daarna akkoord, dan kan de levering worden gemaakt. Een nieuwe import vraagt opnieuw om akkoord.</p>
              <button type="button" onClick={() => api.quality.acknowledge({ periode }).then(setAcknowledged, setError)}>
                Bevindingen gezien, akkoord
              </button>
            </>
          )}
        </div>
      </section>
      {selected && <FindingsPanel key={`${periode}|${selected.gegeven}|${selected.controle}`} periode={periode} line={selected} />}
    </>
  );
}

/**
 * The rows behind one line of the report. A line can stand for hundreds of thousands of rows, so
 * the grid asks the store for the block it shows (sorted there too) instead of holding them all.
 */
function FindingsPanel({ periode, line }: { periode: string; line: QualityLine }) {
  const [totaal, setTotaal] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The panel opens below a long report: take the user (and the keyboard) to it.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    heading.current?.scrollIntoView({ block: 'start' });
  }, []);
  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params) => {
        api.quality
          .findings({
            periode,
            gegeven: line.gegeven,
            controle: line.controle,
            offset: params.startRow,
            limit: params.endRow - params.startRow,
            sort: params.sortModel.map((s) => ({ kolom: s.colId as FindingSortColumn, richting: s.sort })),
          })
          .then(
            (page) => {
              setTotaal(page.totaal);
              setError(null);
              params.successCallback(page.rijen, page.totaal);
            },
            (failure: unknown) => {
              setError(failure);
              params.failCallback();
            },
          );
      },
    }),
    [periode, line.gegeven, line.controle],
  );
  return (
    <section className="panel wide" aria-labelledby="findings-title">
      <h2 id="findings-title" tabIndex={-1} ref={heading}>
        Rijen met {line.gegeven}: {line.controle}
        {totaal !== null && <span className="count"> ({number.format(totaal)})</span>}
      </h2>
      <p className="muted">Zoek deze rijen op in de export; waarden worden hier niet getoond. Klik op een kolomkop om te sorteren.</p>
      <ErrorMessage error={error} />
      <div className="grid" data-testid="findings-grid">
        <AgGridReact<FindingLine> {...keyboardGridOptions} rowModelType="infinite" datasource={datasource} cacheBlockSize={200} maxBlocksInCache={50} columnDefs={findingColumns} />
      </div>
    </section>
  );
}
