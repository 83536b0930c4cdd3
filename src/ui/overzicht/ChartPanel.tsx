import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Niveau, OverzichtTabel, OverzichtTabelNaam, Splitsing } from '../../shared/api.ts';
import { api } from '../api.ts';
import { ErrorMessage } from '../screens/ErrorMessage.tsx';
import { EChart, type ChartHandle } from './EChart.tsx';
import { captionedPng } from './pngCaption.ts';
import { TableView } from './TableView.tsx';

type Props = {
  id: OverzichtTabelNaam;
  titel: string;
  /** What the chart shows, in words: the definition next to the figure. */
  uitleg: ReactNode;
  periode: string;
  /** For the caption of a saved PNG. */
  gemeente?: string | null;
  pijler?: string | null;
  /** Absent for tables that are only a table; null for a chart that has too little to draw. */
  option?: EChartsCoreOption | null;
  /** Why the chart is not drawn, when `option` is null. */
  geenGrafiek?: ReactNode;
  /** For the table of a chosen level and split. */
  niveau?: Niveau;
  splitsing?: Splitsing[];
  /** Controls shown above the table (the level and split pickers). */
  children?: ReactNode;
};

/** A chart with its table view and both exports (Excel from the core, PNG of what is drawn). */
export function ChartPanel({ id, titel, uitleg, periode, gemeente = null, pijler = null, option, geenGrafiek, niveau, splitsing, children }: Props) {
  const [asTable, setAsTable] = useState(!option);
  const [table, setTable] = useState<OverzichtTabel | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const chart = useRef<ChartHandle>(null);

  const choice = { periode, tabel: id, pijler, ...(niveau ? { niveau } : {}), ...(splitsing ? { splitsing } : {}) };
  const choiceKey = JSON.stringify(choice);
  useEffect(() => {
    setTable(null);
    setSaved(null);
    setError(null);
    if (asTable) api.overzicht.tabel(choice).then(setTable, setError);
    // choiceKey stands for choice: a new object each render, the same choice in substance.
  }, [asTable, choiceKey]);

  const saveExcel = () => api.overzicht.export(choice).then((r) => setSaved(r.saved ? r.path : null), setError);
  const savePng = () =>
    captionedPng(chart.current!.png(), { titel, gemeente, periode, datum: new Date().toISOString() })
      .then((png) => api.overzicht.png({ naam: `${id}-${periode}`, png }))
      .then((r) => setSaved(r.saved ? r.path : null), setError);

  return (
    <section className="panel wide chart-panel" aria-labelledby={`${id}-title`} data-testid={`panel-${id}`}>
      <div className="panel-head">
        <h2 id={`${id}-title`}>{titel}</h2>
        <div className="run">
          {option && (
            <button type="button" className="secondary" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
              {asTable ? 'Grafiek tonen' : 'Tabel tonen'}
            </button>
          )}
          <button type="button" className="secondary" onClick={saveExcel}>
            Excel (intern)…
          </button>
          {option && !asTable && (
            <button type="button" className="secondary" onClick={savePng}>
              PNG…
            </button>
          )}
        </div>
      </div>
      <p className="definition">{uitleg}</p>
      {option === null && geenGrafiek && (
        <p className="note" role="note" data-testid={`geen-grafiek-${id}`}>
          {geenGrafiek}
        </p>
      )}
      {children}
      {saved && (
        <p className="ok" role="status">
          Opgeslagen in {saved}
        </p>
      )}
      <ErrorMessage error={error} />
      {asTable && table?.meldingen && table.meldingen.length > 0 && (
        <div data-testid={`meldingen-${id}`}>
          {table.meldingen.map((m) => (
            <p key={m} className="warning">
              {m}
            </p>
          ))}
        </div>
      )}
      {asTable ? table ? <TableView table={table} testId={`table-${id}`} /> : <p className="empty">Tabel wordt berekend…</p> : <EChart option={option!} label={titel} ref={chart} />}
    </section>
  );
}
