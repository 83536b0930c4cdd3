import type { ColDef } from 'ag-grid-community';
import './central.css';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AuditEntry, CentralFinding, CentralImportLine, CentralStatusRow, OverzichtTabel } from '../../shared/api.ts';
import { api } from '../api.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { ErrorMessage } from '../screens/ErrorMessage.tsx';
import { DropZone } from '../screens/ImportScreen.tsx';
import { describeDetails } from '../screens/SettingsScreen.tsx';
import { keyboardGridOptions, wrappingText } from '../screens/agGrid.ts';
import { deliveryMatrix, MATRIX_STATES, outcomeText, type DeliveryMatrix, type MatrixCell } from './deliveryMatrix.ts';
import { ExcelButton, exportTable, SaveStatus, useSave } from './FigurePanel.tsx';
import { FileResultGrid } from './FileResultGrid.tsx';
import { JobProgress, useJob } from './useJob.tsx';
import { kolommen } from './tableColumns.ts';

const number = new Intl.NumberFormat('nl-NL');
const LOG_LIMIT = 500;

/** Leveringen: take in the gemeenten's zips, see what is there per gemeente and period, give feedback, record the akkoord. */
export function LeveringenScreen() {
  const [status, setStatus] = useState<CentralStatusRow[]>([]);
  const [log, setLog] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [chosen, setChosen] = useState<{ gemeente: string; periode: string } | null>(null);
  const refresh = () => {
    api.central.status().then(setStatus, setError);
    api.central.auditLog({ limit: LOG_LIMIT }).then(setLog, setError);
  };
  useEffect(refresh, []);
  const matrix = useMemo(() => deliveryMatrix(status), [status]);
  const cell = chosen ? matrix.cell(chosen.gemeente, chosen.periode) : null;
  const matrixSave = useSave();

  return (
    <>
      <Intake onImported={refresh} />
      <section className="panel wide" aria-labelledby="matrix-title">
        <div className="panel-head">
          <h2 id="matrix-title">Per gemeente en periode</h2>
          {matrix.gemeenten.length > 0 && <ExcelButton weergave="overzicht" onClick={() => matrixSave.save(() => exportTable({ naam: 'leveringen_per_periode', weergave: 'overzicht', tabel: matrixTable(matrix) }))} />}
        </div>
        <SaveStatus saved={matrixSave.saved} error={matrixSave.error} />
        <ErrorMessage error={error} />
        {matrix.gemeenten.length === 0 ? (
          <p className="empty">Nog geen leveringen ontvangen.</p>
        ) : (
          <>
            <ul className="matrix-legend" aria-label="Betekenis van de kleuren">
              {MATRIX_STATES.map((s) => (
                <li key={s.state}>
                  <span className={`matrix-swatch state-${s.state}`} aria-hidden="true" /> <strong>{s.label}</strong>: {s.uitleg}
                </li>
              ))}
              <li>
                <strong>sleutel gewijzigd</strong> (in de cel): andere sleutel dan de vorige levering; trends over die grens zijn niet vergelijkbaar
              </li>
            </ul>
            <div className="scroll-box">
              <table className="log matrix" data-testid="delivery-matrix">
                <caption className="visually-hidden">Leveringen per gemeente (rijen) en periode (kolommen); kies een cel voor de terugkoppeling en het akkoord</caption>
                <thead>
                  <tr>
                    <th scope="col">Gemeente</th>
                    {matrix.perioden.map((p) => (
                      <th scope="col" key={p}>
                        {p}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {matrix.gemeenten.map((g) => (
                    <tr key={g.code}>
                      <th scope="row">
                        {g.code} {g.naam}
                      </th>
                      {matrix.perioden.map((p) => {
                        const c = matrix.cell(g.code, p);
                        return <td key={p}>{c ? <MatrixButton cell={c} naam={g.naam} pressed={chosen?.gemeente === g.code && chosen.periode === p} onChoose={() => setChosen({ gemeente: g.code, periode: p })} /> : <span className="muted">—</span>}</td>;
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      {cell && <DeliveryDetail key={`${cell.gemeente}|${cell.periode}`} cell={cell} naam={matrix.gemeenten.find((g) => g.code === cell.gemeente)?.naam ?? ''} onApproved={refresh} />}
      <ReceivedFiles rows={status} />
      <AnalystLog entries={log} onExported={refresh} />
    </>
  );
}

function cellText(cell: MatrixCell): string {
  const c = cell.actueel;
  if (!c) return 'geweigerd';
  return `v${c.versie} ${c.akkoord ? `akkoord ${formatDate(c.akkoord)}` : 'voorlopig'}`;
}

/** The matrix as the screen shows it, in words per cell, for its Excel export. */
function matrixTable(matrix: DeliveryMatrix): OverzichtTabel {
  return {
    titel: 'Leveringen per gemeente en periode',
    kolommen: [{ naam: 'gemeente', titel: 'Gemeente', soort: 'tekst' }, ...matrix.perioden.map((p, i) => ({ naam: `p${i}`, titel: p, soort: 'tekst' as const }))],
    rijen: matrix.gemeenten.map((g) => ({
      gemeente: `${g.code} ${g.naam}`,
      ...Object.fromEntries(
        matrix.perioden.map((p, i) => {
          const c = matrix.cell(g.code, p);
          return [`p${i}`, c ? `${cellText(c)}${c.actueel?.sleutelGewijzigd ? ', sleutel gewijzigd' : ''}` : ''];
        }),
      ),
    })),
  };
}

function MatrixButton({ cell, naam, pressed, onChoose }: { cell: MatrixCell; naam: string; pressed: boolean; onChoose(): void }) {
  const changed = cell.actueel?.sleutelGewijzigd ?? false;
  const refused = cell.ontvangen.filter((r) => r.status === 'geweigerd').length;
  return (
    <button
      type="button"
      className={`matrix-cell state-${cell.state}`}
      aria-pressed={pressed}
      aria-label={`${cell.gemeente} ${naam} ${cell.periode}: ${cellText(cell)}${changed ? ', sleutel gewijzigd' : ''}${refused > 0 ? `, ${refused} geweigerd` : ''}`}
      onClick={onChoose}
    >
      {cellText(cell)}
      {changed && <span className="key-changed"> · sleutel gewijzigd</span>}
      {cell.actueel && refused > 0 && <span className="muted"> (+{refused} geweigerd)</span>}
    </button>
  );
}

/** Choose or drop many zips at once; per file what became of it. */
function Intake({ onImported }: { onImported(): void }) {
  const job = useJob();
  const [lines, setLines] = useState<CentralImportLine[] | null>(null);
  const [refused, setRefused] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const finish = (result: CentralImportLine[]) => {
    if (result.length > 0) setLines(result);
    onImported();
  };
  const choose = () => {
    setError(null);
    setRefused([]);
    void job.run((jobId) => api.central.import({ jobId })).then(finish, setError);
  };
  const drop = (files: File[]) => {
    setError(null);
    setRefused([]);
    api.import.dropFiles({ files }).then(({ bestanden, geweigerd }) => {
      setRefused(geweigerd);
      if (bestanden.length === 0) return;
      void job.run((jobId) => api.central.importDropped({ jobId, bestandIds: bestanden.map((b) => b.id) })).then(finish, setError);
    }, setError);
  };
  return (
    <section className="panel wide" aria-labelledby="intake-title">
      <h2 id="intake-title">Leveringen inlezen</h2>
      <p>
        Elke zip wordt gecontroleerd (formaat, controlesommen, privacy) voordat er iets wordt opgeslagen. Een nieuwe versie van dezelfde gemeente en periode vervangt de vorige; een bestand dat er al is, wordt
        niet dubbel ingelezen.
      </p>
      <DropZone onDrop={drop} hint="Sleep leveringen (zip-bestanden) hierheen, ook veel tegelijk,">
        <button type="button" onClick={choose} disabled={job.busy}>
          Leveringen kiezen…
        </button>
      </DropZone>
      <div className="run">
        <JobProgress job={job} label="Voortgang van het inlezen" />
      </div>
      {refused.length > 0 && (
        <div className="warning" role="alert" data-testid="refused-files">
          {refused.map((r) => (
            <p key={r}>{r}</p>
          ))}
        </div>
      )}
      <ErrorMessage error={error} />
      {lines && <IntakeResult lines={lines} />}
    </section>
  );
}

const INTAKE_COLUMNS = kolommen({ bestand: 'Bestand', uitkomst: 'Uitkomst', levering: 'Gemeente en periode', versie: ['Versie', 'aantal'], rijen: ['Voorzieningen', 'aantal'], toelichting: 'Toelichting' });
const toelichting = (l: CentralImportLine) => [l.reden, l.sleutelGewijzigd ? 'Let op: andere sleutel dan de vorige levering van deze gemeente.' : null].filter(Boolean).join(' ');
/** A refused file may not say whose it is: a dash, never a guess. */
const levering = (l: CentralImportLine) => `${l.gemeente ?? '—'} ${l.periode ?? '—'}`;

// Wide enough for each header with its sort and filter icons; the reason takes the rest and wraps.
const intakeColumns: ColDef<CentralImportLine>[] = [
  { field: 'bestand', headerName: 'Bestand', width: 250, filter: true, ...wrappingText },
  { colId: 'uitkomst', headerName: 'Uitkomst', width: 145, filter: true, valueGetter: (p) => (p.data ? outcomeText(p.data) : ''), cellStyle: { fontWeight: 600 } },
  { colId: 'levering', headerName: 'Gemeente en periode', width: 150, filter: true, valueGetter: (p) => (p.data ? levering(p.data) : '') },
  { field: 'versie', headerName: 'Versie', width: 115, type: 'numericColumn', filter: 'agNumberColumnFilter', valueFormatter: (p) => (typeof p.value === 'number' ? String(p.value) : '—') },
  { field: 'rijen', headerName: 'Voorzieningen', width: 180, type: 'numericColumn', filter: 'agNumberColumnFilter', valueFormatter: (p) => (typeof p.value === 'number' ? number.format(p.value) : '—') },
  { colId: 'toelichting', headerName: 'Toelichting', flex: 1, minWidth: 200, filter: true, valueGetter: (p) => (p.data ? toelichting(p.data) : ''), ...wrappingText },
];

/** What became of each file of one intake: every row on the page (one intake is at most a few dozen files), sortable, filterable, to Excel. */
function IntakeResult({ lines }: { lines: CentralImportLine[] }) {
  // Row counts per delivery, not disclosure-controlled: the file is marked intern, as the log is.
  const tabel: OverzichtTabel = {
    titel: 'Leveringen inlezen: resultaat per bestand',
    kolommen: INTAKE_COLUMNS,
    rijen: lines.map((l) => ({ bestand: l.bestand, uitkomst: outcomeText(l), levering: levering(l), versie: l.versie ?? null, rijen: l.rijen ?? null, toelichting: toelichting(l) })),
  };
  return <FileResultGrid testId="intake-result" rows={lines} columns={intakeColumns} refused={(l) => l.uitkomst === 'geweigerd'} exporteer={{ naam: 'leveringen_inlezen', weergave: 'intern', tabel }} />;
}

/** One gemeente and period: its versions, the plausibility feedback, and the akkoord. */
function DeliveryDetail({ cell, naam, onApproved }: { cell: MatrixCell; naam: string; onApproved(): void }) {
  const job = useJob();
  const [findings, setFindings] = useState<CentralFinding[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [door, setDoor] = useState('');
  const [approved, setApproved] = useState<string | null>(null);
  const current = cell.actueel;
  const args = { gemeente: cell.gemeente, periode: cell.periode };
  const open = () => {
    setError(null);
    void job.run((jobId) => api.central.feedbackFindings({ ...args, jobId })).then(setFindings, setError);
  };
  const saveExcel = () => {
    setError(null);
    setSaved(null);
    void job.run((jobId) => api.central.feedback({ ...args, jobId })).then((r) => setSaved(r.saved ? r.path : null), setError);
  };
  const approve = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    api.central.approve({ ...args, door: door.trim() }).then((a) => {
      setApproved(`Akkoord vastgelegd voor ${a.gemeente} ${a.periode} versie ${a.versie}, gegeven door ${a.door}, op ${formatDateTime(a.op)}.`);
      onApproved();
    }, setError);
  };
  const columns = useMemo<ColDef<CentralFinding>[]>(
    () => [
      { field: 'ernst', headerName: 'Ernst', width: 140, filter: true, sort: 'asc', comparator: (a: string, b: string) => ['fout', 'waarschuwing', 'info'].indexOf(a) - ['fout', 'waarschuwing', 'info'].indexOf(b) },
      { field: 'onderwerp', headerName: 'Onderwerp', width: 220, filter: true },
      { field: 'bevinding', headerName: 'Bevinding', flex: 1, filter: true, ...wrappingText },
    ],
    [],
  );
  return (
    <section className="panel wide" aria-labelledby="detail-title" data-testid="delivery-detail">
      <h2 id="detail-title">
        {cell.gemeente} {naam}, {cell.periode}
      </h2>
      <ul>
        {cell.ontvangen.map((r, i) => (
          <li key={i}>
            {r.status === 'geweigerd' ? (
              <>
                Geweigerd: {r.bestand} (ontvangen {formatDateTime(r.ontvangen)}): {r.reden}
              </>
            ) : (
              <>
                Versie {r.versie}, {r.status}: {r.bestand}, {number.format(r.rijen ?? 0)} voorzieningen, ontvangen {formatDateTime(r.ontvangen)}
                {r.akkoord ? `, akkoord ${formatDate(r.akkoord)}` : ''}
                {r.sleutelGewijzigd ? ', sleutel gewijzigd' : ''}
              </>
            )}
          </li>
        ))}
      </ul>
      {!current ? (
        <p className="muted">Er is geen geaccepteerde versie: er is geen terugkoppeling en geen akkoord mogelijk tot de gemeente een goede levering stuurt.</p>
      ) : (
        <>
          <h3>Terugkoppeling (plausibiliteit)</h3>
          <p>De controle van de actuele versie {current.versie} tegen de vorige periode en de andere gemeenten. Niet onderdrukt: alleen voor de gemeente zelf.</p>
          <div className="run">
            <button type="button" className="secondary" onClick={open} disabled={job.busy}>
              Terugkoppeling tonen
            </button>
            <button type="button" className="secondary" onClick={saveExcel} disabled={job.busy}>
              Terugkoppeling opslaan als Excel…
            </button>
            <JobProgress job={job} label="Voortgang van de terugkoppeling" />
          </div>
          {saved && (
            <p className="ok" role="status">
              Terugkoppeling opgeslagen in {saved}
            </p>
          )}
          {findings && (
            <>
              <p data-testid="findings-summary">
                {(['fout', 'waarschuwing', 'info'] as const).map((e) => `${number.format(findings.filter((f) => f.ernst === e).length)} ${e}`).join(', ')}
              </p>
              <div className="grid" data-testid="findings-grid">
                <AgGridReact {...keyboardGridOptions} rowData={findings} columnDefs={columns} />
              </div>
            </>
          )}
          <h3>Akkoord van de gemeente</h3>
          {current.akkoord ? (
            <p data-testid="approval-state">Versie {current.versie} heeft akkoord voor publicatie sinds {formatDate(current.akkoord)}. Een nieuwe versie vraagt een nieuw akkoord.</p>
          ) : (
            <p data-testid="approval-state">Versie {current.versie} heeft nog geen akkoord: de cijfers van deze gemeente gaan niet in een publicatie.</p>
          )}
          <form className="run" onSubmit={approve}>
            <label>
              Akkoord gegeven door (naam of functie bij de gemeente)
              <input value={door} onChange={(e) => setDoor(e.target.value)} autoComplete="off" />
            </label>
            <button type="submit" disabled={door.trim() === ''}>
              Akkoord van de gemeente vastleggen
            </button>
          </form>
          {approved && (
            <p className="ok" role="status">
              {approved}
            </p>
          )}
        </>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}

const statusColumns: ColDef<CentralStatusRow>[] = [
  { field: 'gemeente', headerName: 'Gemeente', width: 120, filter: true, valueFormatter: (p) => p.value ?? '—' },
  { field: 'gemeentenaam', headerName: 'Naam', width: 160, filter: true },
  { field: 'periode', headerName: 'Periode', width: 110, filter: true, valueFormatter: (p) => p.value ?? '—' },
  { field: 'versie', headerName: 'Versie', width: 100, type: 'numericColumn', filter: 'agNumberColumnFilter' },
  { field: 'rijen', headerName: 'Voorzieningen', width: 150, type: 'numericColumn', filter: 'agNumberColumnFilter', valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : number.format(p.value)) },
  { field: 'status', headerName: 'Status', width: 120, filter: true },
  { field: 'akkoord', headerName: 'Akkoord', width: 120, filter: true, valueFormatter: (p) => (p.value ? formatDate(p.value) : '') },
  { colId: 'sleutelGewijzigd', headerName: 'Sleutel gewijzigd', width: 120, filter: true, valueGetter: (p) => (p.data?.sleutelGewijzigd ? 'ja' : 'nee') },
  { field: 'ontvangen', headerName: 'Ontvangen', width: 160, sort: 'desc', valueFormatter: (p) => formatDateTime(p.value) },
  { field: 'bestand', headerName: 'Bestand', width: 240, filter: true },
  { field: 'reden', headerName: 'Reden van weigering', flex: 1, minWidth: 260, filter: true, ...wrappingText },
];

function ReceivedFiles({ rows }: { rows: CentralStatusRow[] }) {
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <section className="panel wide" aria-labelledby="received-title">
      <div className="panel-head">
        <h2 id="received-title">Alle ontvangen bestanden</h2>
        <button type="button" className="secondary" onClick={() => api.central.statusExport().then((r) => setSaved(r.saved ? r.path : null), setError)}>
          Opslaan als Excel…
        </button>
      </div>
      {saved && (
        <p className="ok" role="status">
          Opgeslagen in {saved}
        </p>
      )}
      <ErrorMessage error={error} />
      <div className="grid" data-testid="received-grid">
        <AgGridReact {...keyboardGridOptions} rowData={rows} columnDefs={statusColumns} />
      </div>
    </section>
  );
}

const logColumns: ColDef<AuditEntry>[] = [
  { field: 'at', headerName: 'Tijdstip', width: 170, sort: 'desc', valueFormatter: (p) => formatDateTime(p.value) },
  { field: 'action', headerName: 'Handeling', width: 200, filter: true },
  { colId: 'details', headerName: 'Waarop', flex: 1, filter: true, valueGetter: (p) => (p.data ? describeDetails(p.data.details) : ''), ...wrappingText },
];

function AnalystLog({ entries, onExported }: { entries: AuditEntry[]; onExported(): void }) {
  const { saved, error, save } = useSave();
  const tabel: OverzichtTabel = {
    titel: `Logboek van de analist-editie (de laatste ${number.format(LOG_LIMIT)} handelingen)`,
    kolommen: kolommen({ at: 'Tijdstip', action: 'Handeling', details: 'Waarop' }),
    rijen: entries.map((e) => ({ at: formatDateTime(e.at), action: e.action, details: describeDetails(e.details) })),
  };
  return (
    <section className="panel wide" aria-labelledby="central-log-title">
      <div className="panel-head">
        <h2 id="central-log-title">Logboek van de ontvangst</h2>
        <div className="run">
          <button
            type="button"
            className="secondary"
            onClick={() =>
              save(async () => {
                const r = await api.central.auditExport();
                onExported();
                return r;
              })
            }
          >
            Logboek opslaan als CSV…
          </button>
          {/* The log names row counts per delivery, not disclosure-controlled: marked intern. */}
          <ExcelButton weergave="intern" onClick={() => save(() => exportTable({ naam: 'wijkmonitor-analist-logboek', weergave: 'intern', tabel }))} />
        </div>
      </div>
      <p>Wat er met de leveringen en referentiegegevens is gedaan: ontvangen, geweigerd, akkoord vastgelegd, ingelezen (de laatste {number.format(LOG_LIMIT)}). Zonder persoonsgegevens.</p>
      <SaveStatus saved={saved} error={error} />
      <div className="grid" data-testid="central-log">
        <AgGridReact {...keyboardGridOptions} rowData={entries} columnDefs={logColumns} />
      </div>
    </section>
  );
}
