import { describe, expect, test } from 'vitest';
import type { AreaRow } from '../classification/areaTable.ts';
import type { ProductRow } from '../classification/productTable.ts';
import type { StoredRecord } from '../import/storedRecord.ts';
import { parsePeriode } from '../period/periode.ts';
import { deliveryRow } from './deliveryRecord.ts';
import { toDeliveryRecord, toDeliveryRow } from './toDeliveryRecord.ts';

const periode = parsePeriode('2026Q3');
const full: StoredRecord = {
  bron_rij: 7,
  client: '23ad5b4eaea27b41b2535dd97a8579c4',
  huishouden: '404a240b2b12f86f8f940cd3554a3b4d',
  geboortemaand: '1950-10',
  geslacht: '2',
  pc4: '1234',
  pc6: '1234AB',
  pijler: 'WMO',
  productcode: 'P1',
  product: 'Huishoudelijke hulp',
  categorie: '02',
  begindatum: '2026-01-01',
  einddatum: '2026-12-31',
  aanbieder: '12345678',
  aanbieder_naam: 'Zorg BV',
  volume: 2.5,
  eenheid: '04',
  frequentie: '2',
  kosten: -12.5,
  verwijzer: '01',
  reden_einde: '02',
  aanvraagdatum: '2025-12-01',
};
const empty: StoredRecord = {
  ...full,
  huishouden: null, geboortemaand: null, pc4: null, pc6: null, pijler: null, product: null, categorie: null, einddatum: null, aanbieder: null,
  aanbieder_naam: null, volume: null, eenheid: null, frequentie: null, kosten: null, verwijzer: null, reden_einde: null, aanvraagdatum: null,
};
const product: ProductRow = { productcode: 'P1', product: 'Hulp', pijler: 'WMO', categorie: '03', voorziening: 'WMO-01', leefdomein: 'LD02', financier: '' };
const area: AreaRow = { postcode: '1234', wijk: 'WK039201', wijknaam: 'Centrum', gebied: '' };

describe('toDeliveryRow', () => {
  test.each([
    ['every field filled', full, product, area],
    ['every optional field empty, no area', empty, product, null],
    ['the table fills in, an age over 120', { ...empty, geboortemaand: '1890-01' }, { ...product, product: '', categorie: '', financier: 'zorgverzekeraar' }, { ...area, gebied: 'Noord' }],
    ['born after the period (negative age)', { ...full, geboortemaand: '2027-01', kosten: 0 }, product, area],
  ])('%s: the same row as deliveryRow(toDeliveryRecord(…))', (_name, record, p, a) => {
    expect(toDeliveryRow(record, p, a, periode)).toEqual(deliveryRow(toDeliveryRecord(record, p, a, periode)));
  });
});
