import type { DeliveryRecord } from '../delivery/deliveryRecord.ts';
import { parsePeriode } from '../period/periode.ts';
import type { Db } from '../store/database.ts';
import { loadRecords } from './recordSet.ts';

/** A delivery record with plain defaults, for hand-computed indicator cases. */
export function rec(overrides: Partial<DeliveryRecord> & Pick<DeliveryRecord, 'client'>): DeliveryRecord {
  return {
    huishouden: `H-${overrides.client}`,
    leeftijd: 40,
    geslacht: '1',
    pc4: '9901',
    wijk: 'WK990101',
    gebied: null,
    pijler: 'WMO',
    productcode: 'P1',
    product: 'Product 1',
    categorie: null,
    voorziening: 'WMO-02',
    leefdomein: 'LD06',
    financier: 'gemeente',
    begindatum: '2026-01-01',
    einddatum: null,
    aanbieder: 'A1',
    aanbieder_naam: 'Aanbieder 1',
    volume: null,
    eenheid: null,
    frequentie: null,
    kosten: null,
    verwijzer: null,
    reden_einde: null,
    aanvraagdatum: null,
    ...overrides,
  };
}

export function loadTestSource(db: Db, periode: string, records: DeliveryRecord[], gemeente = 'GM9901'): Promise<{ bron: number; rijen: number }> {
  return loadRecords(db, { gemeente, gemeentenaam: `Testgemeente ${gemeente}`, periode: parsePeriode(periode), omschrijving: `test ${periode}` }, [records]);
}
