import { useEffect, useMemo, useState } from 'react';
import type { OverzichtTabel, TabelKeuze, WijkKaart } from '../../shared/api.ts';
import { api } from '../api.ts';
import { WijkMap } from '../maps/WijkMap.tsx';
import { ErrorMessage } from '../screens/ErrorMessage.tsx';

/** The Overzicht's per-wijk table the map draws, and what its Excel export writes (the same table). */
const perWijk = (periode: string): TabelKeuze => ({ periode, tabel: 'uitsplitsing', pijler: null, niveau: 'wijk', splitsing: [] });

/**
 * Overzicht: any figure per wijk on the wijk map. The shapes are the GeoJSON the gemeente reads
 * in here (the same file the analyst uses); the figures are the Overzicht's own per-wijk table.
 */
export function WijkMapPanel({ periode, wijknamen }: { periode: string; wijknamen: ReadonlyMap<string, string> }) {
  const [kaart, setKaart] = useState<WijkKaart | null>(null);
  const [tabel, setTabel] = useState<OverzichtTabel | null>(null);
  const [indicator, setIndicator] = useState('clienten');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [jaar, setJaar] = useState('');
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    api.areas.map().then(setKaart, setError);
  }, []);
  // The per-wijk figures take the engine a while: asked only once there is a map to draw them on.
  const hasMap = (kaart?.gebieden.length ?? 0) > 0;
  useEffect(() => {
    setTabel(null);
    if (hasMap) api.overzicht.tabel(perWijk(periode)).then(setTabel, setError);
  }, [periode, hasMap]);

  const columns = tabel?.kolommen.filter((k) => k.soort !== 'tekst') ?? [];
  const column = columns.find((k) => k.naam === indicator) ?? columns[0];
  // The gemeente's own wijk names (Gebieden) before the map's.
  const names = useMemo(() => new Map([...(kaart?.gebieden.flatMap((g) => (g.naam ? [[g.code, g.naam] as const] : [])) ?? []), ...wijknamen]), [wijknamen, kaart]);
  const waarden = useMemo(
    () =>
      tabel && column
        ? tabel.rijen.filter((r) => typeof r.gebied === 'string' && r.gebied !== '').map((r) => ({ code: r.gebied as string, naam: names.get(r.gebied as string) ?? (r.gebied as string), waarde: typeof r[column.naam] === 'number' ? (r[column.naam] as number) : null }))
        : [],
    [tabel, column, names],
  );

  const importMap = () => {
    setBusy(true);
    setError(null);
    api.areas
      .mapImport(jaar === '' ? {} : { jaar: Number(jaar) })
      .then((k) => k && setKaart(k), setError)
      .finally(() => setBusy(false));
  };

  const saveExcel = () => {
    setSaved(null);
    setError(null);
    api.overzicht.export(perWijk(periode)).then((r) => setSaved(r.saved ? r.path : null), setError);
  };

  return (
    <section className="panel wide chart-panel" aria-labelledby="wijkkaart-title" data-testid="panel-wijkkaart">
      <div className="panel-head">
        <h2 id="wijkkaart-title">Wijkkaart</h2>
        <div className="run">
          <label>
            Cijfer
            <select value={column?.naam ?? ''} onChange={(e) => setIndicator(e.target.value)} data-testid="wijkkaart-indicator" disabled={columns.length === 0}>
              {columns.map((k) => (
                <option key={k.naam} value={k.naam}>
                  {k.titel}
                </option>
              ))}
            </select>
          </label>
          <label>
            Jaar van de kaart (als het bestand het niet zegt)
            <input type="number" className="narrow" min={1990} max={2100} value={jaar} onChange={(e) => setJaar(e.target.value)} data-testid="wijkkaart-jaar" />
          </label>
          <button type="button" className="secondary" onClick={importMap} disabled={busy}>
            {kaart?.jaar ? 'Andere wijkkaart inlezen…' : 'Wijkkaart inlezen…'}
          </button>
          {tabel && (
            <button type="button" className="secondary" onClick={saveExcel}>
              Excel…
            </button>
          )}
        </div>
      </div>
      <p className="definition">
        Elk cijfer per wijk op de kaart (intern, niet onderdrukt). De kaart is een GeoJSON-bestand met de CBS-wijkcodes, in RD New of WGS84, hetzelfde bestand dat de analist gebruikt.
      </p>
      <ErrorMessage error={error} />
      {saved && (
        <p className="ok" role="status">
          Opgeslagen in {saved}
        </p>
      )}
      <WijkMap kaart={kaart} titel={column?.titel ?? 'Cijfer'} testId="wijkkaart" waarden={waarden} soort={column?.soort ?? 'getal'} />
    </section>
  );
}
