import { useEffect, useState } from 'react';
import type { CentralPackRelease, CentralPackResult, CentralPackSetting, PackStatus } from '../../shared/api.ts';
import { GEEN_IJKPERIODE, PACK_STATUSES } from '../../shared/packStatus.ts';
import { api } from '../api.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { ErrorMessage } from '../screens/ErrorMessage.tsx';
import { JobProgress, useJob } from './useJob.tsx';

const number = new Intl.NumberFormat('nl-NL');
type Made = Extract<CentralPackResult, { saved: true }>;
type Draft = { status: PackStatus; toelichting: string };

/** The files of a pack in the order the issue names them, with what each is for. */
const PACK_FILES = [
  { key: 'xlsx', wat: 'Excel' },
  { key: 'pdf', wat: 'PDF-rapportage' },
  { key: 'benchmark', wat: 'benchmarkbestand' },
  { key: 'parquet', wat: 'verrijkte dataset (Parquet)' },
  { key: 'csv', wat: 'verrijkte dataset (CSV)' },
] as const;

const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;
const changed = (row: CentralPackSetting, draft: Draft | undefined) => draft !== undefined && (draft.status !== row.status || draft.toelichting !== row.toelichting);

/**
 * The packs of a period: per approved gemeente its status and toelichting (stored in the core, in
 * every file of its pack), then the packs for all or some of them into a chosen folder.
 */
export function PacksPanel({ periode }: { periode: string }) {
  const job = useJob();
  const [rows, setRows] = useState<CentralPackSetting[]>([]);
  const [release, setRelease] = useState<CentralPackRelease | null>(null);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [made, setMade] = useState<Made | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setMade(null);
    setDrafts({});
    api.central.packSettings({ periode }).then((list) => {
      setRows(list);
      setChosen(new Set(list.map((r) => r.gemeente)));
    }, setError);
    api.central.packRelease({ periode }).then(setRelease, setError);
  }, [periode]);

  const chooseIjk = (value: string) => {
    setError(null);
    api.central.setPackIjkperiode({ periode, ijkperiode: value === '' ? null : value }).then(setRelease, setError);
  };

  const stored = (row: CentralPackSetting): Draft => ({ status: row.status, toelichting: row.toelichting });
  const draftOf = (row: CentralPackSetting): Draft => drafts[row.gemeente] ?? stored(row);
  const edit = (row: CentralPackSetting, change: Partial<Draft>) => setDrafts((all) => ({ ...all, [row.gemeente]: { ...(all[row.gemeente] ?? stored(row)), ...change } }));

  const save = async (row: CentralPackSetting): Promise<void> => {
    const saved = await api.central.setPackSetting({ gemeente: row.gemeente, periode, ...draftOf(row) });
    setRows((list) => list.map((r) => (r.gemeente === saved.gemeente ? saved : r)));
    setDrafts(({ [row.gemeente]: _saved, ...rest }) => rest);
  };

  const make = async () => {
    setError(null);
    setMade(null);
    try {
      // What is on screen goes into the packs: unsaved changes are stored first.
      for (const row of rows) if (changed(row, drafts[row.gemeente])) await save(row);
      // Always by name, never "all": a gemeente on screen that lost its akkoord since gets its reason instead of silently no pack.
      const gemeenten = rows.filter((r) => chosen.has(r.gemeente)).map((r) => r.gemeente);
      const result = await job.run((jobId) => api.central.pack({ periode, gemeenten, jobId }));
      if (result.saved) setMade(result);
    } catch (e) {
      setError(e);
    }
  };

  if (rows.length === 0)
    return (
      <section className="panel wide" aria-labelledby="packs-title">
        <h2 id="packs-title">Pakketten per gemeente</h2>
        <p className="muted" data-testid="packs-empty">
          Nog geen gemeente met akkoord over {periode}: een pakket wordt alleen gemaakt voor een gemeente die akkoord gaf voor haar actuele levering (Leveringen).
        </p>
        <ErrorMessage error={error} />
      </section>
    );

  return (
    <section className="panel wide" aria-labelledby="packs-title">
      <h2 id="packs-title">Pakketten per gemeente</h2>
      <p>
        Per gemeente een Excel-bestand, een PDF-rapportage, het benchmarkbestand en de verrijkte dataset, alle uit de onderdrukte publicatie van {periode}. De status en de toelichting staan in elk bestand van het
        pakket.
      </p>
      {release && <IjkChoice release={release} disabled={job.busy} onChange={chooseIjk} />}
      <table className="log pack-settings" data-testid="pack-settings">
        <thead>
          <tr>
            <th scope="col">Meenemen</th>
            <th scope="col">Gemeente</th>
            <th scope="col">Akkoord</th>
            <th scope="col">Status</th>
            <th scope="col">Toelichting van de gemeente</th>
            <th scope="col">Opgeslagen</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const draft = draftOf(row);
            const dirty = changed(row, drafts[row.gemeente]);
            const naam = `${row.gemeente} ${row.gemeentenaam}`;
            return (
              <tr key={row.gemeente}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Pakket van ${naam} maken`}
                    checked={chosen.has(row.gemeente)}
                    disabled={job.busy}
                    onChange={(e) =>
                      setChosen((set) => {
                        const next = new Set(set);
                        if (e.target.checked) next.add(row.gemeente);
                        else next.delete(row.gemeente);
                        return next;
                      })
                    }
                  />
                </td>
                <th scope="row">{naam}</th>
                <td className="date">{formatDate(row.akkoord)}</td>
                <td>
                  <select aria-label={`Status van ${naam}`} value={draft.status} disabled={job.busy} onChange={(e) => edit(row, { status: e.target.value as PackStatus })}>
                    {PACK_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <textarea aria-label={`Toelichting van ${naam}`} rows={2} maxLength={20_000} value={draft.toelichting} disabled={job.busy} onChange={(e) => edit(row, { toelichting: e.target.value })} />
                </td>
                <td>
                  {dirty ? (
                    <button type="button" className="secondary small" disabled={job.busy} onClick={() => save(row).catch(setError)}>
                      Opslaan<span className="visually-hidden"> ({row.gemeente})</span>
                    </button>
                  ) : row.gewijzigd ? (
                    formatDateTime(row.gewijzigd)
                  ) : (
                    <span className="muted">nog niet gezet</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="run">
        <button type="button" onClick={() => void make()} disabled={job.busy || chosen.size === 0}>
          Pakketten maken ({number.format(chosen.size)} van {number.format(rows.length)})…
        </button>
        <JobProgress job={job} label="Voortgang van de pakketten" />
      </div>
      <ErrorMessage error={error} />
      {made && <PackResults made={made} names={new Map(rows.map((r) => [r.gemeente, r.gemeentenaam]))} />}
    </section>
  );
}

/**
 * The release's ijkperiode, stored in the core: the default, an earlier published period of the
 * same length, or none. A choice stored from the CLI that has no publication yet stays listed.
 */
function IjkChoice({ release, disabled, onChange }: { release: CentralPackRelease; disabled: boolean; onChange(value: string): void }) {
  const periods = release.ijkperiode && release.ijkperiode !== GEEN_IJKPERIODE && !release.gepubliceerd.includes(release.ijkperiode) ? [...release.gepubliceerd, release.ijkperiode] : release.gepubliceerd;
  return (
    <p>
      <label>
        Ijkperiode (de verandering in de managementsamenvatting en de trends){' '}
        <select value={release.ijkperiode ?? ''} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          <option value="">standaard: {release.jaarEerder} als die gepubliceerd is, anders de vroegste publicatie met dezelfde sleutel</option>
          {periods.map((p) => (
            <option key={p} value={p}>
              {p}
              {release.gepubliceerd.includes(p) ? '' : ' (nog geen publicatie)'}
            </option>
          ))}
          <option value={GEEN_IJKPERIODE}>geen ijkperiode</option>
        </select>
      </label>{' '}
      <span className="muted" data-testid="pack-ijk-published">
        {release.gepubliceerd.length === 0 ? 'Nog geen eerdere publicatie opgeslagen.' : `Gepubliceerd: ${release.gepubliceerd.join(', ')}.`} Beide perioden komen elk uit hun eigen onderdrukte publicatie.
      </span>
    </p>
  );
}

function PackResults({ made, names }: { made: Made; names: ReadonlyMap<string, string> }) {
  const [error, setError] = useState<unknown>(null);
  const failed = made.gemeenten.filter((g) => !g.ok).length;
  return (
    <div data-testid="pack-results">
      <p className={failed ? 'error' : 'ok'} role="status">
        {number.format(made.gemeenten.length - failed)} van {number.format(made.gemeenten.length)} pakketten gemaakt in {made.map}
        {failed ? `; ${number.format(failed)} mislukt (zie hieronder)` : ''}. De publicatie en de verantwoording per onderdrukte cel staan in de map van de analist: {made.release}, {made.audit}.
      </p>
      <table className="log">
        <thead>
          <tr>
            <th scope="col">Gemeente</th>
            <th scope="col">Uitkomst</th>
            <th scope="col">Bestanden</th>
          </tr>
        </thead>
        <tbody>
          {made.gemeenten.map((g) => (
            <tr key={g.gemeente}>
              <th scope="row">
                {g.gemeente} {names.get(g.gemeente) ?? ''}
              </th>
              {g.ok ? (
                <>
                  <td>
                    gemaakt, {g.setting.status}
                    {g.setting.toelichting ? ', met toelichting' : ', zonder toelichting'}, {g.ijk.periode ? `ijkperiode ${g.ijk.periode}` : 'geen ijkperiode'}
                    {g.ijk.notes.length > 0 && (
                      <ul className="muted">
                        {g.ijk.notes.map((n) => (
                          <li key={n}>{n}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <ul className="pack-files">
                      {PACK_FILES.map((f) => (
                        <li key={f.key}>
                          {baseName(g.files[f.key])} <span className="muted">({f.wat})</span>
                        </li>
                      ))}
                    </ul>
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() => {
                        setError(null);
                        api.central.packShowInFolder({ gemeente: g.gemeente }).catch(setError);
                      }}
                    >
                      Toon in map<span className="visually-hidden"> ({g.gemeente})</span>
                    </button>
                  </td>
                </>
              ) : (
                <>
                  <td className="error">niet gemaakt</td>
                  <td>{g.fout}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorMessage error={error} />
    </div>
  );
}
