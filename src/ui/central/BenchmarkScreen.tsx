import { useEffect, useMemo, useState } from 'react';
import type { BenchmarkCijfer, CentralBenchmark, CentralFlowView, CentralTrendView, TabelKolom, WijkKaart } from '../../shared/api.ts';
import { api, ApiCallError } from '../api.ts';
import { WijkMap } from '../maps/WijkMap.tsx';
import '../maps/echartsMaps.ts';
import { ErrorMessage } from '../screens/ErrorMessage.tsx';
import { comparisonOption, funnelOption, srOption, trendOption, type Bar } from './benchmarkCharts.ts';
import { FigurePanel, fileSafe, toExport, useSave } from './FigurePanel.tsx';
import { JobProgress, useJob } from './useJob.tsx';
import { kolommen } from './tableColumns.ts';
import { MIN_EXPECTED_SHOWN } from '../../shared/standardisationDisplay.ts';
import { KOSTEN_BRON_TITELS, KOSTEN_BRONNEN, markKostenBron, MET_TOEREKENING } from '../../shared/kostenBron.ts';

const ALL_WIJKEN = '';
/** The display rule for a standardised ratio (README, Referentiegroepen en standaardisatie): at least 5 expected clients. */
const FLOW_DIMENSIONS = ['pijler', 'voorziening', 'leefdomein'] as const;

/** `pijler=WMO` as the analyst reads it. */
const splitLabel = (d: string) => (d === '' ? 'totaal' : d.replace('=', ': '));

/**
 * Benchmark: a gemeente's wijken against their reference group, their gemeente and all
 * participating gemeenten, as a publication holds the figures (suppressed), or internally.
 */
export function BenchmarkScreen() {
  const [perioden, setPerioden] = useState<string[] | null>(null);
  const [periode, setPeriode] = useState('');
  const [intern, setIntern] = useState(false);
  const [dimensie, setDimensie] = useState('');
  const [gemeente, setGemeente] = useState('');
  const [wijk, setWijk] = useState(ALL_WIJKEN);
  const [indicator, setIndicator] = useState('clienten');
  const [view, setView] = useState<CentralBenchmark | null>(null);
  const [kaart, setKaart] = useState<WijkKaart | null>(null);
  const [error, setError] = useState<unknown>(null);
  const job = useJob();

  useEffect(() => {
    api.central.map({}).then(setKaart, setError);
    api.central.status().then((rows) => {
      const list = [...new Set(rows.filter((r) => r.status === 'actueel' && r.periode !== null).map((r) => r.periode!))].sort().reverse();
      setPerioden(list);
      setPeriode(list[0] ?? '');
    }, setError);
  }, []);

  useEffect(() => {
    if (!periode) return;
    setError(null);
    job
      .run((jobId) => api.central.benchmark({ periode, intern, dimensie, ...(gemeente ? { gemeente } : {}), jobId }))
      .then((v) => {
        setView(v);
        if (!gemeente || !v.gemeenten.some((g) => g.code === gemeente)) setGemeente(v.gemeenten[0]?.code ?? '');
        if (!v.dimensies.includes(dimensie)) setDimensie('');
      }, (e) => {
        setView(null);
        setError(e);
      });
  }, [periode, intern, dimensie, gemeente]);

  const mark = intern ? ' (intern)' : '';
  const weergave = intern ? 'intern' : 'gepubliceerd';
  const split = fileSafe(dimensie);
  const kolom = (code: string): TabelKolom | undefined => view?.tabel?.kolommen.find((k) => k.naam === code);
  const soort = kolom(indicator)?.soort ?? 'getal';
  const indicatorName = kolom(indicator)?.titel ?? indicator;
  const cijfer = useMemo(() => {
    const map = new Map((view?.cijfers ?? []).map((c) => [`${c.gemeente}|${c.gebied}|${c.indicator}`, c]));
    return (g: string, gebied: string, code: string): BenchmarkCijfer | undefined => map.get(`${g}|${gebied}|${code}`);
  }, [view]);
  const wijken = view?.wijken.filter((w) => w.gemeente === gemeente) ?? [];
  const chosen = wijken.find((w) => w.code === wijk) ?? null;
  const gemeenteNaam = view?.gemeenten.find((g) => g.code === gemeente)?.naam ?? gemeente;
  const bar = (label: string, c: BenchmarkCijfer | undefined): Bar => ({ label, waarde: c?.waarde ?? null, onderdrukt: c?.onderdrukt ?? false });

  const bars: Bar[] = !view
    ? []
    : chosen
      ? [
          bar(`${chosen.naam} (wijk)`, cijfer(gemeente, chosen.code, indicator)),
          ...(chosen.groep ? [bar(`${chosen.groep} (referentiegroep)`, cijfer('', chosen.groep, indicator))] : []),
          bar(`${gemeenteNaam} (gemeente)`, cijfer(gemeente, '', indicator)),
          bar('Alle deelnemende gemeenten', cijfer('ALLE', '', indicator)),
        ]
      : [...wijken.map((w) => bar(w.naam, cijfer(gemeente, w.code, indicator))), bar(`${gemeenteNaam} (gemeente)`, cijfer(gemeente, '', indicator)), bar('Alle deelnemende gemeenten', cijfer('ALLE', '', indicator))];

  const srAreas = !view
    ? []
    : [
        ...(chosen ? [chosen] : wijken).map((w) => ({ label: w.naam, g: gemeente, gebied: w.code })),
        ...(chosen?.groep ? [{ label: chosen.groep, g: '', gebied: chosen.groep }] : []),
        { label: gemeenteNaam, g: gemeente, gebied: '' },
      ];
  const srRows = srAreas.map((a) => {
    const sr = cijfer(a.g, a.gebied, 'sr');
    const expected = cijfer(a.g, a.gebied, 'verwacht')?.waarde ?? null;
    // An sr on fewer than MIN_EXPECTED_SHOWN expected clients swings by chance alone: not shown.
    const small = expected !== null && expected < MIN_EXPECTED_SHOWN;
    const value = (code: string) => (small ? null : (cijfer(a.g, a.gebied, code)?.waarde ?? null));
    return { label: a.label, sr: value('sr'), onder: value('sr_onder'), boven: value('sr_boven'), onderdrukt: sr?.onderdrukt ?? cijfer(a.g, a.gebied, 'verwacht')?.onderdrukt ?? false, klein: small };
  });
  const dots = (view?.wijken ?? []).flatMap((w) => {
    const sr = cijfer(w.gemeente, w.code, 'sr')?.waarde;
    const e = cijfer(w.gemeente, w.code, 'verwacht')?.waarde;
    return sr == null || e == null || e < MIN_EXPECTED_SHOWN ? [] : [{ code: w.code, naam: w.naam, gemeente: w.gemeente, verwacht: e, sr, eigen: w.gemeente === gemeente, gekozen: w.code === wijk }];
  });
  // A suppressed wijk has no point on the funnel; its table view says so rather than leave it out unseen.
  const suppressedDots = (view?.wijken ?? []).flatMap((w) => {
    const sr = cijfer(w.gemeente, w.code, 'sr');
    const e = cijfer(w.gemeente, w.code, 'verwacht');
    if (!sr?.onderdrukt && !e?.onderdrukt) return [];
    if (e?.waarde != null && e.waarde < MIN_EXPECTED_SHOWN) return [];
    return [{ code: w.code, naam: w.naam, gemeente: w.gemeente, verwacht: e?.onderdrukt ? 'onderdrukt' : (e?.waarde ?? null), sr: 'onderdrukt' }];
  });
  const mapValues = (view?.wijken ?? []).map((w) => {
    const c = cijfer(w.gemeente, w.code, indicator);
    return { code: w.code, naam: `${w.naam} (${w.gemeente})`, waarde: c?.waarde ?? null, tekst: c?.onderdrukt ? 'onderdrukt' : 'geen cijfer' };
  });


  if (perioden === null) return <ErrorMessage error={error} />;
  if (perioden.length === 0) {
    return (
      <section className="panel">
        <p className="empty">Nog geen leveringen: lees ze eerst in onder Leveringen.</p>
      </section>
    );
  }
  const indicatoren = (view?.indicatoren ?? []).filter((i) => i !== 'sr_onder' && i !== 'sr_boven');
  return (
    <>
      <section className="panel wide" aria-labelledby="benchmark-keuze">
        <h2 id="benchmark-keuze" className="visually-hidden">
          Keuze
        </h2>
        {intern ? (
          <p className="intern" role="note" data-testid="benchmark-weergave">
            Intern: niet onderdrukte cijfers van alle actuele leveringen, ook zonder akkoord. Niet publiceren; exports zijn gemarkeerd als intern.
          </p>
        ) : (
          <p className="note" role="note" data-testid="benchmark-weergave">
            Zoals gepubliceerd: alleen gemeenten met akkoord, kleine aantallen onderdrukt (onthullingscontrole). Wat hier staat is wat de export publiceert.
          </p>
        )}
        <div className="run">
          <label>
            Periode
            <select value={periode} onChange={(e) => setPeriode(e.target.value)} data-testid="benchmark-periode">
              {perioden.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label>
            Gemeente
            <select value={gemeente} onChange={(e) => { setGemeente(e.target.value); setWijk(ALL_WIJKEN); }} data-testid="benchmark-gemeente" disabled={!view}>
              {view?.gemeenten.map((g) => (
                <option key={g.code} value={g.code}>
                  {g.naam} ({g.code})
                </option>
              ))}
            </select>
          </label>
          <label>
            Wijk
            <select value={wijk} onChange={(e) => setWijk(e.target.value)} data-testid="benchmark-wijk" disabled={!view}>
              <option value={ALL_WIJKEN}>alle wijken van de gemeente</option>
              {wijken.map((w) => (
                <option key={w.code} value={w.code}>
                  {w.naam} ({w.code})
                </option>
              ))}
            </select>
          </label>
          <label>
            Cijfer
            <select value={indicator} onChange={(e) => setIndicator(e.target.value)} data-testid="benchmark-indicator" disabled={!view}>
              {indicatoren.map((i) => (
                <option key={i} value={i}>
                  {kolom(i)?.titel ?? i}
                </option>
              ))}
            </select>
          </label>
          <label>
            Uitsplitsing
            <select value={dimensie} onChange={(e) => setDimensie(e.target.value)} data-testid="benchmark-dimensie" disabled={!view}>
              {(view?.dimensies ?? ['']).map((d) => (
                <option key={d} value={d}>
                  {splitLabel(d)}
                </option>
              ))}
            </select>
          </label>
          <label className="switch">
            <input type="checkbox" role="switch" checked={intern} onChange={(e) => setIntern(e.target.checked)} data-testid="benchmark-intern" />
            Interne weergave (niet onderdrukt)
          </label>
        </div>
        <JobProgress job={job} label="Voortgang van de benchmark" />
        {error instanceof ApiCallError && error.code === 'GEEN_AKKOORD' ? (
          // Not a failure: nothing of this period may be published yet, which is what the view shows.
          <p className="note" role="note" data-testid="benchmark-geen-akkoord">
            Nog geen enkele gemeente gaf akkoord voor publicatie over {periode}: een publicatie bevat dan niets. Zet de interne weergave aan om de cijfers intern te bekijken.
          </p>
        ) : (
          <ErrorMessage error={error} />
        )}
        {view?.meldingen.map((m) => (
          <p key={m} className="note" role="note">
            {m}
          </p>
        ))}
        {view?.onderdrukking && (
          <p className="muted" data-testid="benchmark-onderdrukking">
            Onthullingscontrole: {view.onderdrukking.cellen.toLocaleString('nl-NL')} cellen, {view.onderdrukking.primair.toLocaleString('nl-NL')} primair en {view.onderdrukking.secundair.toLocaleString('nl-NL')} secundair onderdrukt.
          </p>
        )}
      </section>

      {view && view.tabel && (
        <>
          <FigurePanel
            id="vergelijking"
            titel={
              <>
                {indicatorName}: {chosen ? `${chosen.naam} tegen referentiegroep, gemeente en alle` : `wijken van ${gemeenteNaam}`}
                {mark}
              </>
            }
            uitleg={`${periode}, ${splitLabel(dimensie)}. Onderdrukte cijfers staan er als “onderdrukt”, nooit als 0.`}
            option={comparisonOption(bars, soort, indicatorName)}
            chartLabel={`${indicatorName}${mark}`}
            exporteer={{ naam: `benchmark_${gemeente}_${periode}_${split}`, weergave, tabel: view.tabel }}
            // The core builds this table itself from the period's figures (the benchmark workbook).
            excel={() => api.central.benchmarkExport({ periode, intern, dimensie, gemeente })}
            gridTestId="benchmark-tabel"
          />

          {dimensie.startsWith('pijler=') && (
            <>
              <FigurePanel
                id="sr"
                titel={`Gestandaardiseerde ratio (SR) met 95 %-interval${mark}`}
                uitleg="Waargenomen cliënten gedeeld door het verwachte aantal naar leeftijd en geslacht (indirecte standaardisatie), maal 100. Boven 100: meer cliënten dan verwacht. Een SR op minder dan 5 verwachte cliënten wordt niet getoond."
                option={srOption(srRows)}
                chartLabel={`Gestandaardiseerde ratio${mark}`}
                exporteer={{
                  naam: `sr_${gemeente}_${periode}_${split}`,
                  weergave,
                  tabel: {
                    titel: `Gestandaardiseerde ratio (SR) met 95 %-interval: ${chosen ? chosen.naam : `wijken van ${gemeenteNaam}`}, ${periode}, ${splitLabel(dimensie)}${mark}`,
                    kolommen: SR_COLUMNS,
                    rijen: srRows.map(({ klein, ...r }) => (r.onderdrukt ? { label: r.label, sr: 'onderdrukt', onder: 'onderdrukt', boven: 'onderdrukt' } : klein ? { label: r.label, sr: 'verwacht < 5', onder: null, boven: null } : { label: r.label, sr: r.sr, onder: r.onder, boven: r.boven })),
                  },
                }}
                gridTestId="sr-tabel"
              />
              <FigurePanel
                id="trechter"
                titel={`Trechter: alle wijken${mark}`}
                uitleg="De SR van elke wijk tegen het verwachte aantal cliënten. De lijnen zijn de 95 %- en 99,8 %-grenzen rond 100 (exacte Poisson-grenzen): een wijk daarbuiten wijkt meer af dan toeval bij die omvang verklaart. Wijken met minder dan 5 verwachte cliënten staan er niet in; een onderdrukte wijk staat in de tabel als “onderdrukt”."
                option={funnelOption(dots, view.trechter)}
                chartLabel={`Trechter van de SR per wijk${mark}`}
                exporteer={{
                  naam: `trechter_${periode}_${split}`,
                  weergave,
                  tabel: { titel: `Trechter: SR van alle wijken tegen het verwachte aantal, ${periode}, ${splitLabel(dimensie)}${mark}`, kolommen: FUNNEL_COLUMNS, rijen: [...dots.map(({ code, naam, gemeente: g, verwacht, sr }) => ({ code, naam, gemeente: g, verwacht, sr })), ...suppressedDots] },
                }}
                gridTestId="trechter-tabel"
              />
            </>
          )}

          <FigurePanel
            id="kaart"
            titel={`Kaart: ${indicatorName}, ${splitLabel(dimensie)}${mark}`}
            exporteer={toExport(
              `kaart_${indicator}_${periode}_${split}`,
              weergave,
              `${indicatorName} per wijk, ${periode}, ${splitLabel(dimensie)}${mark}`,
              kolommen({ code: 'Wijk', naam: 'Naam', waarde: [indicatorName, soort] }),
              mapValues.map((v) => ({ code: v.code, naam: v.naam, waarde: v.waarde ?? v.tekst })),
            )}
            body={<WijkMap kaart={kaart} titel={`${indicatorName}${mark}`} testId="benchmark-kaart-inhoud" waarden={mapValues} soort={soort} />}
          />

          <TrendPanel periode={periode} perioden={perioden} intern={intern} gemeente={gemeente} wijk={chosen?.code ?? ''} />
          <FlowPanel periode={periode} perioden={perioden} intern={intern} gemeente={gemeente} wijk={chosen?.code ?? ''} />
        </>
      )}
    </>
  );
}

const SR_COLUMNS = kolommen({ label: 'Gebied', sr: ['SR', 'getal'], onder: ['Ondergrens (95 %)', 'getal'], boven: ['Bovengrens (95 %)', 'getal'] });
const FUNNEL_COLUMNS = kolommen({ code: 'Wijk', naam: 'Naam', gemeente: 'Gemeente', verwacht: ['Verwacht', 'getal'], sr: ['SR', 'getal'] });

const NOT_PUBLISHABLE = 'Er is nog geen onthullingscontrole voor dit overzicht, dus een publicatie bevat het niet. Zet de weergave op “Interne weergave” om het intern te bekijken.';
const TREND_INDICATORS: [string, string, TabelKolom['soort']][] = [
  ['clienten', 'Cliënten', 'aantal'],
  ['kosten', 'Kosten', 'euro'],
  ['clienten_per_1000', 'Cliënten per 1.000 inwoners', 'getal'],
  ['kosten_per_inwoner', 'Kosten per inwoner', 'euro'],
];

function TrendPanel({ periode, perioden, intern, gemeente, wijk }: { periode: string; perioden: string[]; intern: boolean; gemeente: string; wijk: string }) {
  const earlier = perioden.filter((p) => p < periode && p.length === periode.length && p[4] === periode[4]);
  const [ijk, setIjk] = useState('');
  const [indicator, setIndicator] = useState('clienten');
  // With lasten a cost trend exists met toerekening (dimensie '') and per kosten_bron.
  const [bron, setBron] = useState('');
  const [view, setView] = useState<CentralTrendView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const saver = useSave();
  // Internally the trend is the engine over two periods: minutes nationally, so with progress and cancel.
  const job = useJob();
  const base = earlier.includes(ijk) ? ijk : (earlier.at(-1) ?? '');
  useEffect(() => {
    setView(null);
    setError(null);
    if (!base) return;
    let shown = true;
    job.run((jobId) => api.central.trendView({ ijk: base, periode, intern, jobId })).then(
      (v) => shown && setView(v),
      (e) => shown && setError(e),
    );
    return () => {
      shown = false;
    };
  }, [base, periode, intern]);
  const [, naam, soort] = TREND_INDICATORS.find(([c]) => c === indicator)!;
  const label = (r: { gemeente: string; wijk: string }) => (r.gemeente === 'ALLE' ? 'Alle' : r.wijk === '' ? r.gemeente : r.wijk);
  const bronnen = KOSTEN_BRONNEN.filter((b) => (view?.rijen ?? []).some((r) => r.indicator === indicator && r.dimensie === markKostenBron('', b)));
  const dimensie = bron !== '' && bronnen.some((b) => markKostenBron('', b) === bron) ? bron : '';
  const shown = (r: { indicator: string; dimensie: string; gemeente: string; wijk: string }) => r.indicator === indicator && r.dimensie === dimensie && ((r.gemeente === gemeente && (wijk === '' || r.wijk === wijk || r.wijk === '')) || (r.gemeente === 'ALLE' && r.wijk === ''));
  const bronTitel = dimensie === '' ? (bronnen.length > 0 ? ` ${MET_TOEREKENING}` : '') : ` ${KOSTEN_BRON_TITELS[KOSTEN_BRONNEN.find((b) => markKostenBron('', b) === dimensie)!]}`;
  const rows = (view?.rijen ?? []).filter(shown);
  const onderdrukt = (view?.onderdrukt ?? []).filter(shown);
  const mark = intern ? ' (intern)' : ' (uit de publicaties)';
  return (
    <FigurePanel
      id="trend"
      titel={`Trend tegen de ijkdatum${mark}`}
      tools={
        <>
          <label>
            IJkperiode
            <select value={base} onChange={(e) => setIjk(e.target.value)} data-testid="trend-ijk" disabled={earlier.length === 0}>
              {earlier.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label>
            Cijfer
            <select value={indicator} onChange={(e) => setIndicator(e.target.value)} data-testid="trend-indicator">
              {TREND_INDICATORS.map(([c, n]) => (
                <option key={c} value={c}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          {bronnen.length > 0 && (
            <label>
              Kosten
              <select value={dimensie} onChange={(e) => setBron(e.target.value)} data-testid="trend-kostenbron">
                <option value="">{MET_TOEREKENING}</option>
                {bronnen.map((b) => (
                  <option key={b} value={markKostenBron('', b)}>
                    {KOSTEN_BRON_TITELS[b]}
                  </option>
                ))}
              </select>
            </label>
          )}
          {view && intern && (
            <button type="button" className="secondary" onClick={() => saver.save(() => api.central.trends({ ijk: view.ijk, periode: view.periode, intern: true }))}>
              CSV (intern)…
            </button>
          )}
        </>
      }
      saver={saver}
      option={view ? trendOption(rows.map((r) => ({ label: label(r), ijkwaarde: r.ijkwaarde, waarde: r.waarde })), soort, view.ijk, view.periode) : undefined}
      chartLabel={`Trend tegen de ijkdatum${mark}`}
      exporteer={
        view
          ? toExport(`trend_${gemeente}_${view.ijk}_${view.periode}_${indicator}${dimensie ? `_${dimensie.replace('=', '_')}` : ''}`, intern ? 'intern' : 'gepubliceerd', `Trend tegen de ijkdatum: ${naam}${bronTitel}, ${gemeente}${wijk ? ` wijk ${wijk}` : ''}, ${view.ijk} tegen ${view.periode}${mark}`, kolommen({ gebied: 'Gebied', ijkwaarde: [`${view.ijk} (ijkperiode)`, soort], waarde: [view.periode, soort], verschil: ['Verschil', soort], index: [`Index (${view.ijk} = 100)`, 'getal'] }), rows.map((r) => ({ gebied: label(r), ijkwaarde: r.ijkwaarde, waarde: r.waarde, verschil: r.verschil, index: r.index })))
          : undefined
      }
      gridTestId="trend-tabel"
    >
      {earlier.length === 0 ? (
        <p className="note" role="note">Er is geen eerdere periode van dezelfde lengte als {periode} om mee te vergelijken.</p>
      ) : (
        <>
          {!intern && <p className="note">De gepubliceerde trend vergelijkt de opgeslagen publicaties van beide perioden: alleen cijfers die in allebei gepubliceerd zijn.</p>}
          <JobProgress job={job} label="Voortgang van de trend" />
          <ErrorMessage error={error} />
          {view && view.sleutelBreuk.length > 0 && <p className="warning">Niet vergeleken (sleutel gewijzigd): {view.sleutelBreuk.join(', ')}.</p>}
          {onderdrukt.length > 0 && (
            <p className="note" data-testid="trend-onderdrukt">
              Onderdrukt in een van beide publicaties: {onderdrukt.map(label).join(', ')}.
            </p>
          )}
        </>
      )}
    </FigurePanel>
  );
}

function FlowPanel({ periode, perioden, intern, gemeente, wijk }: { periode: string; perioden: string[]; intern: boolean; gemeente: string; wijk: string }) {
  const earlier = perioden.filter((p) => p < periode && p.length === periode.length);
  const [van, setVan] = useState('');
  const [dimensie, setDimensie] = useState<(typeof FLOW_DIMENSIONS)[number]>('pijler');
  const [view, setView] = useState<CentralFlowView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const saver = useSave();
  const job = useJob();
  const from = earlier.includes(van) ? van : (earlier.at(-1) ?? '');
  useEffect(() => {
    setView(null);
    setError(null);
    if (!intern || !from) return;
    let shown = true;
    job.run((jobId) => api.central.flowView({ van: from, naar: periode, dimensie, intern, jobId })).then(
      (v) => shown && setView(v),
      (e) => shown && setError(e),
    );
    return () => {
      shown = false;
    };
  }, [from, periode, dimensie, intern]);
  const rows = (view?.rijen ?? []).filter((r) => r.gemeente === gemeente && r.wijk === wijk);
  const plural = dimensie === 'pijler' ? 'pijlers' : dimensie === 'voorziening' ? 'voorzieningen' : 'leefdomeinen';
  return (
    <FigurePanel
      id="stromen"
      titel={`Waterbed: verschuivingen tussen ${plural}${intern ? ' (intern)' : ''}`}
      uitleg={`Per cliënt wat hij in de eerste periode had (van) en in ${periode} (naar); “(geen)” is gestopt of nieuw. ${wijk ? `Wijk ${wijk}.` : 'Hele gemeente.'}`}
      tools={
        <>
          <label>
            Van periode
            <select value={from} onChange={(e) => setVan(e.target.value)} data-testid="stromen-van" disabled={earlier.length === 0}>
              {earlier.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label>
            Indeling
            <select value={dimensie} onChange={(e) => setDimensie(e.target.value as (typeof FLOW_DIMENSIONS)[number])} data-testid="stromen-dimensie">
              {FLOW_DIMENSIONS.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </select>
          </label>
          {view && (
            <button type="button" className="secondary" onClick={() => saver.save(() => api.central.flows({ van: view.van, naar: view.naar, dimensie: view.dimensie, intern: true }))}>
              CSV (intern)…
            </button>
          )}
        </>
      }
      saver={saver}
      exporteer={
        view
          ? toExport(`verschuivingen_${gemeente}_${view.van}_${view.naar}_${dimensie}`, 'intern', `Waterbed: verschuivingen tussen ${plural}, ${gemeente}${wijk ? ` wijk ${wijk}` : ''}, ${view.van} naar ${view.naar} (intern)`, kolommen({ van: `Van (${view.van})`, naar: `Naar (${view.naar})`, clienten: ['Cliënten', 'aantal'] }), rows.map((r) => ({ van: r.van, naar: r.naar, clienten: r.clienten })))
          : undefined
      }
      gridTestId="stromen-tabel"
    >
      {!intern ? (
        <p className="note" role="note" data-testid="stromen-niet-publiceerbaar">{NOT_PUBLISHABLE}</p>
      ) : earlier.length === 0 ? (
        <p className="note" role="note">Er is geen eerdere periode om verschuivingen vanaf te tellen.</p>
      ) : (
        <>
          <JobProgress job={job} label="Voortgang van de verschuivingen" />
          <ErrorMessage error={error} />
        </>
      )}
    </FigurePanel>
  );
}
