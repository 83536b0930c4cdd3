import { DeliveryZip } from '../delivery/deliveryZip.ts';
import { BENCHMARK_FILES, BENCHMARK_FORMAT, BENCHMARK_MANIFEST, BENCHMARK_VERSION, type BenchmarkManifest } from './benchmarkContract.ts';
import type { PackInput } from './packInput.ts';
import { benchmarkRows } from './releaseRows.ts';

/**
 * `GM…_P_benchmark.zip`: cijfers.csv (this gemeente, its reference groups and ALLE, as the
 * release has them), referentiegroepen.csv (its groups, then its wijken), benchmark.json with
 * rows and sha256 per file. Same zip writer and CSV dialect as a delivery: temp name, renamed
 * when complete, fixed entry times.
 */
export async function writeBenchmarkZip(file: string, input: PackInput): Promise<BenchmarkManifest> {
  const zip = new DeliveryZip(file, new Date(input.aangemaakt));
  try {
    const groepen = new Set(input.groepen.map((g) => g.code));
    const cijfers = zip.csv('cijfers.csv', BENCHMARK_FILES['cijfers.csv']);
    await cijfers.write(benchmarkRows(input.release, input.gemeente.code, groepen).map((r) => [r.periode, r.gemeente, r.wijk, r.indicator, r.dimensie, r.waarde ?? '', r.status]));
    const cijfersSummary = await cijfers.end();
    const groups = zip.csv('referentiegroepen.csv', BENCHMARK_FILES['referentiegroepen.csv']);
    // A group's line: its code as wijk, no gemeente, its description as name (the profile the
    // contract allows here is not kept in the catalogue; the description is made from it).
    await groups.write(input.groepen.map((g) => [g.code, '', g.naam, g.inwoners, g.code, g.naam, '']));
    const naam = new Map(input.groepen.map((g) => [g.code, g.naam]));
    await groups.write(input.wijken.map((w) => [w.code, input.gemeente.code, w.naam, w.inwoners ?? '', w.groep ?? '', w.groep ? (naam.get(w.groep) ?? '') : '', w.afstand === null ? '' : Number(w.afstand.toFixed(3))]));
    const groupsSummary = await groups.end();
    const manifest: BenchmarkManifest = {
      formaat: BENCHMARK_FORMAT,
      versie: BENCHMARK_VERSION,
      periode: input.periode,
      gemeentecode: input.gemeente.code,
      gemeentenaam: input.gemeente.naam,
      aangemaakt: input.aangemaakt,
      status: input.setting.status,
      toelichting: input.setting.toelichting,
      bestanden: { 'cijfers.csv': cijfersSummary, 'referentiegroepen.csv': groupsSummary },
    };
    zip.json(BENCHMARK_MANIFEST, manifest);
    await zip.finish();
    return manifest;
  } catch (error) {
    await zip.abort();
    throw error;
  }
}
