import type { EChartsCoreOption } from 'echarts/core';
import { useState, type ReactNode } from 'react';
import type { OverzichtTabel, SaveResult, TabelKolom, TableExportView } from '../../shared/api.ts';
import { api } from '../api.ts';
import { EChart } from '../overzicht/EChart.tsx';
import { ErrorMessage } from '../screens/ErrorMessage.tsx';
import { FigureGrid, type FigureRow } from './FigureGrid.tsx';

/** A file name part from a split or period: `pijler=WMO` → `pijler-WMO`. */
export const fileSafe = (text: string) => text.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '') || 'totaal';

/** A save through the core's dialog: the path it was written to, or the Dutch reason it was not. */
export function useSave() {
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const save = (write: () => Promise<SaveResult>) => {
    setSaved(null);
    setError(null);
    write().then((r) => setSaved(r.saved ? r.path : null), setError);
  };
  return { saved, error, save };
}

export function SaveStatus({ saved, error }: { saved: string | null; error: unknown }) {
  return (
    <>
      <ErrorMessage error={error} />
      {saved && (
        <p className="ok" role="status">
          Opgeslagen in {saved}
        </p>
      )}
    </>
  );
}

export type TableExport = { naam: string; weergave: TableExportView; tabel: OverzichtTabel };

/** A table export in one call: the file name, how it is marked, and the title, columns and rows shown. */
export const toExport = (naam: string, weergave: TableExportView, titel: string, kolommen: TabelKolom[], rijen: FigureRow[]): TableExport => ({ naam, weergave, tabel: { titel, kolommen, rijen } });

/** Writes the table as it is shown (central.tableExport); the core marks the file by its view. */
export const exportTable = ({ naam, weergave, tabel }: TableExport) => api.central.tableExport({ naam, weergave, tabel });

export function ExcelButton({ weergave, onClick }: { weergave: TableExportView; onClick(): void }) {
  return (
    <button type="button" className="secondary" onClick={onClick}>
      {weergave === 'intern' ? 'Excel (intern)…' : 'Excel…'}
    </button>
  );
}

/** A table of an analyst screen with its own Excel export: the rows shown are the rows written. */
export function ExportableGrid({ testId, exporteer, height, onSelect }: { testId: string; exporteer: TableExport; height?: number; onSelect?: (row: FigureRow) => void }) {
  const { saved, error, save } = useSave();
  return (
    <>
      <div className="run grid-tools">
        <ExcelButton weergave={exporteer.weergave} onClick={() => save(() => exportTable(exporteer))} />
      </div>
      <SaveStatus saved={saved} error={error} />
      <FigureGrid testId={testId} kolommen={exporteer.tabel.kolommen} rijen={exporteer.tabel.rijen} {...(height ? { height } : {})} {...(onSelect ? { onSelect } : {})} />
    </>
  );
}

type PanelProps = {
  id: string;
  titel: ReactNode;
  uitleg?: ReactNode;
  /** Drawn unless the table view is chosen; without it the panel is its table. */
  option?: EChartsCoreOption | undefined;
  chartLabel?: string;
  /** The table view, and what its Excel button writes; absent while there is nothing to show (the children say why). */
  exporteer?: TableExport | undefined;
  /** Another writer for the Excel button (a table the core builds itself, as the benchmark's). */
  excel?: () => Promise<SaveResult>;
  /** Controls beside the panel's own buttons. */
  tools?: ReactNode;
  /** When a tool saves a file too (a CSV), its status and the Excel's share one line. */
  saver?: ReturnType<typeof useSave>;
  /** The table view's test id; `<id>-tabel` unless given. */
  gridTestId?: string;
  height?: number;
  onSelect?: (row: FigureRow) => void;
  children?: ReactNode;
  /** Below the table or chart (what a chosen row opens). */
  footer?: ReactNode;
  /** Drawn instead of the chart and grid, by a view with a table view of its own (the wijk map). */
  body?: ReactNode;
};

/**
 * The analyst screens' panel: a title, a chart with a table view, and an Excel export of that
 * table (file name and first line marked intern for the internal view).
 */
export function FigurePanel({ id, titel, uitleg, option, chartLabel, exporteer, excel, tools, saver, gridTestId, height, onSelect, children, footer, body }: PanelProps) {
  const [asTable, setAsTable] = useState(false);
  const own = useSave();
  const { saved, error, save } = saver ?? own;
  return (
    <section className={`panel wide${option || body ? ' chart-panel' : ''}`} aria-labelledby={`${id}-titel`} data-testid={`panel-${id}`}>
      <div className="panel-head">
        <h2 id={`${id}-titel`}>{titel}</h2>
        <div className="run">
          {tools}
          {option && exporteer && (
            <button type="button" className="secondary" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
              {asTable ? 'Grafiek tonen' : 'Tabel tonen'}
            </button>
          )}
          {exporteer && <ExcelButton weergave={exporteer.weergave} onClick={() => save(excel ?? (() => exportTable(exporteer)))} />}
        </div>
      </div>
      {uitleg && <p className="definition">{uitleg}</p>}
      <SaveStatus saved={saved} error={error} />
      {children}
      {body ??
        (exporteer &&
        (asTable || option === undefined ? (
          <FigureGrid testId={gridTestId ?? `${id}-tabel`} kolommen={exporteer.tabel.kolommen} rijen={exporteer.tabel.rijen} {...(height ? { height } : {})} {...(onSelect ? { onSelect } : {})} />
        ) : (
          <EChart option={option} label={chartLabel ?? exporteer.tabel.titel} />
        )))}
      {footer}
    </section>
  );
}
