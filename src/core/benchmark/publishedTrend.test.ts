import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exportCentralFigures } from '../central/export/exportFigures.ts';
import type { CentralStore } from '../central/store/centralStore.ts';
import { withScopedDuckDb } from '../central/store/scopedDuckDb.ts';
import { IJK_PERIODE, packTwoPeriodStore, PACK_PERIODE } from '../pack/packTestKit.ts';
import { tempDir } from '../testing/tempDir.ts';
import { publishedTrend } from './trends.ts';

/*
 * The Benchmark's published trend: two stored publications compared. Hand-checked on the packs'
 * two-period store (GM9901 51 → 52 clients; WK990103 suppressed now; GM9902 changed its key).
 */

let store: CentralStore;
beforeAll(async () => {
  store = await packTwoPeriodStore();
}, 120_000);
afterAll(() => store?.close());

const publish = (periode: string) => withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { periode, out: path.join(tempDir(), 'cijfers.csv'), intern: false, pijlerVolgorde: ['WMO', 'JW'] }));

test('the published trend compares the two stored publications: a suppressed side is listed as suppressed, a key change is not compared', async () => {
  await publish(PACK_PERIODE);
  // Without a publication of the ijkperiode there is nothing published to compare with.
  expect(() => publishedTrend(store.dataDir, { ijk: IJK_PERIODE, periode: PACK_PERIODE })).toThrow(`Over ${IJK_PERIODE} is nog geen publicatie opgeslagen`);
  await publish(IJK_PERIODE);
  const trend = publishedTrend(store.dataDir, { ijk: IJK_PERIODE, periode: PACK_PERIODE });
  expect(trend.gemeenten).toEqual(['GM9901']);
  expect(trend.sleutelBreuk).toEqual(['GM9902']);
  expect(trend.alle).toBe(false);
  const row = (wijk: string, indicator: string) => trend.rows.find((r) => r.gemeente === 'GM9901' && r.wijk === wijk && r.indicator === indicator && r.dimensie === '');
  expect(row('', 'clienten')).toMatchObject({ ijkwaarde: 51, waarde: 52, verschil: 1, index: 102 });
  expect(row('WK990103', 'clienten')).toBeUndefined();
  expect(trend.onderdrukt).toContainEqual({ gemeente: 'GM9901', wijk: 'WK990103', indicator: 'clienten', dimensie: '' });
  expect(trend.rows.some((r) => r.gemeente !== 'GM9901')).toBe(false);
});
