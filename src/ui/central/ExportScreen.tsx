import { useEffect, useMemo, useState } from 'react';
import type { CentralExportResult, CentralStatusRow, OverzichtTabel, TabelKolom } from '../../shared/api.ts';
import { describeCbsJaren, withoutCbs } from '../../shared/cbsJaren.ts';
import { api } from '../api.ts';
import { formatDate } from '../format.ts';
import { ErrorMessage } from '../screens/ErrorMessage.tsx';
import { ExcelButton, exportTable, SaveStatus, useSave } from './FigurePanel.tsx';
import { PacksPanel } from './PacksPanel.tsx';
import { JobProgress, useJob } from './useJob.tsx';
import './central.css';
import { kolommen } from './tableColumns.ts';

const number = new Intl.NumberFormat('nl-NL');
type Written = Extract<CentralExportResult, { saved: true }> & { intern: boolean; periode: string };

/** The periods with a current delivery, latest first. */
function periodsOf(rows: readonly CentralStatusRow[]): string[] {
  return [...new Set(rows.filter((r) => r.status === 'actueel' && r.periode).map((r) => r.periode!))].sort().reverse();
}

/** Export: the release of a period, under disclosure control, as the suppressed figures CSV and the packs per gemeente. */
export function ExportScreen() {
  const job = useJob();
  const [status, setStatus] = useState<CentralStatusRow[]>([]);
  const [periode, setPeriode] = useState('');
  const [written, setWritten] = useState<Written | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The publication threshold as the disclosure control applies it, never a second copy here.
  const [minimum, setMinimum] = useState<number | null>(null);
  useEffect(() => {
    api.central.thresholds().then((t) => setMinimum(t.find((d) => d.code === 'minimum_clienten')?.waarde ?? null), setError);
    api.central.status().then((rows) => {
      setStatus(rows);
      setPeriode(periodsOf(rows)[0] ?? '');
    }, setError);
  }, []);
  const periods = useMemo(() => periodsOf(status), [status]);
  const release = status.filter((r) => r.status === 'actueel' && r.periode === periode);
  const approved = release.filter((r) => r.akkoord);
  const releaseSave = useSave();

  const write = (intern: boolean) => {
    setError(null);
    setWritten(null);
    void job.run((jobId) => api.central.export({ periode, intern, jobId })).then((r) => setWritten(r.saved ? { ...r, intern, periode } : null), setError);
  };

  return (
    <>
      <section className="panel wide" aria-labelledby="release-title">
        <h2 id="release-title">Publicatie van een periode</h2>
        {periods.length === 0 ? (
          <p className="empty">
            Er zijn nog geen geaccepteerde leveringen. Lees ze in bij <a href="#/leveringen">Leveringen</a>.
          </p>
        ) : (
          <>
            <div className="run">
              <label>
                Periode
                <select
                  value={periode}
                  onChange={(e) => {
                    setPeriode(e.target.value);
                    setWritten(null);
                  }}
                >
                  {periods.map((p) => (
                    <option key={p}>{p}</option>
                  ))}
                </select>
              </label>
            </div>
            <p data-testid="release-summary">
              {number.format(release.length)} gemeenten leverden over {periode}; {number.format(approved.length)} daarvan gaven akkoord voor publicatie. Alleen die gaan in de publicatie (met ALLE over
              alleen hen); de andere zijn voorlopig en alleen in de interne versie.
            </p>
            <div className="run grid-tools">
              {/* The number of voorzieningen per gemeente is not disclosure-controlled: the file is marked intern. */}
              <ExcelButton weergave="intern" onClick={() => releaseSave.save(() => exportTable({ naam: `publicatie_${periode}`, weergave: 'intern', tabel: releaseTable(periode, release) }))} />
            </div>
            <SaveStatus saved={releaseSave.saved} error={releaseSave.error} />
            <table className="log" data-testid="release-table">
              <thead>
                <tr>
                  <th scope="col">Gemeente</th>
                  <th scope="col" className="num">Versie</th>
                  <th scope="col" className="num">Voorzieningen</th>
                  <th scope="col">In de publicatie</th>
                </tr>
              </thead>
              <tbody>
                {release.map((r) => (
                  <tr key={r.gemeente}>
                    <th scope="row">
                      {r.gemeente} {r.gemeentenaam}
                    </th>
                    <td className="num">{r.versie}</td>
                    <td className="num">{number.format(r.rijen ?? 0)}</td>
                    <td>
                      <span className={`matrix-swatch state-${r.akkoord ? 'akkoord' : 'voorlopig'}`} aria-hidden="true" /> {inRelease(r)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              Onthullingscontrole: elk aantal onder de {minimum ?? '…'} cliënten en elk cijfer dat erop berust wordt onderdrukt, en zoveel andere cellen dat geen onderdrukte cel uit totalen is terug te rekenen; dat wordt per
              onderdrukte cel nagerekend. Het cijferbestand komt met audit.csv ernaast (welke cel waarom onderdrukt is). Het minimum stelt u in onder Instellingen (alleen strenger); een strenger minimum geldt vanaf de volgende export.
            </p>
            <div className="run">
              <button type="button" onClick={() => write(false)} disabled={job.busy || approved.length === 0}>
                Onthullingscontrole uitvoeren en cijfers opslaan…
              </button>
              <button type="button" className="secondary" onClick={() => write(true)} disabled={job.busy}>
                Interne versie opslaan (niet onderdrukt)…
              </button>
              <JobProgress job={job} label="Voortgang van de export" />
            </div>
            {approved.length === 0 && <p className="muted">Nog geen akkoord over {periode}: leg het akkoord van een gemeente vast bij Leveringen voordat u publiceert.</p>}
            <ErrorMessage error={error} />
          </>
        )}
      </section>
      {written && <ExportSummary written={written} minimum={minimum} />}
      {periode && <PacksPanel periode={periode} />}
    </>
  );
}

const SUMMARY_COLUMNS = kolommen({ onderdeel: 'Onderdeel', aantal: ['Aantal', 'aantal'] });

const inRelease = (r: CentralStatusRow) => `${r.akkoord ? `ja, akkoord ${formatDate(r.akkoord)}` : 'nee, voorlopig (geen akkoord voor deze versie)'}${r.sleutelGewijzigd ? '; sleutel gewijzigd' : ''}`;

/** The release of a period as the screen lists it, for its Excel export. */
function releaseTable(periode: string, release: readonly CentralStatusRow[]): OverzichtTabel {
  return {
    titel: `Publicatie ${periode}: leveringen en akkoord`,
    kolommen: kolommen({ gemeente: 'Gemeente', versie: ['Versie', 'aantal'], voorzieningen: ['Voorzieningen', 'aantal'], publicatie: 'In de publicatie' }),
    rijen: release.map((r) => ({ gemeente: `${r.gemeente} ${r.gemeentenaam ?? ''}`.trim(), versie: r.versie, voorzieningen: r.rijen ?? 0, publicatie: inRelease(r) })),
  };
}

function ExportSummary({ written, minimum }: { written: Written; minimum: number | null }) {
  const s = written.onderdrukking;
  const summarySave = useSave();
  const summary: [string, number][] = s
    ? [
        ['Cellen in de publicatie', s.cellen],
        ['Groepen van cellen (gecontroleerde combinaties)', s.groepen],
        [`Primair onderdrukt (minder dan ${minimum ?? '…'} cliënten)`, s.primair],
        ['Secundair onderdrukt (tegen terugrekenen)', s.secundair],
        ['Weggelaten (niet te beschermen verdelingen)', s.weggelaten],
        ['Controlerondes', s.rondes],
      ]
    : [];
  return (
    <section className="panel wide" aria-labelledby="export-summary-title" data-testid="export-summary">
      <h2 id="export-summary-title">{written.intern ? <span className="intern">Interne versie (intern, niet onderdrukt)</span> : 'Resultaat van de onthullingscontrole'}</h2>
      <p className="ok" role="status">
        Opgeslagen in {written.path}: {number.format(written.rijen)} regels over {written.gemeenten.join(', ')}
        {written.cbsJaren.length > 0 ? `, inwoners uit ${describeCbsJaren(written.cbsJaren)}${withoutCbs(written.gemeenten, written.cbsJaren)}` : ', zonder CBS-inwonertallen (geen cijfers per inwoner)'}.
      </p>
      {written.intern && <p className="intern">Niets is onderdrukt: dit bestand is alleen voor intern gebruik en niet om te delen.</p>}
      {s && (
        <>
          <div className="run grid-tools">
            <ExcelButton
              weergave="overzicht"
              onClick={() =>
                summarySave.save(() =>
                  exportTable({
                    naam: `onthullingscontrole_${written.periode}`,
                    weergave: 'overzicht',
                    tabel: { titel: `Onthullingscontrole van de publicatie ${written.periode} (${written.path})`, kolommen: SUMMARY_COLUMNS, rijen: summary.map(([onderdeel, aantal]) => ({ onderdeel, aantal })) },
                  }),
                )
              }
            />
          </div>
          <SaveStatus saved={summarySave.saved} error={summarySave.error} />
          <table className="log" data-testid="audit-summary">
            <tbody>
              {summary.map(([label, value]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td className="num">{number.format(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="ok" data-testid="audit-passed">
            Alle controles geslaagd: van elke onderdrukte cel is nagerekend dat ze niet uit de gepubliceerde cijfers is terug te rekenen (de export stopt anders zonder bestand).
          </p>
        </>
      )}
      {written.audit && <p>Verantwoording per onderdrukte cel: {written.audit}</p>}
    </section>
  );
}
