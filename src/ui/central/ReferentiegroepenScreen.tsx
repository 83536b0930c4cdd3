import { useEffect, useMemo, useState } from 'react';
import type { CentralGroupsView, WijkKaart } from '../../shared/api.ts';
import { api } from '../api.ts';
import { WijkMap } from '../maps/WijkMap.tsx';
import { ErrorMessage } from '../screens/ErrorMessage.tsx';
import '../maps/echartsMaps.ts';
import type { FigureRow } from './FigureGrid.tsx';
import { ExportableGrid, FigurePanel, toExport } from './FigurePanel.tsx';
import { profileOption, profileRows, scatterOption } from './groupCharts.ts';
import { JobProgress, useJob } from './useJob.tsx';
import { kolommen } from './tableColumns.ts';

const GROUP_RANGE = { min: 6, max: 12 };

/** Referentiegroepen: groups of comparable wijken over the whole country, their profiles, map and peers. */
export function ReferentiegroepenScreen() {
  const [view, setView] = useState<CentralGroupsView | null>(null);
  const [kaart, setKaart] = useState<WijkKaart | null>(null);
  const [groepen, setGroepen] = useState('');
  const [groep, setGroep] = useState('');
  const [wijk, setWijk] = useState<string | null>(null);
  const [kleineWijk, setKleineWijk] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const job = useJob();

  useEffect(() => {
    api.central.map({}).then(setKaart, setError);
    // The size the grouping uses is the analyst's setting (Instellingen); it is said as such here.
    api.central.thresholds().then((t) => setKleineWijk(t.find((d) => d.code === 'kleine_wijk')?.waarde ?? null), setError);
  }, []);

  const compute = () => {
    setError(null);
    setSaved(null);
    const k = groepen === '' ? undefined : Number(groepen);
    job
      .run((jobId) => api.central.groupsView({ ...(k === undefined ? {} : { groepen: k }), jobId }))
      .then((v) => {
        setView(v);
        setGroep(v.groepen[0]?.code ?? '');
        setWijk(null);
      }, setError);
  };
  // The files hold the groups on the page: their year and, when the analyst fixed it, their
  // number, whatever the field says now. The core makes them anew (tens of seconds nationally).
  const saveCsv = () => {
    if (!view) return;
    setError(null);
    setSaved(null);
    setSaving(true);
    api.central
      .groups({ jaar: view.jaar, ...(view.keuze.gekozen === 'opgegeven' ? { groepen: view.keuze.k } : {}) })
      .then((r) => setSaved(r.saved ? r.path : null), setError)
      .finally(() => setSaving(false));
  };

  const names = useMemo(() => new Map(view?.groepen.map((g) => [g.code, g.naam]) ?? []), [view]);
  const selected = view?.wijken.find((w) => w.code === wijk) ?? null;
  // The two kenmerken on the scatter's axes.
  const [xNaam, yNaam] = view ? (view.assen.map((a) => view.kenmerken[a]!.naam) as [string, string]) : ['', ''];
  const klein = kleineWijk === null ? 'de ingestelde grootte' : `${kleineWijk.toLocaleString('nl-NL')} inwoners`;

  return (
    <>
      <section className="panel wide" aria-labelledby="groepen-keuze">
        <h2 id="groepen-keuze">Berekenen</h2>
        <p className="definition">
          Referentiegroepen worden gemaakt over alle wijken van het land uit de ingelezen CBS Kerncijfers (laatste jaar): wijken vanaf {klein} naar hun profiel (Ward, verfijnd met k-means), kleinere wijken en kernen in eigen groepen (de grens stelt u in onder Instellingen). Het aantal groepen kiest Wijkmonitor op het hoogste gemiddelde silhouet, tenzij u het vastlegt. De berekende groepen gebruikt de Benchmark.
        </p>
        <div className="run">
          <label>
            Aantal groepen ({GROUP_RANGE.min}–{GROUP_RANGE.max}; leeg: automatisch)
            <input type="number" min={GROUP_RANGE.min} max={GROUP_RANGE.max} value={groepen} onChange={(e) => setGroepen(e.target.value)} data-testid="groepen-aantal" className="narrow" />
          </label>
          <button type="button" onClick={compute} disabled={job.jobId !== null || saving}>
            {view ? 'Opnieuw berekenen' : 'Referentiegroepen berekenen'}
          </button>
          <button type="button" className="secondary" onClick={saveCsv} disabled={job.jobId !== null || view === null || saving}>
            Opslaan als CSV…
          </button>
          {saving && (
            <span role="status" data-testid="groepen-opslaan">
              <progress aria-label="Voortgang van het opslaan" /> De getoonde referentiegroepen worden opnieuw gemaakt en opgeslagen…
            </span>
          )}
        </div>
        <JobProgress job={job} label="Voortgang van de referentiegroepen" />
        <ErrorMessage error={error} />
        {saved && (
          <p className="ok" role="status">
            Opgeslagen in {saved} (met de buren en kenmerken ernaast)
          </p>
        )}
        {view && (
          <p data-testid="groepen-samenvatting">
            {view.groepen.length} groepen over {view.wijken.length.toLocaleString('nl-NL')} wijken uit de CBS Kerncijfers {view.jaar}; {view.keuze.k} groepen voor de wijken vanaf {klein},{' '}
            {view.keuze.gekozen === 'opgegeven'
              ? 'door de analist vastgelegd'
              : `gekozen op het hoogste gemiddelde silhouet (${view.keuze.silhouettes.map((s) => `${s.k}: ${s.silhouette.toLocaleString('nl-NL', { minimumFractionDigits: 3, maximumFractionDigits: 3 })}`).join(', ')})`}
            .
            {view.zonderInwoners > 0 && ` ${view.zonderInwoners.toLocaleString('nl-NL')} wijken zonder inwoners hebben geen groep.`}
            {view.weggelaten.length > 0 && ` Niet gebruikt: ${view.weggelaten.join('; ')}.`}
          </p>
        )}
      </section>

      {view && (
        <>
          <FigurePanel
            id="groepen"
            titel="Groepen"
            exporteer={toExport(`referentiegroepen_${view.jaar}`, 'overzicht', `Referentiegroepen uit de CBS Kerncijfers ${view.jaar}`, kolommen({ code: 'Groep', naam: 'Beschrijving', wijken: ['Wijken', 'aantal'], inwoners: ['Inwoners', 'aantal'] }), view.groepen.map((g) => ({ code: g.code, naam: g.naam, wijken: g.wijken, inwoners: g.inwoners })))}
            gridTestId="groepen-tabel"
            height={260}
            onSelect={(r) => setGroep(r.code as string)}
          />

          <FigurePanel
            id="profiel"
            titel={`Profiel van ${groep}`}
            uitleg="Per kenmerk het gemiddelde van de groep als index tegen het gemiddelde van alle wijken (100)."
            tools={
              <label>
                Groep
                <select value={groep} onChange={(e) => setGroep(e.target.value)} data-testid="profiel-groep">
                  {view.groepen.map((g) => (
                    <option key={g.code} value={g.code}>
                      {g.code}: {g.naam}
                    </option>
                  ))}
                </select>
              </label>
            }
            option={profileOption(view, groep)}
            chartLabel={`Profiel van ${groep} tegen alle wijken`}
            exporteer={toExport(`profiel_${groep}_${view.jaar}`, 'overzicht', `Profiel van ${groep} ${names.get(groep) ?? ''} tegen alle wijken, CBS Kerncijfers ${view.jaar}`, kolommen({ kenmerk: 'Kenmerk', groep: [`Gemiddelde ${groep}`, 'getal'], alle: ['Gemiddelde alle wijken', 'getal'], index: ['Index (alle = 100)', 'getal'] }), profileRows(view, groep))}
            gridTestId="profiel-tabel"
          />

          <FigurePanel
            id="spreiding"
            titel="Spreiding op de twee kenmerken die de groepen het meest scheiden"
            uitleg={`${xNaam} tegen ${yNaam}: de twee kenmerken waarvan het grootste deel van de spreiding tussen de groepen ligt.`}
            option={scatterOption(view, wijk)}
            chartLabel="Spreiding van de wijken per referentiegroep"
            exporteer={toExport(`spreiding_${view.jaar}`, 'overzicht', `Wijken op ${xNaam} en ${yNaam}, CBS Kerncijfers ${view.jaar}`, kolommen({ code: 'Wijk', naam: 'Naam', groep: 'Groep', x: [xNaam, 'getal'], y: [yNaam, 'getal'] }), view.wijken.map((w) => ({ code: w.code, naam: w.naam, groep: w.groep, x: w.x, y: w.y })))}
            gridTestId="spreiding-tabel"
          />

          <FigurePanel
            id="groepen-kaart"
            titel="Kaart naar referentiegroep"
            exporteer={toExport(`referentiegroep_per_wijk_${view.jaar}`, 'overzicht', `Referentiegroep per wijk, CBS Kerncijfers ${view.jaar}`, kolommen({ code: 'Wijk', naam: 'Naam', groep: 'Groep', groepnaam: 'Beschrijving' }), view.wijken.map((w) => ({ code: w.code, naam: w.naam, groep: w.groep, groepnaam: names.get(w.groep) ?? '' })))}
            body={<WijkMap kaart={kaart} titel="referentiegroep per wijk" testId="groepen-kaart-inhoud" categorieen={view.wijken.map((w) => ({ code: w.code, naam: w.naam, categorie: w.groep }))} namen={names} />}
          />

          <FigurePanel
            id="wijken"
            titel="Wijken en hun buren"
            uitleg="Kies een wijk: zijn groep, de afstand tot het midden van de groep en de tien meest vergelijkbare wijken in andere gemeenten."
            exporteer={toExport(`referentiegroepen_wijken_${view.jaar}`, 'overzicht', `Wijken en hun referentiegroep, CBS Kerncijfers ${view.jaar}`, kolommen({ code: 'Wijk', naam: 'Naam', gemeente: 'Gemeente', inwoners: ['Inwoners', 'aantal'], groep: 'Groep', afstand: ['Afstand tot het midden', 'getal'] }), view.wijken.map((w): FigureRow => ({ code: w.code, naam: w.naam, gemeente: w.gemeente, inwoners: w.inwoners, groep: w.groep, afstand: w.afstand })))}
            gridTestId="wijken-tabel"
            onSelect={(r) => setWijk(r.code as string)}
            footer={
              selected && (
                <div data-testid="wijk-buren">
                  <h3>
                    {selected.naam} ({selected.code}, {selected.gemeente}): {selected.groep} {names.get(selected.groep)}
                  </h3>
                  <ExportableGrid
                    testId="buren-tabel"
                    height={300}
                    exporteer={toExport(`buren_${selected.code}_${view.jaar}`, 'overzicht', `De tien meest vergelijkbare wijken van ${selected.naam} (${selected.code}, ${selected.gemeente}) in andere gemeenten, CBS Kerncijfers ${view.jaar}`, kolommen({ code: 'Buurwijk', naam: 'Naam', gemeente: 'Gemeente', afstand: ['Afstand', 'getal'] }), selected.buren)}
                  />
                </div>
              )
            }
          />
        </>
      )}
    </>
  );
}
