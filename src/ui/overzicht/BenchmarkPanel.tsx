import { useEffect, useState } from 'react';
import type { BenchmarkValue, BenchmarkView } from '../../shared/api.ts';
import { SUPPRESSED_MARK } from '../../shared/packStatus.ts';
import { api } from '../api.ts';
import { ErrorMessage } from '../screens/ErrorMessage.tsx';
import { formatFigure } from './format.ts';

const date = (iso: string) => new Date(iso).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });

function shown(value: BenchmarkValue, eenheid: string): string {
  if (value === 'onderdrukt') return SUPPRESSED_MARK;
  return formatFigure(value, eenheid === 'ratio' ? 'getal' : eenheid);
}

/**
 * Overzicht › Benchmark: each wijk's own figures (unsuppressed, internal) beside the central
 * release's reference group, gemeente and all gemeenten, with the sr and its interval. The
 * release comes from the benchmark file the analyst sends; it is imported here.
 */
export function BenchmarkPanel() {
  const [view, setView] = useState<BenchmarkView | null>(null);
  const [periode, setPeriode] = useState<string | undefined>(undefined);
  const [melding, setMelding] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setError(null);
    api.benchmark.view(periode ? { periode } : {}).then(setView, setError);
  }, [periode]);

  async function importFile() {
    setError(null);
    setMelding(null);
    try {
      const result = await api.benchmark.import();
      if (!result.imported) return;
      setMelding(`Benchmark ${result.periode} ingelezen (${result.status}): ${result.wijken} wijken, centrale release van ${date(result.aangemaakt)}.`);
      setPeriode(result.periode);
      setView(await api.benchmark.view({ periode: result.periode }));
    } catch (e) {
      setError(e);
    }
  }

  const gekozen = view?.gekozen ?? null;
  return (
    <section className="panel wide" aria-labelledby="benchmark-titel" data-testid="panel-benchmark">
      <h2 id="benchmark-titel">Benchmark</h2>
      <div className="run">
        <button type="button" onClick={importFile}>
          Benchmarkbestand inlezen…
        </button>
        {view && view.releases.length > 1 && (
          <label>
            Release
            <select value={gekozen?.periode ?? ''} onChange={(e) => setPeriode(e.target.value)} data-testid="benchmark-periode">
              {view.releases.map((r) => (
                <option key={r.periode} value={r.periode}>
                  {r.periode}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {melding && <p role="status">{melding}</p>}
      <ErrorMessage error={error} />
      {view && !gekozen && <p className="empty">Nog geen benchmark: lees het benchmarkbestand (…_benchmark.zip) in dat u van de analist kreeg.</p>}
      {gekozen && (
        <>
          <p className="note" data-testid="benchmark-bron">
            Centrale release van {date(gekozen.aangemaakt)} · {gekozen.periode} · {gekozen.status}. Referentiegroep, gemeente en alle gemeenten komen uit die release en zijn onderdrukt ({SUPPRESSED_MARK} = onderdrukt, – = niet gepubliceerd); “eigen” zijn de eigen cijfers van deze gemeente, niet onderdrukt (intern).
          </p>
          {gekozen.toelichting && <p data-testid="benchmark-toelichting">Toelichting van de analist: {gekozen.toelichting}</p>}
          {!gekozen.eigenCijfers && <p className="warning">Er zijn geen eigen gegevens over {gekozen.periode} ingelezen: de kolom “eigen” blijft leeg.</p>}
          {gekozen.wijken.map((w) => (
            <article key={w.wijk} className="benchmark-wijk" data-testid={`benchmark-${w.wijk}`}>
              <h3>{w.wijknaam && w.wijknaam !== w.wijk ? `${w.wijknaam} (${w.wijk})` : w.wijk}</h3>
              <p className="definition">{w.groep ? `Referentiegroep ${w.groep}: ${w.groepnaam}` : 'Geen referentiegroep (te weinig inwoners of geen CBS-profiel).'}</p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Indicator</th>
                    <th scope="col">Eigen wijk (intern)</th>
                    <th scope="col">Referentiegroep</th>
                    <th scope="col">Gemeente</th>
                    <th scope="col">Alle gemeenten</th>
                  </tr>
                </thead>
                <tbody>
                  {w.rijen.map((r) => (
                    <tr key={r.indicator}>
                      <th scope="row">{r.naam}</th>
                      <td className="number">{formatFigure(r.eigen, r.eenheid)}</td>
                      <td className="number">{shown(r.groep, r.eenheid)}</td>
                      <td className="number">{shown(r.gemeente, r.eenheid)}</td>
                      <td className="number">{shown(r.alle, r.eenheid)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {w.sr.length > 0 && (
                <ul className="benchmark-sr">
                  {w.sr.map((s) => (
                    <li key={s.dimensie}>
                      sr {s.dimensie.replace(/^pijler=/, '') || 'totaal'}: {shown(s.sr, 'getal')} (95 %-interval {shown(s.onder, 'getal')} – {shown(s.boven, 'getal')}; 100 = zoals verwacht bij deze bevolkingsopbouw)
                    </li>
                  ))}
                </ul>
              )}
            </article>
          ))}
        </>
      )}
    </section>
  );
}
