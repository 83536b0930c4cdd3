/** The period a screen shows, chosen from the periods that have been read in (in the order given). */
export function PeriodSelect({ periods, periode, onChange }: { periods: readonly string[]; periode: string; onChange(periode: string): void }) {
  return (
    <label>
      Periode
      <select value={periode} onChange={(e) => onChange(e.target.value)}>
        {periods.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
    </label>
  );
}
