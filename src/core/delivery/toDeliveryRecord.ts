import { UNKNOWN_WIJK, type AreaLookup } from '../classification/areaTable.ts';
import { DEFAULT_FINANCIER } from '../classification/classificationCodes.ts';
import type { ProductRow } from '../classification/productTable.ts';
import type { StoredRecord } from '../import/storedRecord.ts';
import type { Periode } from '../period/periode.ts';
import { ageAt } from '../values/date.ts';
import type { DeliveryRecord } from './deliveryRecord.ts';

/**
 * Derives what a delivery adds to a stored record for one period: the age on the period's last
 * day (birthday taken as the 1st of the birth month), the wijk from the current area table, and
 * the classification from the vertaaltabel, which wins over what the export said.
 */
export function toDeliveryRecord(record: StoredRecord, product: ProductRow, area: ReturnType<AreaLookup>, periode: Periode): DeliveryRecord {
  const leeftijd = record.geboortemaand === null ? null : ageAt(`${record.geboortemaand}-01`, periode.eind);
  return {
    client: record.client,
    huishouden: record.huishouden,
    leeftijd: leeftijd !== null && leeftijd >= 0 && leeftijd <= 120 ? leeftijd : null,
    geslacht: record.geslacht,
    pc4: record.pc4,
    wijk: area?.wijk ?? UNKNOWN_WIJK,
    gebied: area?.gebied || null,
    pijler: product.pijler,
    productcode: record.productcode,
    product: record.product ?? (product.product || null),
    categorie: record.categorie ?? (product.categorie || null),
    voorziening: product.voorziening,
    leefdomein: product.leefdomein,
    financier: product.financier || DEFAULT_FINANCIER,
    begindatum: record.begindatum,
    einddatum: record.einddatum,
    aanbieder: record.aanbieder,
    aanbieder_naam: record.aanbieder_naam,
    volume: record.volume,
    eenheid: record.eenheid,
    frequentie: record.frequentie,
    kosten: record.kosten,
    verwijzer: record.verwijzer,
    reden_einde: record.reden_einde,
    aanvraagdatum: record.aanvraagdatum,
  };
}

/**
 * `deliveryRow(toDeliveryRecord(record, product, area, periode))` in one step, for the delivery's
 * loop over a million records: the same values in DELIVERY_COLUMNS order without the object in
 * between (profiled, issue 17). Must stay equal to that composition; a test compares them.
 */
export function toDeliveryRow(record: StoredRecord, product: ProductRow, area: ReturnType<AreaLookup>, periode: Periode): (string | number)[] {
  const leeftijd = record.geboortemaand === null ? null : ageAt(`${record.geboortemaand}-01`, periode.eind);
  return [
    record.client,
    record.huishouden ?? '',
    leeftijd !== null && leeftijd >= 0 && leeftijd <= 120 ? leeftijd : '',
    record.geslacht,
    record.pc4 ?? '',
    area?.wijk ?? UNKNOWN_WIJK,
    area?.gebied || '',
    product.pijler,
    record.productcode,
    record.product ?? (product.product || ''),
    record.categorie ?? (product.categorie || ''),
    product.voorziening,
    product.leefdomein,
    product.financier || DEFAULT_FINANCIER,
    record.begindatum,
    record.einddatum ?? '',
    record.aanbieder ?? '',
    record.aanbieder_naam ?? '',
    record.volume ?? '',
    record.eenheid ?? '',
    record.frequentie ?? '',
    record.kosten === null ? '' : record.kosten.toFixed(2),
    record.verwijzer ?? '',
    record.reden_einde ?? '',
    record.aanvraagdatum ?? '',
  ];
}
