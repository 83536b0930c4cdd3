import { type ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import type { LastenRegel, LastenSleutel } from '../../shared/api.ts';
import { api } from '../api.ts';
import { useEditableTable } from '../useEditableTable.ts';
import { AddRowForm, EditableGrid, EditableTableToolbar, parseNlAmount, refusingParser } from './EditableTable.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const sleutelOf = ({ periode, productcode, aanbieder }: LastenRegel): LastenSleutel => ({ periode, productcode, aanbieder });
const rowId = (r: LastenRegel) => [r.periode, r.productcode, r.aanbieder].join('\u001f');

/** The form for one lasten row typed in by hand. */
const emptyLast = { periode: '', productcode: '', aanbieder: '', kosten: '' };

/** "1.234,56" or "1234.56" as euros; text that is no amount is refused here, in Dutch. */
const parseBedrag = (text: unknown): number => parseNlAmount(text, (t) => `Kolom kosten: '${t}' is geen bedrag van 0 of meer.`, { required: true });

/**
 * Lasten: per period what the gemeente paid for products without costs per client (a subsidy, a
 * budget per aanbieder, a contract sum). They go with the delivery (levering v2) and are
 * allocated to the clients of the product in the Overzicht and the analyst's figures.
 */
export function LastenScreen() {
  const editing = useEditableTable({
    table: () => api.lasten.table(),
    save: (args: { regel: LastenRegel; vorige: LastenSleutel | null }) => api.lasten.save(args),
    delete: (args: { sleutel: LastenSleutel }) => api.lasten.delete(args),
    sleutelOf,
    rowId,
  });
  const { table, error, setError } = editing;

  const columns = useMemo<ColDef<LastenRegel>[]>(
    () => [
      { field: 'periode', headerName: 'Periode', editable: true, width: 110 },
      { field: 'productcode', headerName: 'Productcode', editable: true, width: 150 },
      { field: 'aanbieder', headerName: 'Aanbieder (AGB of naam)', editable: true, flex: 1, minWidth: 200, valueFormatter: (p) => p.value || 'alle aanbieders' },
      {
        field: 'kosten',
        headerName: 'Lasten',
        editable: true,
        type: 'rightAligned',
        width: 160,
        valueFormatter: (p) => (typeof p.value === 'number' ? euro.format(p.value) : ''),
        valueParser: refusingParser(parseBedrag, setError),
      },
    ],
    // setError is the hook's state setter, the same function every render.
    [],
  );

  if (!table) return <ErrorMessage error={error} />;
  const perioden = [...new Set(table.regels.map((r) => r.periode))];
  return (
    <section className="panel wide" aria-labelledby="lasten-title">
      <h2 id="lasten-title">
        Lasten ({number.format(table.regels.length)} regels{perioden.length > 0 ? `, ${perioden.join(', ')}` : ''})
      </h2>
      <p className="definition">
        Per periode het bedrag voor een product zonder kosten per cliënt (subsidie, budget, contractsom), voor één aanbieder of, met de aanbieder leeg, voor alle aanbieders samen. Het gaat mee in de levering van die periode (lasten.csv) en wordt
        verdeeld over de cliënten van het product: {table.regelsPerProduct.map((r) => `${r.productcode === '*' ? 'standaard' : r.productcode} ${r.omschrijving}`).join('; ')}.
      </p>
      <EditableTableToolbar
        editing={editing}
        importTable={() => api.lasten.import()}
        importedText={(ingelezen) => `${number.format(ingelezen.regels)} regels lasten ingelezen uit ${ingelezen.bestand} (${ingelezen.perioden.join(', ')}).`}
        exportTable={() => api.lasten.export()}
      />
      <AddRowForm
        editing={editing}
        label="Lasten toevoegen"
        empty={emptyLast}
        toRegel={(row): LastenRegel => ({ periode: row.periode.trim(), productcode: row.productcode.trim(), aanbieder: row.aanbieder.trim(), kosten: parseBedrag(row.kosten) })}
        next={(row) => ({ ...emptyLast, periode: row.periode })}
        addedText={(regel) => `Lasten ${regel.periode} ${regel.productcode} zijn toegevoegd.`}
        fields={(input) => (
          <>
            {input('periode', 'Periode', 8)}
            {input('productcode', 'Productcode', 8)}
            {input('aanbieder', 'Aanbieder (AGB of naam)', 14)}
            {input('kosten', 'Lasten (€)', 10)}
          </>
        )}
      />
      <ErrorMessage error={error} />
      <EditableGrid editing={editing} testId="lasten-grid" columns={columns} rowId={rowId} empty="Nog geen lasten. Importeer de tabel (periode;productcode;aanbieder;kosten) of voeg hierboven een regel toe." />
    </section>
  );
}
