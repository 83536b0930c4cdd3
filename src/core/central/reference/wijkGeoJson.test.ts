import { describe, expect, test } from 'vitest';
import { openSync, closeSync, ftruncateSync } from 'node:fs';
import { rdToWgs84 } from './rdNew.ts';
import { loadReferenceResources } from './referenceResources.ts';
import { refusal, writeTemp } from './testFiles.ts';
import { MAX_GEOJSON_BYTES, readWijkGeoJson } from './wijkGeoJson.ts';

const resources = loadReferenceResources();

const square = (x: number, y: number, size: number) => [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]];
const collection = (features: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'FeatureCollection', ...extra, features });
const feature = (properties: Record<string, unknown>, coordinates: unknown, type = 'Polygon') => ({ type: 'Feature', properties, geometry: { type, coordinates } });

describe('RD New to WGS84', () => {
  test('the origin of RD lies in Amersfoort', () => {
    const [lon, lat] = rdToWgs84(155000, 463000);
    expect(lat).toBeCloseTo(52.155, 3);
    expect(lon).toBeCloseTo(5.387, 3);
  });
});

describe('GeoJSON of wijken', () => {
  test('RD New named in crs is converted to WGS84; the code property is found by name', async () => {
    const file = writeTemp(
      'wijken_2024.geojson',
      collection([feature({ statcode: 'WK036300', statnaam: 'Burgwallen-Oude Zijde', jrstatcode: '2024WK036300' }, square(155000, 463000, 1000))], {
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } },
      }),
    );
    const map = await readWijkGeoJson(file, resources);
    expect(map.crs).toBe('rd');
    expect(map.jaar).toEqual({ jaar: 2024, uit: 'eigenschap van de features' });
    expect(map.areas).toHaveLength(1);
    const area = map.areas[0]!;
    expect(area.code).toBe('WK036300');
    expect(area.naam).toBe('Burgwallen-Oude Zijde');
    const [lon, lat] = (area.geometrie.coordinates as number[][][])[0]![0]!;
    expect(lat).toBeCloseTo(52.155, 3);
    expect(lon).toBeCloseTo(5.387, 3);
  });

  test('without crs, RD metres are recognised by their size', async () => {
    const file = writeTemp('wijken.geojson', collection([feature({ WK_CODE: 'WK990101' }, [square(155000, 463000, 500)], 'MultiPolygon')]));
    const map = await readWijkGeoJson(file, resources, { jaar: 2030 });
    expect(map.crs).toBe('rd');
    expect(map.crsUit).toBe('coördinaten in RD-meters');
    const [lon, lat] = (map.areas[0]!.geometrie.coordinates as number[][][][])[0]![0]![0]!;
    expect([lat!, lon!].map((v) => Math.round(v * 1000) / 1000)).toEqual([52.155, 5.387]);
  });

  test('WGS84 stays as it is (rounded to 6 decimals); the year may come from the name', async () => {
    const file = writeTemp('wijken_2030.geojson', collection([feature({ wijkcode: 'WK990101', wijknaam: 'Centrum' }, square(5.1234567, 52.1, 0.01))]));
    const map = await readWijkGeoJson(file, resources);
    expect(map.crs).toBe('wgs84');
    expect(map.jaar).toEqual({ jaar: 2030, uit: 'bestandsnaam' });
    expect(map.areas[0]!.geometrie.coordinates[0]![0]).toEqual([5.123457, 52.1]);
  });

  test('a wijk drawn as several features becomes one MultiPolygon', async () => {
    const file = writeTemp(
      'wijken_2030.geojson',
      collection([
        feature({ wijkcode: 'WK990101', wijknaam: 'Eilanden' }, square(5, 52, 0.01)),
        feature({ wijkcode: 'WK990102' }, square(5.1, 52, 0.01)),
        feature({ wijkcode: 'WK990101' }, [square(5.2, 52, 0.01), square(5.3, 52, 0.01)], 'MultiPolygon'),
      ]),
    );
    const map = await readWijkGeoJson(file, resources);
    expect(map.rijen).toBe(3);
    expect(map.areas.map((a) => [a.code, a.naam, a.geometrie.type, a.geometrie.coordinates.length])).toEqual([
      ['WK990101', 'Eilanden', 'MultiPolygon', 3],
      ['WK990102', null, 'Polygon', 1],
    ]);
  });

  test('features without a CBS code and broken geometry are refused by feature', async () => {
    const file = writeTemp(
      'wijken_2030.geojson',
      collection([
        feature({ naam: 'Zonder code' }, square(5, 52, 0.01)),
        feature({ wijkcode: 'WK990101' }, square(5, 52, 0.01)),
        feature({ wijkcode: 'HUIS12' }, square(5, 52, 0.01)),
        feature({ wijkcode: 'WK990102' }, [[[5, 52], [5.1, 52]]]),
        { type: 'Feature', properties: { wijkcode: 'WK990103' }, geometry: { type: 'Point', coordinates: [5, 52] } },
      ]),
    );
    const error = await refusal(readWijkGeoJson(file, resources));
    expect(error.message).toContain('feature 1: geen CBS-code (statcode, wijkcode');
    expect(error.message).toContain('feature 3: "HUIS12" in wijkcode is geen CBS-regiocode');
    expect(error.message).toContain('feature 4 (WK990102): geen geldige Polygon of MultiPolygon');
    expect(error.message).toContain('feature 5 (WK990103): geen geldige Polygon of MultiPolygon');
  });

  test('another CRS, or coordinates that are neither degrees nor RD, are refused', async () => {
    const mercator = collection([feature({ wijkcode: 'WK990101' }, square(600000, 6800000, 100))]);
    await expect(readWijkGeoJson(writeTemp('merc.geojson', mercator), resources, { jaar: 2030 })).rejects.toThrow(/geen WGS84-graden en liggen niet in Nederland in RD New/);
    const named = collection([feature({ wijkcode: 'WK990101' }, square(5, 52, 0.01))], { crs: { type: 'name', properties: { name: 'EPSG:3857' } } });
    await expect(readWijkGeoJson(writeTemp('merc.geojson', named), resources, { jaar: 2030 })).rejects.toThrow(/coördinatenstelsel EPSG:3857 wordt niet ondersteund/);
  });

  test('no year anywhere asks for --jaar; an absurdly large file is refused before it is read', async () => {
    const file = writeTemp('wijken.geojson', collection([feature({ wijkcode: 'WK990101' }, square(5, 52, 0.01))]));
    await expect(readWijkGeoJson(file, resources)).rejects.toThrow(/Geef het op met --jaar/);
    const big = writeTemp('groot.geojson', '{');
    const fd = openSync(big, 'r+');
    ftruncateSync(fd, MAX_GEOJSON_BYTES + 1);
    closeSync(fd);
    await expect(readWijkGeoJson(big, resources, { jaar: 2030 })).rejects.toThrow(/groot\.geojson is 200 MB; Wijkmonitor leest kaarten tot 200 MB/);
    await expect(readWijkGeoJson(writeTemp('kapot.geojson', '{"type":'), resources, { jaar: 2030 })).rejects.toThrow(/kapot\.geojson is geen geldige JSON/);
    await expect(readWijkGeoJson(writeTemp('punt.geojson', '{"type":"Feature"}'), resources, { jaar: 2030 })).rejects.toThrow(/geen GeoJSON FeatureCollection/);
  });
});
