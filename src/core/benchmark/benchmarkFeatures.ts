import { defaultResourcesDir, readResourceTable } from '../resources/csvTable.ts';

/**
 * The profile kenmerken of the reference groups, as data (resources/benchmark-kenmerken.csv):
 * each is a CBS kenmerk of the catalogue, optionally divided by another (`teller` / `noemer`,
 * a share), and optionally log-transformed (`schaal` = `log`, for the very skewed density).
 * `hoog` / `laag` are the Dutch words a group description uses when its centre lies well above or
 * below the national mean.
 */
export type BenchmarkFeature = {
  kenmerk: string;
  teller: string;
  noemer: string | null;
  schaal: 'aandeel' | 'waarde' | 'log';
  hoog: string;
  laag: string;
  omschrijving: string;
};

export function loadBenchmarkFeatures(dir = defaultResourcesDir): BenchmarkFeature[] {
  return readResourceTable(dir, 'benchmark-kenmerken.csv').map((r, i) => {
    const schaal = r.schaal;
    if (schaal !== 'aandeel' && schaal !== 'waarde' && schaal !== 'log') {
      throw new Error(`resources/benchmark-kenmerken.csv: row ${i + 2}, column "schaal": "${schaal}" is not aandeel, waarde or log`);
    }
    return { kenmerk: r.kenmerk!, teller: r.teller!, noemer: r.noemer ? r.noemer : null, schaal, hoog: r.hoog!, laag: r.laag!, omschrijving: r.omschrijving ?? '' };
  });
}
