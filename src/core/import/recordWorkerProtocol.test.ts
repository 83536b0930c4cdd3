import { describe, expect, test } from 'vitest';
import { PACKED_WIDTH, packRecord, unpackRecords, type PackedValue } from './recordWorkerProtocol.ts';
import { STORED_COLUMNS, type StoredRecord } from './storedRecord.ts';

/** A record whose every field holds its own column's name: a field out of place shows by name. */
const named = (suffix: string) => Object.fromEntries(STORED_COLUMNS.map((c) => [c, `${c}${suffix}`])) as unknown as StoredRecord;

describe('a batch packed for the thread crossing', () => {
  test('packRecord writes the fields in STORED_COLUMNS order, one slot each', () => {
    const values: PackedValue[] = [];
    packRecord(values, named(''));
    expect(values).toEqual([...STORED_COLUMNS]);
    expect(PACKED_WIDTH).toBe(STORED_COLUMNS.length);
  });

  test('unpackRecords gives back the records packed, with their nulls and numbers', () => {
    const records = [named('-1'), { ...named('-2'), bron_rij: 7, huishouden: null, volume: 2.5, kosten: -12.25, aanvraagdatum: null }];
    const values: PackedValue[] = [];
    for (const record of records) packRecord(values, record);
    const back = unpackRecords(values, records.length);
    expect(back).toEqual(records);
    expect(back.map((r) => Object.keys(r))).toEqual([[...STORED_COLUMNS], [...STORED_COLUMNS]]);
  });
});
