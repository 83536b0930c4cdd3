import { useEffect, useMemo, useState } from 'react';
import type { CentralExportResult, CentralStatusRow } from '../../shared/api.ts';
import { describeCbsJaren, withoutCbs } from '../../shared/cbsJaren.ts';
import { api } from '../api.ts';
import { formatDate } from '../format.ts';
import { ErrorMessage } from '../screens/ErrorMessage.tsx';
import { PacksPanel } from './PacksPanel.tsx';
import { JobProgress, useJob } from './useJob.tsx';
import './central.css';

const number = new Intl.NumberFormat('nl-NL');
type Written = Extract<CentralExportResult, { saved: true }> & { intern: boolean };

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
    api.central.thresholds().then((t) => setMinimum(t[0]?.waarde ?? null), setError);
    api.central.status().then((rows) => {
      setStatus(rows);
      setPeriode(periodsOf(rows)[0] ?? '');
    }, setError);
  }, []);
  const periods = useMemo(() => periodsOf(status), [status]);
  const release = status.filter((r) => r.status === 'actueel' && r.periode === periode);
  const approved = release.filter((r) => r.akkoord);

  const write = (intern: boolean) => {
    setError(null);
    setWritten(null);
    void job.run((jobId) => api.central.export({ periode, intern, jobId })).then((r) => setWritten(r.saved ? { ...r, intern } : null), setError);
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
                      <span className={`matrix-swatch state-${r.akkoord ? 'akkoord' : 'voorlopig'}`} aria-hidden="true" />{' '}
                      {r.akkoord ? `ja, akkoord ${formatDate(r.akkoord)}` : 'nee, voorlopig (geen akkoord voor deze versie)'}
                      {r.sleutelGewijzigd ? '; sleutel gewijzigd' : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              Onthullingscontrole: elk aantal onder de {minimum ?? '…'} cliënten en elk cijfer dat erop berust wordt onderdrukt, en zoveel andere cellen dat geen onderdrukte cel uit totalen is terug te rekenen; dat wordt per
              onderdrukte cel nagerekend. Het cijferbestand komt met audit.csv ernaast (welke cel waarom onderdrukt is).
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

function ExportSummary({ written, minimum }: { written: Written; minimum: number | null }) {
  const s = written.onderdrukking;
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
          <table className="log" data-testid="audit-summary">
            <tbody>
              <tr>
                <th scope="row">Cellen in de publicatie</th>
                <td className="num">{number.format(s.cellen)}</td>
              </tr>
              <tr>
                <th scope="row">Groepen van cellen (gecontroleerde combinaties)</th>
                <td className="num">{number.format(s.groepen)}</td>
              </tr>
              <tr>
                <th scope="row">Primair onderdrukt (minder dan {minimum ?? '…'} cliënten)</th>
                <td className="num">{number.format(s.primair)}</td>
              </tr>
              <tr>
                <th scope="row">Secundair onderdrukt (tegen terugrekenen)</th>
                <td className="num">{number.format(s.secundair)}</td>
              </tr>
              <tr>
                <th scope="row">Weggelaten (niet te beschermen verdelingen)</th>
                <td className="num">{number.format(s.weggelaten)}</td>
              </tr>
              <tr>
                <th scope="row">Controlerondes</th>
                <td className="num">{number.format(s.rondes)}</td>
              </tr>
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
