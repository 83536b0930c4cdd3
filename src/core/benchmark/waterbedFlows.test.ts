import { afterEach, describe, expect, test } from 'vitest';
import { rec, writeTestDelivery } from '../central/centralTestKit.ts';
import { importDeliveries } from '../central/intake/importDeliveries.ts';
import { openCentralStore, type CentralStore } from '../central/store/centralStore.ts';
import { withScopedDuckDb } from '../central/store/scopedDuckDb.ts';
import { tempDir } from '../testing/tempDir.ts';
import { waterbedFlows } from './waterbedFlows.ts';

const opened: CentralStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

const q1 = { begindatum: '2026-01-01', einddatum: '2026-03-31' };
const q2 = { begindatum: '2026-04-01' };
const jw = { pijler: 'JW', voorziening: 'JW-45' };

describe('waterbed shifts between two periods', () => {
  test('the flow table by pijler, per gemeente and wijk, worked out by hand; a key change is left out', async () => {
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    const files = [
      await writeTestDelivery({
        gemeente: 'GM9901',
        periode: '2026Q1',
        dir: tempDir(),
        records: [
          rec({ client: 'c1', wijk: 'W1', ...q1 }),
          rec({ client: 'c2', wijk: 'W1', ...q1 }),
          rec({ client: 'c2', wijk: 'W1', ...jw, ...q1 }),
          rec({ client: 'c3', wijk: 'W2', ...jw, begindatum: '2026-01-01' }),
          rec({ client: 'c4', wijk: 'W2', pijler: 'PW', voorziening: 'PW-01', ...q1 }),
        ],
      }),
      await writeTestDelivery({
        gemeente: 'GM9901',
        periode: '2026Q2',
        dir: tempDir(),
        records: [
          rec({ client: 'c1', wijk: 'W1', ...jw, ...q2 }), // WMO → JW
          rec({ client: 'c2', wijk: 'W1', begindatum: '2026-01-01' }), // keeps WMO, JW stopped
          rec({ client: 'c3', wijk: 'W2', ...jw, begindatum: '2026-01-01' }), // stays in JW
          rec({ client: 'c5', wijk: 'W2', ...q2 }), // new in WMO
        ],
      }),
      await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q1', dir: tempDir(), records: [rec({ client: 'x', ...q1 })] }),
      await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q2', sleutel: 'fedcba9876543210', dir: tempDir(), records: [rec({ client: 'y', ...q2 })] }),
    ];
    expect((await importDeliveries(store, files, { signal: new AbortController().signal })).map((l) => l.uitkomst)).not.toContain('geweigerd');
    const result = await withScopedDuckDb(store.dataDir, {}, (c) => waterbedFlows(store, c, { van: '2026Q1', naar: '2026Q2', dimensie: 'pijler' }));
    expect(result.gemeenten).toEqual(['GM9901']);
    expect(result.sleutelBreuk).toEqual(['GM9902']);
    const table = result.rows.map((r) => [r.wijk, r.van, r.naar, r.clienten]);
    expect(table).toEqual([
      ['', '(geen)', 'WMO', 1],
      ['', 'JW', '(geen)', 1],
      ['', 'JW', 'JW', 1],
      ['', 'PW', '(geen)', 1],
      ['', 'WMO', 'JW', 1],
      ['', 'WMO', 'WMO', 1],
      ['W1', 'JW', '(geen)', 1],
      ['W1', 'WMO', 'JW', 1],
      ['W1', 'WMO', 'WMO', 1],
      ['W2', '(geen)', 'WMO', 1],
      ['W2', 'JW', 'JW', 1],
      ['W2', 'PW', '(geen)', 1],
    ]);
    expect(result.rows.every((r) => r.gemeente === 'GM9901')).toBe(true);
  });

  test('by voorziening and by leefdomein: a move within one pijler shows there, not in the pijler table', async () => {
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    const hh = { voorziening: 'WMO-01', leefdomein: 'LD02' };
    const begeleiding = { voorziening: 'WMO-02', leefdomein: 'LD06' };
    const verzorging = { voorziening: 'WMO-03', leefdomein: 'LD01' };
    const files = [
      await writeTestDelivery({
        gemeente: 'GM9901',
        periode: '2026Q1',
        dir: tempDir(),
        records: [
          rec({ client: 'c1', ...hh, ...q1 }),
          rec({ client: 'c2', ...hh, ...q1 }),
          rec({ client: 'c2', ...begeleiding, ...q1 }),
          rec({ client: 'c3', ...verzorging, begindatum: '2026-01-01' }),
        ],
      }),
      await writeTestDelivery({
        gemeente: 'GM9901',
        periode: '2026Q2',
        dir: tempDir(),
        records: [
          rec({ client: 'c1', ...begeleiding, ...q2 }), // WMO-01 → WMO-02, LD02 → LD06
          rec({ client: 'c2', ...verzorging, ...q2 }), // left WMO-01 and WMO-02, started WMO-03: two pairs
          rec({ client: 'c3', ...verzorging, begindatum: '2026-01-01' }), // stays
        ],
      }),
    ];
    expect((await importDeliveries(store, files, { signal: new AbortController().signal })).map((l) => l.uitkomst)).not.toContain('geweigerd');
    const flows = (dimensie: 'pijler' | 'voorziening' | 'leefdomein') =>
      withScopedDuckDb(store.dataDir, {}, (c) => waterbedFlows(store, c, { van: '2026Q1', naar: '2026Q2', dimensie })).then((r) => r.rows.filter((x) => x.wijk === '').map((x) => [x.van, x.naar, x.clienten]));
    expect(await flows('voorziening')).toEqual([
      ['WMO-01', 'WMO-02', 1],
      ['WMO-01', 'WMO-03', 1],
      ['WMO-02', 'WMO-03', 1],
      ['WMO-03', 'WMO-03', 1],
    ]);
    expect(await flows('leefdomein')).toEqual([
      ['LD01', 'LD01', 1],
      ['LD02', 'LD01', 1],
      ['LD02', 'LD06', 1],
      ['LD06', 'LD01', 1],
    ]);
    // All of it within the WMO: by pijler every client simply stayed.
    expect(await flows('pijler')).toEqual([['WMO', 'WMO', 3]]);
  });

  test('the periods must follow each other', async () => {
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    await expect(withScopedDuckDb(store.dataDir, {}, (c) => waterbedFlows(store, c, { van: '2026Q2', naar: '2026Q1', dimensie: 'pijler' }))).rejects.toThrow('Periode 2026Q2 moet helemaal vóór 2026Q1 liggen.');
  });
});
