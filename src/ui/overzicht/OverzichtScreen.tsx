import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useMemo, useState } from 'react';
import type { IndicatorDefinition, Niveau, OverzichtCijfers, Splitsing } from '../../shared/api.ts';
import { api } from '../api.ts';
import { ErrorMessage } from '../screens/ErrorMessage.tsx';
import { BenchmarkPanel } from './BenchmarkPanel.tsx';
import { ChartPanel } from './ChartPanel.tsx';
import { chartOptions } from './chartOptions.ts';
import { formatFigure } from './format.ts';
import { WijkMapPanel } from './WijkMapPanel.tsx';

const SPLITS: [Splitsing, string][] = [
  ['pijler', 'pijler'],
  ['leefdomein', 'leefdomein'],
  ['voorziening', 'voorziening'],
  ['productcode', 'productcode'],
  ['aanbieder', 'aanbieder'],
];
const UNIT: Record<string, string> = { clienten: 'aantal', huishoudens: 'aantal', kosten: 'euro', kosten_per_client: 'euro' };

/** Overzicht: the gemeente's own figures, unsuppressed, for internal use. */
export function OverzichtScreen() {
  const [perioden, setPerioden] = useState<string[] | null>(null);
  const [periode, setPeriode] = useState('');
  const [vergelijk, setVergelijk] = useState('');
  const [pijler, setPijler] = useState('');
  const [niveau, setNiveau] = useState<Niveau>('wijk');
  const [split1, setSplit1] = useState<Splitsing | ''>('pijler');
  const [split2, setSplit2] = useState<Splitsing | ''>('');
  const [cijfers, setCijfers] = useState<OverzichtCijfers | null>(null);
  const [begrippen, setBegrippen] = useState<Map<string, IndicatorDefinition>>(new Map());
  const [wijknamen, setWijknamen] = useState<Map<string, string>>(new Map());
  const [gemeente, setGemeente] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    // Names from the gebiedsindeling; a wijk missing there keeps its code.
    api.areas.table().then((t) => setWijknamen(new Map(t.gebieden.filter((g) => g.wijknaam !== '').map((g) => [g.wijk, g.wijknaam]))), setError);
    api.settings.get().then((s) => setGemeente(s.gemeenteNaam), setError);
    api.overzicht.begrippen().then((list) => setBegrippen(new Map(list.map((d) => [d.code, d]))), setError);
    api.overzicht.perioden().then((list) => {
      setPerioden(list);
      choose(list, list[0] ?? '');
    }, setError);
  }, []);

  useEffect(() => {
    if (!periode) return;
    setCijfers(null);
    setError(null);
    api.overzicht.cijfers({ periode, vergelijk: vergelijk || null }).then(setCijfers, setError);
  }, [periode, vergelijk]);

  // A new period compares with the latest earlier period of the same kind, when there is one.
  function choose(list: string[], code: string) {
    setPeriode(code);
    setVergelijk(list.find((p) => p < code && p.length === code.length && p[4] === code[4]) ?? '');
  }

  const options = useMemo(() => (cijfers ? chartOptions(cijfers, wijknamen) : null), [cijfers, wijknamen]);
  const define = (code: string) => begrippen.get(code)?.formule ?? '';

  if (perioden === null) return <ErrorMessage error={error} />;
  if (perioden.length === 0) {
    return (
      <section className="panel">
        <p className="empty">
          Nog geen cijfers: lees eerst een export in onder <a href="#/importeren">Importeren</a>.
        </p>
      </section>
    );
  }
  return (
    <>
      <section className="panel wide" aria-labelledby="overzicht-keuze">
        <h2 id="overzicht-keuze" className="visually-hidden">
          Periode
        </h2>
        <p className="intern" role="note">
          Intern: deze cijfers zijn niet onderdrukt. Alles wat u hier exporteert is gemarkeerd als intern en niet bedoeld voor publicatie.
        </p>
        <div className="run">
          <label>
            Periode
            <select value={periode} onChange={(e) => choose(perioden, e.target.value)} data-testid="overzicht-periode">
              {perioden.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label>
            Vergelijken met (ijkdatum)
            <select value={vergelijk} onChange={(e) => setVergelijk(e.target.value)} data-testid="overzicht-vergelijk">
              <option value="">geen vergelijking</option>
              {perioden
                .filter((p) => p !== periode)
                .map((p) => (
                  <option key={p}>{p}</option>
                ))}
            </select>
          </label>
          <a href="#/begrippen">Begrippen: wat betekent elk cijfer?</a>
        </div>
        <ErrorMessage error={error} />
        {cijfers?.waarschuwingen.map((w) => (
          <p key={w} className="warning">
            {w}
          </p>
        ))}
      </section>

      {cijfers && options && (
        <>
          <section className="tiles" aria-label="Kerncijfers">
            {cijfers.tegels.map((t) => (
              <div className="tile" key={t.indicator} data-testid={`tegel-${t.indicator}`}>
                <h3>{begrippen.get(t.indicator)?.naam ?? t.indicator}</h3>
                <p className="tile-value">{formatFigure(t.waarde, UNIT[t.indicator] ?? 'getal')}</p>
                {cijfers.vergelijk && <p className="tile-change">{change(t.waarde, t.vergelijk, UNIT[t.indicator] ?? 'getal', cijfers.vergelijk)}</p>}
                {cijfers.toerekening && (t.indicator === 'kosten' || t.indicator === 'kosten_per_client') && (
                  <p className="tile-change" data-testid={`tegel-${t.indicator}-zonder`}>
                    met toerekening; zonder: {formatFigure(t.indicator === 'kosten' ? cijfers.toerekening.kostenZonder : cijfers.toerekening.kostenPerClientZonder, 'euro')}
                  </p>
                )}
                <p className="definition">{define(t.indicator)}</p>
              </div>
            ))}
          </section>

          {cijfers.toerekening && (
            <ChartPanel
              id="toerekening"
              titel="Toerekening van lasten"
              uitleg={`Lasten zonder kosten per cliënt (subsidie, budget, contractsom) zijn verdeeld over de cliënten van het product (Lasten; de regel per product staat in resources/toerekening.csv). Toegerekend: ${formatFigure(cijfers.toerekening.toegerekend, 'euro')}. Elk kostencijfer hier is inclusief toerekening; de tabellen (per wijk, aanbiedersanalyse, programmering, naar keuze en informatievragen) tonen naast elk kostencijfer ook het cijfer zonder toerekening en het toegerekende deel.`}
              periode={cijfers.periode}
            />
          )}
          <ChartPanel id="wijken" titel="Cliënten en kosten per wijk" uitleg={`${define('clienten')} Een cliënt met voorzieningen in twee wijken telt in beide.`} periode={cijfers.periode} gemeente={gemeente} option={options.wijken} />
          <WijkMapPanel periode={cijfers.periode} wijknamen={wijknamen} />
          <ChartPanel id="waaier" titel="Waaier: cliënten per leefdomein en pijler" uitleg="Binnenring: de tien leefdomeinen; buitenring: de pijlers daarbinnen. Een cliënt telt in elk leefdomein en elke pijler waarin hij een voorziening heeft. Een naam staat in de ring waar hij past; de legenda's noemen alle leefdomeinen en pijlers, de tooltip en de tabel geven de aantallen." periode={cijfers.periode} gemeente={gemeente} option={options.waaier} />
          <ChartPanel id="stapeling" titel="Stapeling van pijlers" uitleg={define('stapeling')} periode={cijfers.periode} gemeente={gemeente} option={options.stapeling} />
          <ChartPanel
            id="trend"
            titel="Verloop per kwartaal: cliënten, instroom en uitstroom" uitleg={`${define('instroom')} ${define('uitstroom')} Deze periode: beginstand ${formatFigure(cijfers.stromen.beginstand, 'aantal')}, instroom ${formatFigure(cijfers.stromen.instroom, 'aantal')}, uitstroom ${formatFigure(cijfers.stromen.uitstroom, 'aantal')}, eindstand ${formatFigure(cijfers.stromen.eindstand, 'aantal')}.`} periode={cijfers.periode}
            gemeente={gemeente}
            option={options.trend}
            // The table-or-chart choice starts over when a period with more history makes a chart possible.
            key={options.trend ? 'trend-grafiek' : 'trend-tabel'}
            geenGrafiek={`Alleen ${cijfers.periode} is ingelezen: een verloop is pas te tekenen vanaf twee kwartalen. De tabel toont de cijfers van dit kwartaal.`}
          />

          <section className="panel wide" aria-label="Filter voor de analyses">
            <label>
              Pijler voor de aanbiedersanalyse, de programmering en de informatievragen
              <select className="narrow" value={pijler} onChange={(e) => setPijler(e.target.value)} data-testid="overzicht-pijler">
                <option value="">alle pijlers</option>
                {[...new Set(cijfers.waaier.map((w) => w.pijler))].sort().map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            </label>
          </section>
          <ChartPanel id="aanbieders" titel="Aanbiedersanalyse" uitleg={`${define('omzet')} ${define('aandeel_clienten')} ${define('gemiddelde_kosten')}`} periode={cijfers.periode} pijler={pijler || null} />
          <ChartPanel
            id="programmering"
            titel="Programmering: realisatie tegen streefwaarden"
            uitleg={`Van 1 januari tot en met ${cijfers.periode}, tegen de streefwaarden van dat jaar (Programmering). ${define('prognose_kosten')} ${define('prognose_clienten')} Signaal: “overschreden” als de realisatie tot nu boven de streefwaarde ligt, “dreigt overschreden” als de prognose dat doet.`}
            periode={cijfers.periode}
            pijler={pijler || null}
          />
          <ChartPanel
            id="uitsplitsing"
            titel="Cijfers naar keuze"
            uitleg="Elk cijfer per gemeente, wijk of gebied, uitgesplitst naar één of twee kenmerken (ook het paar productcode en aanbieder). Instroom en uitstroom alleen zonder uitsplitsing of naar pijler; zorgduur en wachttijd tot één kenmerk (pijler of voorziening)."
            periode={cijfers.periode}
            pijler={pijler || null}
            niveau={niveau}
            splitsing={[split1, split2].filter((s): s is Splitsing => s !== '')}
          >
            <div className="run">
              <label>
                Niveau
                <select value={niveau} onChange={(e) => setNiveau(e.target.value as Niveau)} data-testid="uitsplitsing-niveau">
                  <option value="gemeente">gemeente</option>
                  <option value="wijk">wijk</option>
                  <option value="gebied">gebied(steam)</option>
                </select>
              </label>
              <label>
                Uitsplitsen naar
                <select value={split1} onChange={(e) => {
                    const value = e.target.value as Splitsing | '';
                    setSplit1(value);
                    if (value === '' || value === split2) setSplit2('');
                  }} data-testid="uitsplitsing-1">
                  <option value="">niets (totaal)</option>
                  {SPLITS.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                en naar
                <select value={split2} onChange={(e) => setSplit2(e.target.value as Splitsing | '')} data-testid="uitsplitsing-2" disabled={split1 === ''}>
                  <option value="">niets</option>
                  {SPLITS.filter(([value]) => value !== split1).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </ChartPanel>
          <ChartPanel id="informatievragen" titel="Informatievragen" uitleg={`${define('clienten_80_procent_kosten')} ${define('aandeel_clienten_met_kosten')} ${define('gemiddelde_intensiteit')}`} periode={cijfers.periode} pijler={pijler || null} />
        </>
      )}
      <BenchmarkPanel />
    </>
  );
}

function change(now: number | null, before: number | null, unit: string, periode: string): string {
  if (now === null || before === null) return `geen vergelijking met ${periode}`;
  const diff = now - before;
  const share = before === 0 ? '' : ` (${diff >= 0 ? '+' : ''}${formatFigure(diff / before, 'procent')})`;
  return `${diff >= 0 ? '+' : '−'}${formatFigure(Math.abs(diff), unit)}${share} t.o.v. ${periode}`;
}
