import { type ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import type { ProgrammeringRegel, ProgrammeringSleutel } from '../../shared/api.ts';
import { api, ApiCallError } from '../api.ts';
import { useEditableTable } from '../useEditableTable.ts';
import { AddRowForm, EditableGrid, EditableTableToolbar, parseNlAmount, refusingParser } from './EditableTable.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const sleutelOf = ({ jaar, pijler, productcode, aanbieder, wijk }: ProgrammeringRegel): ProgrammeringSleutel => ({ jaar, pijler, productcode, aanbieder, wijk });
const rowId = (r: ProgrammeringRegel) => [r.jaar, r.pijler, r.productcode, r.aanbieder, r.wijk].join('\u001f');

/** "1.234,5" or "1234.5" as a number; empty is no target. */
const parseNl = (text: unknown, kolom: string): number | null => parseNlAmount(text, (t) => `Kolom ${kolom}: '${t}' is geen getal van 0 of meer.`);

function parseJaar(text: unknown): number {
  const t = String(text ?? '').trim();
  if (!/^\d{4}$/.test(t)) throw new ApiCallError({ code: 'ONGELDIGE_INVOER', message: `Kolom jaar: '${t}' is geen jaartal.` });
  return Number(t);
}

/** Programmering: the gemeente's targets per year, the maxima the Overzicht sets the realisation against. */
export function ProgrammeringScreen() {
  const editing = useEditableTable({
    table: () => api.programmering.table(),
    save: (args: { regel: ProgrammeringRegel; vorige: ProgrammeringSleutel | null }) => api.programmering.save(args),
    delete: (args: { sleutel: ProgrammeringSleutel }) => api.programmering.delete(args),
    sleutelOf,
    rowId,
  });
  const { table, error, setError } = editing;

  const columns = useMemo<ColDef<ProgrammeringRegel>[]>(() => {
    const amount = (field: 'clienten' | 'kosten' | 'aandeel', headerName: string, format: (n: number) => string): ColDef<ProgrammeringRegel> => ({
      field,
      headerName,
      editable: true,
      type: 'rightAligned',
      flex: 1,
      minWidth: 150,
      valueFormatter: (p) => (typeof p.value === 'number' ? format(p.value) : ''),
      valueParser: refusingParser((text) => parseNl(text, field), setError),
    });
    return [
      {
        field: 'jaar',
        headerName: 'Jaar',
        editable: true,
        width: 90,
        valueParser: refusingParser(parseJaar, setError),
      },
      { field: 'pijler', headerName: 'Pijler', editable: true, width: 100, cellEditor: 'agSelectCellEditor', cellEditorParams: { values: table?.pijlers ?? [] } },
      { field: 'productcode', headerName: 'Productcode', editable: true, width: 140, valueFormatter: (p) => p.value || 'alle' },
      { field: 'aanbieder', headerName: 'Aanbieder (AGB)', editable: true, width: 160, valueFormatter: (p) => p.value || 'alle' },
      { field: 'wijk', headerName: 'Wijk', editable: true, width: 130, valueFormatter: (p) => p.value || 'alle' },
      amount('clienten', 'Streef cliënten', (n) => number.format(n)),
      amount('kosten', 'Streef kosten', (n) => euro.format(n)),
      amount('aandeel', 'Streef aandeel (%)', (n) => `${number.format(n)} %`),
    ];
    // setError is the hook's state setter, the same function every render.
  }, [table?.pijlers]);

  if (!table) return <ErrorMessage error={error} />;
  const jaren = [...new Set(table.regels.map((r) => r.jaar))];
  // The form for one target typed in by hand.
  const emptyTarget = { jaar: String(new Date().getFullYear()), pijler: table.pijlers[0] ?? '', productcode: '', aanbieder: '', wijk: '', clienten: '', kosten: '', aandeel: '' };
  return (
    <section className="panel wide" aria-labelledby="programmering-title">
      <h2 id="programmering-title">
        Streefwaarden ({number.format(table.regels.length)} regels{jaren.length > 0 ? `, ${jaren.join(', ')}` : ''})
      </h2>
      <p className="definition">
        Per jaar, pijler en product het maximum aantal cliënten en de maximale kosten, en het beoogde aandeel cliënten binnen de groep (een product binnen zijn pijler, een aanbieder of wijk binnen zijn product). Laat aanbieder of wijk leeg voor het totaal. Het Overzicht zet de realisatie ertegen af en meldt wanneer een maximum overschreden dreigt te worden.
      </p>
      <EditableTableToolbar
        editing={editing}
        importTable={() => api.programmering.import()}
        importedText={(ingelezen) => `${number.format(ingelezen.regels)} streefwaarden ingelezen uit ${ingelezen.bestand} (${ingelezen.jaren.join(', ')}).`}
        exportTable={() => api.programmering.export()}
      />
      <AddRowForm
        editing={editing}
        label="Streefwaarde toevoegen"
        empty={emptyTarget}
        toRegel={(row): ProgrammeringRegel => ({
          jaar: parseJaar(row.jaar),
          pijler: row.pijler,
          productcode: row.productcode.trim(),
          aanbieder: row.aanbieder.trim(),
          wijk: row.wijk.trim(),
          clienten: parseNl(row.clienten, 'clienten'),
          kosten: parseNl(row.kosten, 'kosten'),
          aandeel: parseNl(row.aandeel, 'aandeel'),
        })}
        next={(row) => ({ ...emptyTarget, jaar: row.jaar, pijler: row.pijler })}
        addedText={(regel) => `Streefwaarde ${regel.jaar} ${regel.pijler} ${regel.productcode || 'alle producten'} is toegevoegd.`}
        fields={(input, row, setRow) => (
          <>
            {input('jaar', 'Jaar', 5)}
            <label>
              Pijler
              <select value={row.pijler} onChange={(e) => setRow({ ...row, pijler: e.target.value })}>
                {table.pijlers.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            </label>
            {input('productcode', 'Productcode', 8)}
            {input('aanbieder', 'Aanbieder (AGB)', 9)}
            {input('wijk', 'Wijk', 9)}
            {input('clienten', 'Cliënten', 6)}
            {input('kosten', 'Kosten (€)', 10)}
            {input('aandeel', 'Aandeel (%)', 5)}
          </>
        )}
      />
      <ErrorMessage error={error} />
      <EditableGrid
        editing={editing}
        testId="programmering-grid"
        columns={columns}
        rowId={rowId}
        empty="Nog geen programmering. Importeer de tabel (jaar;pijler;productcode;aanbieder;wijk;clienten;kosten;aandeel) of voeg hierboven een streefwaarde toe."
      />
    </section>
  );
}
