import { describe, expect, test } from 'vitest';
import { readAggregatedSources } from './aggregatedSources.ts';
import { loadReferenceResources } from './referenceResources.ts';
import { refusal, writeTemp } from './testFiles.ts';

const resources = loadReferenceResources();

describe('aggregated sources', () => {
  test('one data set per bron and periode; synonyms of the bron and a decimal comma are read', async () => {
    const file = writeTemp(
      'zorg.csv',
      'periode;gebied;bron;indicator;waarde\n2025;WK990101;ZVW;kosten;1234,50\n2025;GM9901;zvw;kosten;98765\n2025Q1;wk990101;Wet langdurige zorg;clienten;12\n2025Q1;WK990102;WLZ;clienten;.\n',
    );
    const sources = await readAggregatedSources(file, resources);
    expect(sources.dataSets).toEqual([
      {
        bron: 'ZVW',
        periode: '2025',
        jaar: 2025,
        figures: [
          { periode: '2025', gebied: 'WK990101', bron: 'ZVW', indicator: 'kosten', waarde: 1234.5 },
          { periode: '2025', gebied: 'GM9901', bron: 'ZVW', indicator: 'kosten', waarde: 98765 },
        ],
      },
      { bron: 'WLZ', periode: '2025Q1', jaar: 2025, figures: [{ periode: '2025Q1', gebied: 'WK990101', bron: 'WLZ', indicator: 'clienten', waarde: 12 }] },
    ]);
    expect(sources.ontbrekendeWaarden).toBe(1);
    expect(sources.rijen).toBe(4);
  });

  test('a decimal point works as well, with columns in any order', async () => {
    const file = writeTemp('ggd.csv', 'bron,waarde,indicator,gebied,periode\nGGD,12.5,eenzaam_pct,WK990101,2024\n');
    const sources = await readAggregatedSources(file, resources);
    expect(sources.dataSets[0]!.figures).toEqual([{ periode: '2024', gebied: 'WK990101', bron: 'GGD', indicator: 'eenzaam_pct', waarde: 12.5 }]);
  });

  test('every problem is named by file, row and column, in Dutch', async () => {
    const file = writeTemp(
      'fout.csv',
      'periode;gebied;bron;indicator;waarde\n2025Q5;WK990101;ZVW;kosten;1\n2025;BU99010101;ZVW;kosten;1\n2025;WK990101;ABC;kosten;1\n' +
        '2025;WK990101;ZVW;;1\n2025;WK990101;ZVW;uitgaven;1.000,50\n2025;WK990101;ZVW;kosten;2,5\n2025;WK990101;ZVW;clienten;2.5\n2025;WK990101;ZVW;kosten;3\n',
    );
    const error = await refusal(readAggregatedSources(file, resources));
    expect(error.location).toEqual({ file: 'fout.csv', row: 2, column: 'periode' });
    for (const part of [
      'fout.csv: rij 2, kolom "periode": "2025Q5" is geen periode',
      'rij 3, kolom "gebied": "BU99010101" is geen gemeente- of wijkcode',
      'rij 4, kolom "bron": "ABC" is geen bekende bron (WMO, JW, PW, SHV, WSW, LLV, SO, ZVW, WLZ, UWV, GGD)',
      'rij 5, kolom "indicator": de indicator ontbreekt',
      'rij 6, kolom "waarde": "1.000,50" is geen getal',
      'rij 8, kolom "waarde": decimaalpunt, terwijl rij 7 een decimaalkomma gebruikt',
      'rij 9, kolom "indicator": ZVW kosten voor WK990101 in 2025 staat ook in rij 7',
    ]) {
      expect(error.message).toContain(part);
    }
  });

  test('a missing column is named', async () => {
    const file = writeTemp('kort.csv', 'periode;gebied;bron;waarde\n2025;WK990101;ZVW;1\n');
    await expect(readAggregatedSources(file, resources)).rejects.toThrow(/kort\.csv: kolom indicator ontbreekt/);
  });
});
