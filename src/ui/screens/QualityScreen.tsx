import { type ColDef, type IDatasource } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FindingLine, FindingSortColumn, QualityLine, QualitySeverity } from '../../shared/api.ts';
import { SEVERITY_WORDS, severityWord } from '../../shared/qualitySeverity.ts';
import { api } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { keyboardGridOptions } from './agGrid.ts';
import { PeriodSelect } from './PeriodSelect.tsx';
import { SavedToStatus } from './TableFileButtons.tsx';

const number = new Intl.NumberFormat('nl-NL');
const percent = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
// The colIds are the sort columns the core accepts (its list is checked there, not trusted here).
const findingColumns: ColDef<FindingLine>[] = [
  { field: 'bestand', headerName: 'Bestand', flex: 2 },
  { field: 'rij', headerName: 'Rij', flex: 1 },
  { field: 'kolom', headerName: 'Kolom', flex: 2 },
  { field: 'uitgesloten', headerName: 'Rij uitgesloten', flex: 1, valueFormatter: (p) => (p.value ? 'ja' : 'nee') },
];

const severityRank = (ernst: QualitySeverity) => SEVERITY_WORDS.findIndex((s) => s.ernst === ernst);

type SortKey = 'ernst' | 'zin' | 'aantal' | 'percentage';
const SORT_LABELS: Record<SortKey, string> = { ernst: 'Ernst', zin: 'Bevinding', aantal: 'Aantal', percentage: '%' };

/** The report in the order and selection asked for; the core already sends the most serious first. */
function visibleLines(lines: QualityLine[], sort: { key: SortKey; up: boolean } | null, ernst: QualitySeverity | '', search: string): QualityLine[] {
  const needle = search.trim().toLowerCase();
  const shown = lines.filter((l) => (ernst === '' || l.ernst === ernst) && (needle === '' || `${l.zin} ${l.toelichting}`.toLowerCase().includes(needle)));
  if (!sort) return shown;
  const compare = (a: QualityLine, b: QualityLine) =>
    sort.key === 'ernst' ? severityRank(a.ernst) - severityRank(b.ernst) : sort.key === 'zin' ? a.zin.localeCompare(b.zin, 'nl') : a[sort.key] - b[sort.key];
  return [...shown].sort((a, b) => (sort.up ? compare(a, b) : compare(b, a)));
}

/** Kwaliteit: per data element how complete and plausible the imported data is, down to the row. */
export function QualityScreen() {
  const [periods, setPeriods] = useState<string[] | null>(null);
  const [periode, setPeriode] = useState('');
  const [lines, setLines] = useState<QualityLine[] | null>(null);
  const [selected, setSelected] = useState<QualityLine | null>(null);
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [acknowledged, setAcknowledged] = useState<string | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; up: boolean } | null>(null);
  const [ernstFilter, setErnstFilter] = useState<QualitySeverity | ''>('');
  const [search, setSearch] = useState('');

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
  const shown = lines ? visibleLines(lines, sort, ernstFilter, search) : [];
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
          <PeriodSelect periods={periods} periode={periode} onChange={setPeriode} />
          <button type="button" className="secondary" onClick={exportReport}>
            Opslaan als Excel…
          </button>
        </div>
        <SavedToStatus savedTo={savedTo} />
        <ErrorMessage error={error} />
        {lines && (
          <>
            <div className="run" role="search" aria-label="Bevindingen filteren">
              <label>
                Ernst
                <select value={ernstFilter} onChange={(e) => setErnstFilter(e.target.value as QualitySeverity | '')} data-testid="quality-filter-ernst">
                  <option value="">alle</option>
                  {SEVERITY_WORDS.map((s) => (
                    <option key={s.ernst} value={s.ernst}>
                      {s.woord}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Zoeken
                <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="bijv. einddatum" data-testid="quality-filter-tekst" />
              </label>
            </div>
            <table className="log" data-testid="quality-report">
              <thead>
                <tr>
                  {(['ernst', 'zin', 'aantal'] as const).map((key) => (
                    <SortHeader key={key} name={key} sort={sort} onSort={setSort} numeric={key === 'aantal'} />
                  ))}
                  <th scope="col" className="num">Van</th>
                  <SortHeader name="percentage" sort={sort} onSort={setSort} numeric />
                  <th scope="col">Toelichting</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((line) => {
                  const hasRows = line.controle !== 'vulgraad' && line.gegeven !== 'rijen' && line.controle !== 'niet_ingedeeld' && line.controle !== 'onbekende_postcode';
                  return (
                    <tr key={`${line.gegeven}|${line.controle}`} className={`ernst-${line.ernst}`}>
                      <td>
                        <span className={`severity severity-${line.ernst}`}>{severityWord(line.ernst)}</span>
                      </td>
                      <td title={`${line.gegeven} · ${line.controle}`}>
                        {hasRows ? (
                          <button type="button" className="link" onClick={() => show(line)}>
                            {line.zin}
                          </button>
                        ) : (
                          line.zin
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
            {shown.length === 0 && <p className="empty">Geen bevindingen die aan het filter voldoen.</p>}
          </>
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

/** A column header that sorts the report: first click ascending (the most serious first for Ernst), then descending. */
function SortHeader({ name, sort, onSort, numeric = false }: { name: SortKey; sort: { key: SortKey; up: boolean } | null; onSort(next: { key: SortKey; up: boolean }): void; numeric?: boolean }) {
  const active = sort?.key === name;
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (sort.up ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort" onClick={() => onSort({ key: name, up: active ? !sort.up : true })}>
        {SORT_LABELS[name]}
        <span aria-hidden="true">{active ? (sort.up ? ' ▲' : ' ▼') : ' ↕'}</span>
      </button>
    </th>
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
        Rijen: {line.zin}
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
