import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useMemo, useState } from 'react';
import type { OverzichtTabel, ReferenceFileResult, ReferenceOverview, ReferenceSoort, TabelKolom } from '../../shared/api.ts';
import { api, ApiCallError } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { EChart } from '../overzicht/EChart.tsx';
import { ErrorMessage } from '../screens/ErrorMessage.tsx';
import { keyboardGridOptions, wrappingText } from '../screens/agGrid.ts';
import { ExcelButton, exportTable, SaveStatus, useSave } from './FigurePanel.tsx';
import { FileResultGrid } from './FileResultGrid.tsx';
import { JobProgress, useJob } from './useJob.tsx';
import './central.css';
import { kolommen } from './tableColumns.ts';

const number = new Intl.NumberFormat('nl-NL');
const percent = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 1 });

export const SOORT_LABELS: Record<ReferenceSoort, string> = {
  cbs_kwb: 'CBS Kerncijfers wijken en buurten',
  cbs_bevolking: 'CBS bevolking naar geslacht en leeftijd (03759ned)',
  cbs_pc6: 'CBS postcodebestand (PC6, huisnummer)',
  bron: 'Geaggregeerde bron',
  geojson: 'Wijkkaart (GeoJSON)',
};

/** Referentiedata: read CBS files, postcode files, aggregated sources and maps; see what they cover. */
export function ReferentiedataScreen() {
  const job = useJob();
  const [overview, setOverview] = useState<ReferenceOverview | null>(null);
  const [results, setResults] = useState<ReferenceFileResult[] | null>(null);
  const [jaar, setJaar] = useState('');
  const [error, setError] = useState<unknown>(null);
  const refresh = () => void api.central.referenceOverview().then(setOverview, setError);
  useEffect(refresh, []);
  const read = () => {
    setError(null);
    if (jaar.trim() !== '' && !/^\d{4}$/.test(jaar.trim())) {
      setError(new ApiCallError({ code: 'JAAR_ONGELDIG', message: 'Vul bij Jaar een jaartal van vier cijfers in (bijvoorbeeld 2024), of laat het leeg als het bestand zijn jaar zelf noemt.' }));
      return;
    }
    const year = jaar.trim() === '' ? undefined : Number(jaar);
    void job
      .run((jobId) => api.central.reference({ jobId, ...(year === undefined ? {} : { jaar: year }) }))
      .then((r) => {
        if (r.length > 0) setResults(r);
        refresh();
      }, setError);
  };
  return (
    <>
      <section className="panel wide" aria-labelledby="reference-read-title">
        <h2 id="reference-read-title">Bestanden inlezen</h2>
        <p>
          CBS Kerncijfers wijken en buurten (elk jaar, als CSV van StatLine of de open data), CBS-tabel 03759ned (bevolking naar geslacht en leeftijd per gemeente, voor de standaardisatie), het CBS-postcodebestand (pc6hnr…_gwb), geaggregeerde bronnen (periode;gebied;bron;indicator;waarde) en een
          wijkkaart (GeoJSON, in RD New of WGS84). Hetzelfde bestand of dezelfde bron en hetzelfde jaar opnieuw inlezen vervangt wat er was.
        </p>
        <div className="run">
          <label>
            Jaar (alleen als het bestand het niet zegt)
            <input inputMode="numeric" value={jaar} onChange={(e) => setJaar(e.target.value)} placeholder="2024" size={6} />
          </label>
          <button type="button" onClick={read} disabled={job.busy}>
            Bestanden kiezen…
          </button>
          <JobProgress job={job} label="Voortgang van het inlezen" />
        </div>
        <ErrorMessage error={error} />
        {results && <ReferenceResult results={results} />}
      </section>
      {overview && (
        <>
          <Actions overview={overview} />
          <Coverage overview={overview} />
          <Sources overview={overview} />
        </>
      )}
    </>
  );
}

const aantallen = (r: ReferenceFileResult) =>
  Object.entries(r.aantallen)
    .map(([what, n]) => `${number.format(n)} ${what}`)
    .join(', ');
const soortText = (r: ReferenceFileResult) => (r.soort ? SOORT_LABELS[r.soort] : '—');
const RESULT_COLUMNS = kolommen({ bestand: 'Bestand', status: 'Uitkomst', soort: 'Soort', jaar: 'Jaar', aantallen: 'Ingelezen', meldingen: 'Toelichting' });

// Each header fits with its sort and filter icons; the sentences take the rest and wrap.
const resultColumns: ColDef<ReferenceFileResult>[] = [
  { field: 'bestand', headerName: 'Bestand', width: 230, filter: true, ...wrappingText },
  { field: 'status', headerName: 'Uitkomst', width: 135, filter: true, cellStyle: { fontWeight: 600 } },
  { colId: 'soort', headerName: 'Soort', width: 190, filter: true, valueGetter: (p) => (p.data ? soortText(p.data) : ''), ...wrappingText },
  // A year is a name, not an amount: never "2.024".
  { colId: 'jaar', headerName: 'Jaar', width: 100, filter: true, valueGetter: (p) => (p.data?.jaar === null || p.data?.jaar === undefined ? '—' : String(p.data.jaar)) },
  { colId: 'aantallen', headerName: 'Ingelezen', width: 170, filter: true, valueGetter: (p) => (p.data ? aantallen(p.data) : ''), ...wrappingText },
  { colId: 'meldingen', headerName: 'Toelichting', flex: 1, minWidth: 200, filter: true, valueGetter: (p) => p.data?.meldingen.join(' ') ?? '', ...wrappingText },
];

/** What became of each file read: every row on the page, sortable, filterable, to Excel. */
function ReferenceResult({ results }: { results: ReferenceFileResult[] }) {
  const tabel: OverzichtTabel = {
    titel: 'Referentiedata inlezen: resultaat per bestand',
    kolommen: RESULT_COLUMNS,
    rijen: results.map((r) => ({ bestand: r.bestand, status: r.status, soort: soortText(r), jaar: r.jaar === null ? '' : String(r.jaar), aantallen: aantallen(r), meldingen: r.meldingen.join(' ') })),
  };
  // Public reference data and file names: no figures on clients.
  return <FileResultGrid testId="reference-result" rows={results} columns={resultColumns} refused={(r) => r.status === 'geweigerd'} exporteer={{ naam: 'referentiedata_inlezen', weergave: 'overzicht', tabel }} />;
}

/** What is missing, as sentences that say what to do; the first thing the analyst needs. */
function Actions({ overview }: { overview: ReferenceOverview }) {
  return (
    <section className="panel wide" aria-labelledby="actions-title">
      <h2 id="actions-title">Wat ontbreekt</h2>
      {overview.acties.length === 0 ? (
        <p className="ok">Alle wijken van de deelnemende gemeenten hebben inwoners en een vorm op de kaart, in elk ingelezen jaar.</p>
      ) : (
        <ul className="coverage-actions" data-testid="reference-actions">
          {overview.acties.map((a) => (
            <li key={a.tekst}>{a.tekst}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** `label` names the row in the chart: an aggregated source by its period, the others by their year. */
type CoverageRow = { bron: string; label: string; jaar: number; wijken: number; gedekt: number; ontbrekend: number; aandeel: number | null };
const rowLabel = (r: CoverageRow) => r.label;
const COVERAGE_NAMES = { cbs_kwb: 'Inwoners (CBS Kerncijfers)', geojson: 'Vorm (wijkkaart)' } as const;

function Coverage({ overview }: { overview: ReferenceOverview }) {
  const [asTable, setAsTable] = useState(false);
  const rows: CoverageRow[] = overview.dekking.map((d) => {
    const bron = d.soort === 'bron' ? `Bron ${d.bron} (${d.periode})` : COVERAGE_NAMES[d.soort];
    return {
      bron,
      label: d.soort === 'bron' ? bron : `${bron} ${d.jaar}`,
      jaar: d.jaar,
      wijken: d.wijken,
      gedekt: d.gedekt,
      ontbrekend: d.wijken - d.gedekt,
      aandeel: d.wijken === 0 ? null : d.gedekt / d.wijken,
    };
  });
  const wijken = overview.deelnemers.reduce((n, d) => n + d.wijken.length, 0);
  const coverageSave = useSave();
  const option = useMemo<EChartsCoreOption | null>(() => {
    if (rows.length === 0 || wijken === 0) return null;
    const labels = rows.map(rowLabel);
    return {
      grid: { left: 220, right: 30, top: 40, bottom: 30 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => number.format(v) },
      xAxis: { type: 'value', name: 'wijken', axisLabel: { formatter: (v: number) => number.format(v) } },
      yAxis: { type: 'category', data: labels, inverse: true },
      series: [
        { name: 'Gedekt', type: 'bar', stack: 'w', data: rows.map((r) => r.gedekt), itemStyle: { color: '#1d6b3a' } },
        { name: 'Ontbreekt', type: 'bar', stack: 'w', data: rows.map((r) => r.ontbrekend), itemStyle: { color: '#a4161a' } },
      ],
      aria: { label: { description: rows.map((r) => `${rowLabel(r)}: ${number.format(r.gedekt)} van ${number.format(r.wijken)} wijken gedekt`).join('; ') } },
    };
  }, [overview]);
  return (
    <section className="panel wide" aria-labelledby="coverage-title" data-testid="reference-coverage">
      <div className="panel-head">
        <h2 id="coverage-title">Dekking van de deelnemende wijken</h2>
        <div className="run">
          {option && (
            <button type="button" className="secondary" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
              {asTable ? 'Grafiek tonen' : 'Tabel tonen'}
            </button>
          )}
          {rows.length > 0 && (
            <ExcelButton
              weergave="overzicht"
              onClick={() =>
                coverageSave.save(() =>
                  exportTable({
                    naam: 'dekking_referentiedata',
                    weergave: 'overzicht',
                    tabel: { titel: 'Dekking van de deelnemende wijken per bron en jaar', kolommen: COVERAGE_COLUMNS, rijen: rows.map((r) => ({ bron: r.bron, jaar: String(r.jaar), wijken: r.wijken, gedekt: r.gedekt, ontbrekend: r.ontbrekend, aandeel: r.aandeel })) },
                  }),
                )
              }
            />
          )}
        </div>
      </div>
      <SaveStatus saved={coverageSave.saved} error={coverageSave.error} />
      <p>
        {number.format(overview.deelnemers.length)} gemeenten met een actuele levering, samen {number.format(wijken)} wijken in hun gegevens. Per jaar: hoeveel daarvan een inwonertal hebben (nodig voor
        cijfers per 1.000 inwoners en de referentiegroepen), hoeveel een vorm op de kaart en, per geaggregeerde bron, hoeveel een cijfer van die bron (een bron die alleen per gemeente
        publiceert, dekt geen wijken).
      </p>
      {rows.length === 0 ? (
        <p className="empty">Nog geen CBS Kerncijfers of wijkkaart ingelezen.</p>
      ) : option && !asTable ? (
        <EChart option={option} label="Dekking van de deelnemende wijken per bron en jaar" />
      ) : (
        <table className="log" data-testid="coverage-table">
          <thead>
            <tr>
              <th scope="col">Bron</th>
              <th scope="col" className="num">Jaar</th>
              <th scope="col" className="num">Wijken</th>
              <th scope="col" className="num">Gedekt</th>
              <th scope="col" className="num">Ontbreekt</th>
              <th scope="col" className="num">Aandeel gedekt</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.bron}-${r.jaar}`}>
                <th scope="row">{r.bron}</th>
                <td className="num">{r.jaar}</td>
                <td className="num">{number.format(r.wijken)}</td>
                <td className="num">{number.format(r.gedekt)}</td>
                <td className="num">{number.format(r.ontbrekend)}</td>
                <td className="num">{r.aandeel === null ? '—' : percent.format(r.aandeel)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {overview.postcodes.map((p) => (
        <p key={p.jaar}>
          CBS-postcodebestand {p.jaar}: {number.format(p.gemeenten - p.zonder.length)} van de {number.format(p.gemeenten)} gemeenten hebben adressen
          {p.zonder.length > 0 ? ` (niet: ${p.zonder.join(', ')})` : ''}.
        </p>
      ))}
    </section>
  );
}

type SourceRow = ReferenceOverview['bronnen'][number];

const COVERAGE_COLUMNS = kolommen({ bron: 'Bron', jaar: 'Jaar', wijken: ['Wijken', 'aantal'], gedekt: ['Gedekt', 'aantal'], ontbrekend: ['Ontbreekt', 'aantal'], aandeel: ['Aandeel gedekt', 'procent'] });

/** The sources as the grid lists them, for its Excel export. */
function sourcesTable(overview: ReferenceOverview): OverzichtTabel {
  return {
    titel: 'Ingelezen referentiegegevens',
    kolommen: kolommen({ soort: 'Soort', jaar: 'Jaar', bron: 'Bron', periode: 'Periode', bestand: 'Bestand', rijen: ['Rijen', 'aantal'], gemeenten: ['Gemeenten', 'aantal'], deelnemers: 'Voor deelnemers', ingelezen: 'Ingelezen' }),
    rijen: overview.bronnen.map((b) => ({
      soort: SOORT_LABELS[b.soort],
      jaar: b.jaar === null ? '' : String(b.jaar),
      bron: b.bron,
      periode: b.periode,
      bestand: b.bestand,
      rijen: b.rijen,
      gemeenten: b.gemeenten,
      deelnemers: b.deelnemers.join(', '),
      ingelezen: formatDateTime(b.ingelezen),
    })),
  };
}

function Sources({ overview }: { overview: ReferenceOverview }) {
  const { saved, error, save } = useSave();
  const columns = useMemo<ColDef<SourceRow>[]>(
    () => [
      { field: 'soort', headerName: 'Soort', width: 260, filter: true, valueFormatter: (p) => SOORT_LABELS[p.value as ReferenceSoort] ?? p.value },
      { field: 'jaar', headerName: 'Jaar', width: 100, filter: 'agNumberColumnFilter', valueFormatter: (p) => (p.value === null ? '—' : String(p.value)) },
      { field: 'bron', headerName: 'Bron', width: 120, filter: true },
      { field: 'periode', headerName: 'Periode', width: 110, filter: true },
      { field: 'bestand', headerName: 'Bestand', flex: 1, minWidth: 240, filter: true, ...wrappingText },
      { field: 'rijen', headerName: 'Rijen', width: 120, type: 'numericColumn', valueFormatter: (p) => number.format(p.value) },
      { field: 'gemeenten', headerName: 'Gemeenten', width: 130, type: 'numericColumn', valueFormatter: (p) => (p.value === null ? '—' : number.format(p.value)) },
      { field: 'deelnemers', headerName: 'Voor deelnemers', width: 200, valueFormatter: (p) => (p.value.length === 0 ? '—' : p.value.join(', ')), ...wrappingText },
      { field: 'ingelezen', headerName: 'Ingelezen', width: 160, valueFormatter: (p) => formatDateTime(p.value) },
    ],
    [],
  );
  return (
    <section className="panel wide" aria-labelledby="sources-title">
      <div className="panel-head">
        <h2 id="sources-title">Ingelezen bronnen</h2>
        {overview.bronnen.length > 0 && <ExcelButton weergave="overzicht" onClick={() => save(() => exportTable({ naam: 'referentiedata_bronnen', weergave: 'overzicht', tabel: sourcesTable(overview) }))} />}
      </div>
      <SaveStatus saved={saved} error={error} />
      {overview.bronnen.length === 0 ? (
        <p className="empty">Nog niets ingelezen.</p>
      ) : (
        <div className="grid" data-testid="reference-sources">
          <AgGridReact {...keyboardGridOptions} rowData={overview.bronnen} columnDefs={columns} />
        </div>
      )}
    </section>
  );
}
