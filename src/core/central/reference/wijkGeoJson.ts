import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../errors.ts';
import { fileAccessError } from '../../import/readers/readerErrors.ts';
import { problemList } from './problemList.ts';
import { rdToWgs84, withinRdNew } from './rdNew.ts';
import type { ReferenceResources } from './referenceResources.ts';
import { settleYear, yearFromFileName, type FoundYear } from './referenceYear.ts';
import { regionCode } from './regionCode.ts';

/**
 * Wijk shapes for maps: a GeoJSON FeatureCollection whose features carry a CBS code property
 * (which one is data: resources/geojson-velden.csv), in RD New or WGS84, stored as WGS84.
 * GeoJSON is parsed whole, so the file size is bounded.
 */
export const MAX_GEOJSON_BYTES = 200 * 1024 * 1024;

export type Crs = 'rd' | 'wgs84';
type Geometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
export type MapArea = { code: string; naam: string | null; geometrie: Geometry };
export type GeoJsonFile = {
  jaar: FoundYear;
  crs: Crs;
  crsUit: string;
  areas: MapArea[];
  /** Features read; more than `areas` when a wijk came in several parts. */
  rijen: number;
};

/** Six decimals of a degree are about 0.1 m: more only makes the catalogue bigger. */
const round = (v: number) => Math.round(v * 1e6) / 1e6;

export async function readWijkGeoJson(file: string, resources: ReferenceResources, options: { jaar?: number } = {}): Promise<GeoJsonFile> {
  const label = path.basename(file);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw fileAccessError(file, error);
  }
  if (size > MAX_GEOJSON_BYTES) {
    const mb = (n: number) => Math.round(n / (1024 * 1024));
    throw new UserError(
      'GEOJSON_TE_GROOT',
      `${label} is ${mb(size)} MB; Wijkmonitor leest kaarten tot ${mb(MAX_GEOJSON_BYTES)} MB. Vereenvoudig de kaart (bijvoorbeeld met mapshaper) of neem alleen de wijken van de deelnemende gemeenten.`,
      { file: label },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof SyntaxError) throw new UserError('GEOJSON_ONGELDIG', `${label} is geen geldige JSON.`, { file: label });
    throw fileAccessError(file, error);
  }
  const collection = json as { type?: unknown; features?: unknown; crs?: unknown };
  if (typeof json !== 'object' || json === null || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new UserError('GEOJSON_ONGELDIG', `${label} is geen GeoJSON FeatureCollection.`, { file: label });
  }
  const features = collection.features as unknown[];
  if (features.length === 0) throw new UserError('GEOJSON_LEEG', `${label} bevat geen features.`, { file: label });

  const problems = problemList(file);
  const velden = resources.geojsonVelden;
  const property = (props: Record<string, unknown>, names: readonly string[]) => {
    const lower = new Map(Object.keys(props).map((k) => [k.toLowerCase(), k]));
    for (const name of names) {
      const key = lower.get(name.toLowerCase());
      const value = key === undefined ? undefined : props[key];
      if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') return { name: key!, value: String(value).trim() };
    }
    return null;
  };
  // Insertion order is file order; a wijk drawn as several features (islands) becomes one MultiPolygon.
  const parsed = new Map<string, { naam: string | null; geometry: Geometry; polygons: number[][][][] }>();
  let yearValue: string | null = null;
  features.forEach((raw, i) => {
    const where = `feature ${i + 1}`;
    const feature = raw as { properties?: unknown; geometry?: unknown };
    const props = (typeof feature?.properties === 'object' && feature.properties !== null ? feature.properties : {}) as Record<string, unknown>;
    const codeProp = property(props, velden.code);
    const code = codeProp === null ? null : regionCode(codeProp.value);
    if (code === null) {
      problems.add(null, null, codeProp === null ? `${where}: geen CBS-code (${velden.code.join(', ')})` : `${where}: "${codeProp.value.slice(0, 20)}" in ${codeProp.name} is geen CBS-regiocode`);
      return;
    }
    yearValue ??= property(props, velden.jaar)?.value ?? null;
    const geometry = feature.geometry as Geometry | null | undefined;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') || !validCoordinates(geometry)) {
      problems.add(null, null, `${where} (${code}): geen geldige Polygon of MultiPolygon`);
      return;
    }
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const known = parsed.get(code);
    if (known) {
      known.polygons.push(...polygons);
      known.geometry = { type: 'MultiPolygon', coordinates: known.polygons };
    } else {
      parsed.set(code, { naam: property(props, velden.naam)?.value ?? null, geometry, polygons: [...polygons] });
    }
  });
  problems.throwIfAny('GEOJSON_ONGELDIG');

  const geometries = [...parsed].map(([code, { naam, geometry }]) => ({ code, naam, geometry }));
  const { crs, uit } = detectCrs(label, collection.crs, geometries.map((g) => g.geometry));
  const convert = crs === 'rd' ? ([x, y]: number[]) => rdToWgs84(x!, y!).map(round) : ([x, y]: number[]) => [round(x!), round(y!)];
  const areas = geometries.map(({ code, naam, geometry }) => ({ code, naam, geometrie: mapPositions(geometry, convert) }));
  const fromProperty = yearValue !== null ? /^((?:19|20)\d\d)/.exec(yearValue)?.[1] : undefined;
  const jaar = settleYear(file, options.jaar, fromProperty ? { jaar: Number(fromProperty), uit: 'eigenschap van de features', zeker: true } : yearFromFileName(file, resources.tabellen));
  return { jaar, crs, crsUit: uit, areas, rijen: features.length };
}

function validCoordinates(geometry: Geometry): boolean {
  const ring = (r: unknown) => Array.isArray(r) && r.length >= 4 && r.every((p) => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]));
  const polygon = (p: unknown) => Array.isArray(p) && p.length >= 1 && p.every(ring);
  return geometry.type === 'Polygon' ? polygon(geometry.coordinates) : Array.isArray(geometry.coordinates) && geometry.coordinates.length >= 1 && geometry.coordinates.every(polygon);
}

function mapPositions(geometry: Geometry, convert: (p: number[]) => number[]): Geometry {
  const polygon = (p: number[][][]) => p.map((ring) => ring.map(convert));
  return geometry.type === 'Polygon' ? { type: 'Polygon', coordinates: polygon(geometry.coordinates) } : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(polygon) };
}

function positions(geometry: Geometry): number[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates.flat() : geometry.coordinates.flat(2);
}

/**
 * The file's own `crs` member (GeoJSON 2008; RFC 7946 dropped it, but QGIS and ogr2ogr still
 * write it for RD New) decides; without one, the coordinates do: degrees or RD metres.
 */
function detectCrs(label: string, crs: unknown, geometries: readonly Geometry[]): { crs: Crs; uit: string } {
  const name = (crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name === 'string') {
    if (/28992/.test(name)) return { crs: 'rd', uit: name };
    if (/CRS84|4326/i.test(name)) return { crs: 'wgs84', uit: name };
    throw new UserError('GEOJSON_CRS', `${label}: coördinatenstelsel ${name.slice(0, 60)} wordt niet ondersteund; gebruik RD New (EPSG:28992) of WGS84.`, { file: label });
  }
  let degrees = true;
  let rd = true;
  for (const g of geometries) {
    for (const [x, y] of positions(g)) {
      if (Math.abs(x!) > 180 || Math.abs(y!) > 90) degrees = false;
      if (!withinRdNew(x!, y!)) rd = false;
    }
  }
  if (degrees) return { crs: 'wgs84', uit: 'coördinaten in graden' };
  if (rd) return { crs: 'rd', uit: 'coördinaten in RD-meters' };
  throw new UserError('GEOJSON_CRS', `${label}: de coördinaten zijn geen WGS84-graden en liggen niet in Nederland in RD New (EPSG:28992). Zet de kaart om naar een van beide.`, { file: label });
}
