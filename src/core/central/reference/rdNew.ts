import proj4 from 'proj4';

/**
 * RD New (EPSG:28992, Amersfoort / RD New) to WGS84, by proj4 with the EPSG definition including
 * its 7-parameter datum shift (accurate to about a metre: enough for wijk maps, not for surveying).
 */
const RD_NEW =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
  '+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';

const converter = proj4(RD_NEW, 'EPSG:4326');

/** [x, y] in metres → [longitude, latitude] in degrees. */
export function rdToWgs84(x: number, y: number): [number, number] {
  const [lon, lat] = converter.forward([x, y]);
  return [lon!, lat!];
}

/** Where RD New coordinates of the Netherlands lie (EPSG:28992 area of use, with a margin). */
export function withinRdNew(x: number, y: number): boolean {
  return x >= -7000 && x <= 300000 && y >= 289000 && y <= 629000;
}
