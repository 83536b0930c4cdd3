import { type ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import type { ChosenFile, ImportedFile, ImportPreview, ImportResult, ProgressEvent } from '../../shared/api.ts';
import { api, ApiCallError } from '../api.ts';
import { BerichtenImport } from './BerichtenImport.tsx';
import { periodeCode, periodeInWords } from '../../shared/periodText.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { ImportedFiles } from './ImportedFiles.tsx';
import { keyboardGridOptions } from './agGrid.ts';

const number = new Intl.NumberFormat('nl-NL');

/** Importeren: choose exports, check how they are read and which column is which, read them in. */
export function ImportScreen() {
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [refused, setRefused] = useState<string[]>([]);
  const [berichten, setBerichten] = useState<ChosenFile[]>([]);
  const [imported, setImported] = useState<ImportedFile[]>([]);
  // Bumped to read the same chosen file again from scratch (other period, other mapping).
  const [attempt, setAttempt] = useState(0);
  const refresh = () => void api.import.files().then(setImported, setError);
  useEffect(refresh, []);
  const add = (chosen: ChosenFile[]) => {
    setFiles((known) => [...known, ...chosen]);
    if (chosen[0]) setCurrent(chosen[0].id);
  };
  // The removed file is read again: the one chosen in this session when there is one, else the dialog.
  const reread = (file: ImportedFile) => {
    const chosen = [...files].reverse().find((f) => f.naam === file.bestand);
    if (!chosen) return choose();
    setCurrent(chosen.id);
    setAttempt((n) => n + 1);
  };
  const choose = () => {
    setError(null);
    setRefused([]);
    api.import.chooseFiles().then(add, setError);
  };
  const drop = (dropped: File[]) => {
    setError(null);
    setRefused([]);
    api.import.dropFiles({ files: dropped }).then(({ bestanden, geweigerd }) => {
      // Messages go to the Berichten panel; exports to the column mapping below.
      const isBericht = (f: ChosenFile) => /\.(xml|zip)$/i.test(f.naam);
      add(bestanden.filter((f) => !isBericht(f)));
      setBerichten(bestanden.filter(isBericht));
      setRefused(geweigerd);
    }, setError);
  };
  return (
    <>
      <section className="panel" aria-labelledby="files-title">
        <h2 id="files-title">Bestanden</h2>
        <p>Kies een of meer exports uit het cliëntsysteem (CSV of Excel). BSN’s worden tijdens het inlezen vervangen door pseudoniemen.</p>
        <DropZone onDrop={drop}>
          <button type="button" onClick={choose}>
            Bestanden kiezen…
          </button>
        </DropZone>
        {refused.length > 0 && (
          <div className="warning" role="alert" data-testid="refused-files">
            {refused.map((r) => (
              <p key={r}>{r}</p>
            ))}
          </div>
        )}
        {files.length > 0 && (
          <ul className="file-list">
            {files.map((f) => (
              <li key={f.id}>
                <button type="button" className={f.id === current ? '' : 'secondary'} aria-pressed={f.id === current} onClick={() => setCurrent(f.id)}>
                  {f.naam} ({number.format(Math.round(f.grootte / 1024))} kB)
                </button>
              </li>
            ))}
          </ul>
        )}
        <ErrorMessage error={error} />
      </section>
      <ImportedFiles files={imported} onChange={setImported} onReread={reread} />
      {current && <ImportFile key={`${current}|${attempt}`} bestandId={current} onImported={refresh} />}
      <BerichtenImport dropped={berichten} onImported={refresh} />
    </>
  );
}

/**
 * Where exports can be dropped, several at once, around the dialog button that does the same by
 * keyboard. The page only hands the dropped files on; which of them may be read is decided by the
 * host and the core, which also say why one is refused.
 */
export function DropZone({ onDrop, children, hint = 'Sleep exports hierheen (CSV, TXT of Excel .xlsx), ook meerdere tegelijk, of berichten (.xml, een zip of een hele map),' }: { onDrop(files: File[]): void; children: ReactNode; hint?: string }) {
  const [over, setOver] = useState(false);
  // Entering a child fires dragleave on the parent first: count, so the highlight does not flicker.
  const depth = useRef(0);
  const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  return (
    <div
      className={over ? 'drop-zone over' : 'drop-zone'}
      data-testid="drop-zone"
      onDragEnter={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current++;
        setOver(true);
      }}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        depth.current = 0;
        setOver(false);
        const files = [...event.dataTransfer.files];
        if (files.length > 0) onDrop(files);
      }}
    >
      <p className="drop-hint">{hint}</p>
      <span className="drop-or">of</span>
      {children}
    </div>
  );
}

function ImportFile({ bestandId, onImported }: { bestandId: string; onImported(): void }) {
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [kolommen, setKolommen] = useState<Record<string, string>>({});
  const [periode, setPeriode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [profiles, setProfiles] = useState<string[]>([]);
  const [profiel, setProfiel] = useState('');
  const [saveAs, setSaveAs] = useState('');

  const load = (lezer?: Record<string, unknown>, chosenProfile = profiel) =>
    api.import.preview({ bestandId, ...(lezer ? { lezer } : {}), ...(chosenProfile ? { profiel: chosenProfile } : {}) }).then((next) => {
      setPreview(next);
      setKolommen(next.kolommen);
      setError(null);
    }, setError);
  useEffect(() => void load(), [bestandId]);
  useEffect(() => void api.import.profiles().then(setProfiles, setError), []);
  useEffect(() => api.onProgress((event) => event.jobId === jobId && setProgress(event)), [jobId]);

  const columnDefs = useMemo<ColDef[]>(
    () => (preview?.headers ?? []).map((header, i) => ({ headerName: header, valueGetter: (p) => (p.data as string[])[i], minWidth: 110 })),
    [preview],
  );
  if (!preview) {
    // Without a usable header row there is no preview yet; the advice is to choose one, so offer it.
    const code = error instanceof ApiCallError ? error.code : '';
    return (
      <>
        <ErrorMessage error={error} />
        {(code === 'KOPREGEL_NIET_GEVONDEN' || code === 'KOPREGEL_LIJKT_GEGEVENS') && (
          <label>
            Kopregel op rij
            <input type="number" min={1} onChange={(e) => e.target.value !== '' && void load({ headerRow: Number(e.target.value) })} />
          </label>
        )}
      </>
    );
  }

  const run = () => {
    const id = crypto.randomUUID();
    setJobId(id);
    setResult(null);
    setError(null);
    api.import
      .run({ jobId: id, bestandId, periode: periodeCode(periode) ?? periode, lezer: preview.lezer, kolommen, decimaal: preview.decimaal, ...(saveAs.trim() ? { profiel: saveAs.trim() } : {}) })
      .then((done) => {
        setResult(done);
        onImported();
        return api.import.profiles().then(setProfiles);
      }, setError)
      .finally(() => {
        setJobId(null);
        setProgress(null);
      });
  };
  const lezer = preview.lezer;
  const labelOf = (veld: string) => preview.velden.find((v) => v.veld === veld)?.label ?? veld;

  return (
    <>
      <section className="panel wide" aria-labelledby="preview-title">
        <h2 id="preview-title">Voorbeeld</h2>
        <div className="reader-settings">
          {lezer.format === 'csv' ? (
            <>
              <label>
                Tekenset
                <select value={lezer.encoding} onChange={(e) => load({ encoding: e.target.value, delimiter: lezer.delimiter, headerRow: lezer.headerRow })}>
                  <option value="utf-8">UTF-8</option>
                  <option value="windows-1252">Windows-1252</option>
                </select>
              </label>
              <label>
                Scheidingsteken
                <select value={lezer.delimiter} onChange={(e) => load({ encoding: lezer.encoding, delimiter: e.target.value, headerRow: lezer.headerRow })}>
                  <option value=";">puntkomma (;)</option>
                  <option value=",">komma (,)</option>
                  <option value={'\t'}>tab</option>
                  <option value="|">verticale streep (|)</option>
                </select>
              </label>
            </>
          ) : (
            <label>
              Werkblad
              <select value={lezer.sheet} onChange={(e) => load({ sheet: e.target.value })}>
                {preview.sheets.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </label>
          )}
          <label>
            Kopregel op rij
            <input type="number" min={1} value={lezer.headerRow} onChange={(e) => load({ ...(lezer.format === 'csv' ? { encoding: lezer.encoding, delimiter: lezer.delimiter } : { sheet: lezer.sheet }), headerRow: Number(e.target.value) })} />
          </label>
        </div>
        {preview.waarschuwingen.map((w) => (
          <p key={w} className="warning">
            {w}
          </p>
        ))}
        <p className="muted" data-testid="preview-privacy">
          BSN’s zijn gemaskeerd (•••••••••) en van geboortedata staan alleen maand en jaar; namen en adressen blijven leeg. Zo komt er geen
          persoonsgegeven op het scherm. {preview.headers.length > 8 && `De export heeft ${preview.headers.length} kolommen: schuif in het voorbeeld opzij voor de rest.`}
        </p>
        <div className="grid" data-testid="preview-grid">
          <AgGridReact {...keyboardGridOptions} rowData={preview.rows} columnDefs={columnDefs} defaultColDef={{ resizable: true, sortable: false }} suppressColumnVirtualisation />
        </div>
      </section>
      <section className="panel wide" aria-labelledby="mapping-title">
        <h2 id="mapping-title">Kolommen koppelen</h2>
        <div className="run">
          <label>
            Koppelprofiel
            <select
              value={profiel}
              onChange={(e) => {
                setProfiel(e.target.value);
                setSaveAs(e.target.value);
                void load(undefined, e.target.value);
              }}
            >
              <option value="">— voorstel van Wijkmonitor —</option>
              {profiles.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
        </div>
        {preview.gewijzigd.map((g) => (
          <p key={g.veld} className="warning" role="status">
            Kolom “{g.was}” ({labelOf(g.veld)}) heet in deze export “{g.nu}”. Controleer de koppeling hieronder.
          </p>
        ))}
        {preview.ontbrekend.map((g) => (
          <p key={g.veld} className="warning" role="status">
            Kolom “{g.was}” ({labelOf(g.veld)}) staat niet in deze export. Kies de juiste kolom hieronder.
          </p>
        ))}
        <p>Wijkmonitor stelt de koppeling voor; controleer en pas aan. Kolommen die niet gekoppeld zijn (zoals naam en adres) worden nooit opgeslagen.</p>
        <table className="mapping">
          <tbody>
            {preview.velden.map((veld) => (
              <tr key={veld.veld}>
                <th scope="row">
                  <label htmlFor={`map-${veld.veld}`}>
                    {veld.label}
                    {veld.verplicht && <span aria-label="verplicht"> *</span>}
                  </label>
                </th>
                <td>
                  <select id={`map-${veld.veld}`} value={kolommen[veld.veld] ?? ''} onChange={(e) => setKolommen({ ...kolommen, [veld.veld]: e.target.value })}>
                    <option value="">— niet in deze export —</option>
                    {preview.headers.map((h) => (
                      <option key={h}>{h}</option>
                    ))}
                  </select>
                </td>
                <td className="muted" title={veld.codelijst ? `Codelijst ${veld.codelijst}` : undefined}>
                  {veld.omschrijving}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="run">
          <label>
            Profiel opslaan als (optioneel)
            <input value={saveAs} onChange={(e) => setSaveAs(e.target.value)} placeholder="bijv. Suite kwartaalexport" />
          </label>
          <PeriodInput
            value={periode}
            onChange={(next) => {
              setPeriode(next);
              // A refusal of the period typed before no longer applies.
              if (error instanceof ApiCallError && error.code.startsWith('PERIODE')) setError(null);
            }}
          />
          <button type="button" onClick={run} disabled={jobId !== null}>
            Inlezen
          </button>
          {jobId && (
            <>
              <progress aria-label="Voortgang van het inlezen" max={progress?.total ?? 1} value={progress?.done ?? 0} />
              <button type="button" className="secondary" onClick={() => void api.jobs.cancel({ id: jobId })}>
                Annuleren
              </button>
            </>
          )}
        </div>
        <ErrorMessage error={error} />
      </section>
      {result && <ImportSummary result={result} />}
    </>
  );
}

/** The period as the user writes it ("3e kwartaal 2026", "Q3 2026", …), read back while typing. */
function PeriodInput({ value, onChange }: { value: string; onChange(value: string): void }) {
  const code = periodeCode(value);
  return (
    <div className="period-input">
      <label>
        Periode van de export
        <input value={value} onChange={(e) => onChange(e.target.value)} aria-describedby="period-readback" />
      </label>
      <p id="period-readback" className={value.trim() !== '' && code === null ? 'field-hint error-text' : 'field-hint'} aria-live="polite">
        {value.trim() === ''
          ? 'Bijvoorbeeld 2026Q3, 3e kwartaal 2026, 2e halfjaar 2026 of 2026.'
          : code
            ? `Wordt ingelezen als ${code}: ${periodeInWords(code)}.`
            : 'Deze periode wordt niet herkend. Schrijf haar als 2026Q3, 3e kwartaal 2026, 2e halfjaar 2026 of 2026.'}
      </p>
    </div>
  );
}

function ImportSummary({ result }: { result: ImportResult }) {
  // It appears below the long mapping table, out of sight at a laptop's height; bring it in view.
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    // In a block: Chromium's scrollIntoView now returns a promise, which React would take for a cleanup.
    void panel.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <section className="panel wide" aria-labelledby="result-title" data-testid="import-result" ref={panel}>
      <h2 id="result-title">Resultaat</h2>
      <p role="status">
        {result.bestand} ({result.periode}): {number.format(result.rijenGelezen)} rijen gelezen, {number.format(result.rijenIngelezen)} ingelezen,{' '}
        {number.format(result.rijenUitgesloten)} uitgesloten.
      </p>
      {result.bevindingen.length > 0 && (
        <table className="log">
          <thead>
            <tr>
              <th scope="col">Gegeven</th>
              <th scope="col">Bevinding</th>
              <th scope="col" className="num">Aantal</th>
            </tr>
          </thead>
          <tbody>
            {result.bevindingen.map((b) => (
              <tr key={`${b.gegeven}|${b.controle}`}>
                <td>{b.gegeven}</td>
                <td>{b.omschrijving || b.controle}</td>
                <td className="num">{number.format(b.aantal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        Zie <a href="#/kwaliteit">Kwaliteit</a> voor de rijen per bevinding.
      </p>
    </section>
  );
}
