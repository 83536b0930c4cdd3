import { useMemo, useState } from 'react';
import type { TabelKolom, WijkKaart } from '../../shared/api.ts';
import { EChart } from '../overzicht/EChart.tsx';
import { FigureGrid } from '../central/FigureGrid.tsx';
import { registerWijkMap } from './echartsMaps.ts';
import { categoryMapOption, choroplethOption, featureCollection, type MapCategory, type MapValue } from './mapOptions.ts';

type Props = {
  kaart: WijkKaart | null;
  titel: string;
  testId: string;
  /** A figure per wijk (choropleth), formatted as `soort`… */
  waarden?: MapValue[];
  soort?: TabelKolom['soort'];
  /** …or a category per wijk (reference group), with the categories' names. */
  categorieen?: MapCategory[];
  namen?: ReadonlyMap<string, string>;
};

let registered = 0;

/** A wijk map from the imported GeoJSON, with a table view of what it shows. */
export function WijkMap({ kaart, titel, testId, waarden, soort = 'getal', categorieen, namen = new Map() }: Props) {
  const [asTable, setAsTable] = useState(false);
  const mapName = useMemo(() => (kaart && kaart.gebieden.length > 0 ? registerWijkMap(`wijken-${kaart.jaar}-${++registered}`, featureCollection(kaart)) : null), [kaart]);
  const option = useMemo(() => {
    if (mapName === null) return null;
    return categorieen ? categoryMapOption(mapName, categorieen, namen, titel) : choroplethOption(mapName, waarden ?? [], soort, titel);
  }, [mapName, waarden, categorieen, soort, titel, namen]);
  const onMap = new Set(kaart?.gebieden.map((g) => g.code) ?? []);
  const codes = categorieen ? categorieen.map((c) => c.code) : (waarden ?? []).map((v) => v.code);
  const missing = codes.filter((c) => !onMap.has(c)).length;

  if (kaart === null) return <p className="empty">Kaart wordt geladen…</p>;
  if (kaart.gebieden.length === 0) {
    return (
      <p className="note" role="note" data-testid={`${testId}-geen-kaart`}>
        Er is nog geen wijkkaart ingelezen (GeoJSON met de CBS-wijkcodes).
      </p>
    );
  }
  return (
    <div data-testid={testId}>
      <div className="run">
        <button type="button" className="secondary" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {asTable ? 'Kaart tonen' : 'Tabel tonen'}
        </button>
        <span className="muted">
          Kaart {kaart.jaar}: {kaart.gebieden.length.toLocaleString('nl-NL')} wijken
          {missing > 0 ? `; ${missing.toLocaleString('nl-NL')} wijken met een cijfer staan niet op de kaart` : ''}
          {!categorieen && (waarden ?? []).some((v) => v.waarde === null) ? '; grijs: geen cijfer of onderdrukt' : ''}
        </span>
      </div>
      {asTable ? (
        <FigureGrid
          testId={`${testId}-tabel`}
          kolommen={[
            { naam: 'code', titel: 'Wijkcode', soort: 'tekst' },
            { naam: 'naam', titel: 'Wijk', soort: 'tekst' },
            categorieen ? { naam: 'categorie', titel: 'Groep', soort: 'tekst' } : { naam: 'waarde', titel, soort },
          ]}
          rijen={categorieen ? categorieen.map((c) => ({ code: c.code, naam: c.naam, categorie: `${c.categorie} ${namen.get(c.categorie) ?? ''}`.trim() })) : (waarden ?? []).map((v) => ({ code: v.code, naam: v.naam, waarde: v.waarde ?? v.tekst ?? 'geen cijfer' }))}
        />
      ) : (
        option && <EChart option={option} label={titel} />
      )}
    </div>
  );
}
