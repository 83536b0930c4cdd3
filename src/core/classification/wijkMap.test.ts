import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openTestCore, type TestCore } from '../testing/testCore.ts';
import { tempDir } from '../testing/tempDir.ts';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.core.close()));

const square = (x: number, y: number, d: number) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
const collection = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('the gemeente edition’s wijk map', () => {
  test('a GeoJSON in RD New is stored as WGS84 and replaces the previous map; a cancelled dialog changes nothing', async () => {
    const c = await openTestCore(tempDir());
    cores.push(c);
    expect(await c.call('areas.map')).toEqual({ jaar: null, gebieden: [] });
    const dir = tempDir();
    const rd = path.join(dir, 'wijken_2024.geojson');
    writeFileSync(rd, collection([{ type: 'Feature', properties: { wijkcode: 'WK990101', wijknaam: 'Centrum' }, geometry: { type: 'Polygon', coordinates: square(155000, 463000, 1000) } }]));
    c.dialogs.queueOpen([rd]);
    const map = await c.call('areas.mapImport', {});
    expect(map!.jaar).toBe(2024);
    expect(map!.gebieden).toHaveLength(1);
    const [lon, lat] = (map!.gebieden[0]!.geometrie.coordinates as number[][][])[0]![0]!;
    // The RD origin (155000, 463000) is Amersfoort's Onze Lieve Vrouwetoren, 5.387° E 52.155° N.
    expect(lon).toBeCloseTo(5.3876, 3);
    expect(lat).toBeCloseTo(52.1552, 3);
    expect(map!.gebieden[0]!.naam).toBe('Centrum');

    const wgs = path.join(dir, 'wijken_2025.geojson');
    writeFileSync(wgs, collection(['WK990101', 'WK990102'].map((code, i) => ({ type: 'Feature', properties: { wijkcode: code }, geometry: { type: 'Polygon', coordinates: square(5 + i * 0.01, 52, 0.01) } }))));
    c.dialogs.queueOpen([wgs]);
    await c.call('areas.mapImport', {});
    expect((await c.call('areas.map')).gebieden.map((g) => g.code)).toEqual(['WK990101', 'WK990102']);
    c.dialogs.queueOpen([]);
    expect(await c.call('areas.mapImport', {})).toBeNull();
    expect((await c.call('areas.map')).jaar).toBe(2025);
  });

  test('a file that is no GeoJSON is refused in Dutch naming the file, and the stored map stays', async () => {
    const c = await openTestCore(tempDir());
    cores.push(c);
    const bad = path.join(tempDir(), 'kaart.geojson');
    writeFileSync(bad, '{"type": "Feature"}');
    c.dialogs.queueOpen([bad]);
    await expect(c.call('areas.mapImport', { jaar: 2024 })).rejects.toThrow('kaart.geojson is geen GeoJSON FeatureCollection.');
    expect(await c.call('areas.map')).toEqual({ jaar: null, gebieden: [] });
  });
});
