import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { writeClientExport } from '../../../fixtures/exports.ts';
import { UserError } from '../errors.ts';
import { createPseudonymiser, keyForWorker, type Pseudonymiser } from '../pseudonym/wm1.ts';
import { createQualityReport } from '../quality/qualityReport.ts';
import type { Finding } from '../quality/finding.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { tempDir } from '../testing/tempDir.ts';
import { exportRecords } from './exportRecords.ts';
import { prepareExport, type PreparedExport } from './prepareExport.ts';
import { loadRecordParsers } from './recordParsers.ts';
import type { StoredRecord } from './storedRecord.ts';

const ref = loadReferenceTables();
const parsers = loadRecordParsers();
const key = () => Buffer.from(Array.from({ length: 32 }, (_, i) => 255 - i));
let file: string;
let prepared: PreparedExport;

beforeAll(async () => {
  file = path.join(tempDir(), 'export_2026Q3.csv');
  await writeClientExport({ gemeente: 'GM9903', dialect: 'csv-cp1252', rows: 12_345, seed: 3, period: '2026Q3', path: file });
  prepared = await prepareExport(file, { ref, parsers });
});

/** The same pseudonymiser behind a plain object: keyForWorker knows it not, so exportRecords stays in this thread. */
function inThisThread(p: Pseudonymiser): Pseudonymiser {
  return { fingerprint: p.fingerprint, client: (b) => p.client(b), household: (a) => p.household(a), wipe: () => p.wipe() };
}

async function collect(pseudonymiser: Pseudonymiser, exports: readonly PreparedExport[] = [prepared], signal?: AbortSignal) {
  const quality = createQualityReport(prepared.mapping, ref);
  const bsns = new Set<string>();
  const findings: Finding[] = [];
  const batches: StoredRecord[][] = [];
  for await (const batch of exportRecords({
    exports,
    pseudonymiser,
    parsers,
    peildatum: '2026-09-30',
    quality,
    onBsn: (bsn) => bsns.add(bsn),
    onFindings: (f) => findings.push(...f),
    signal,
  })) {
    batches.push(batch);
  }
  return { batches, bsns, findings, summary: quality.summary(), rows: quality.rows() };
}

describe('exportRecords in a worker thread', () => {
  test('gives the same batches, records, findings, BSNs and counts as in this thread', async () => {
    const worker = createPseudonymiser(key());
    const local = createPseudonymiser(key());
    expect(keyForWorker(worker)).toBeInstanceOf(Buffer);
    expect(keyForWorker(inThisThread(local))).toBeUndefined();
    const a = await collect(worker);
    const b = await collect(inThisThread(local));
    expect(a.batches.length).toBeGreaterThan(2);
    expect(a.batches).toEqual(b.batches);
    expect([...a.bsns].sort()).toEqual([...b.bsns].sort());
    expect(a.bsns.size).toBeGreaterThan(1000);
    expect(a.findings).toEqual(b.findings);
    expect(a.summary).toEqual(b.summary);
    expect(a.rows).toEqual(b.rows);
    worker.wipe();
    expect(keyForWorker(worker)).toBeUndefined();
    local.wipe();
  });

  test('a file error comes out as the same Dutch UserError with file and row, after the rows before it', async () => {
    const broken = path.join(tempDir(), 'kapot.csv');
    writeFileSync(broken, readFileSync(file));
    appendFileSync(broken, Buffer.from('999900006;"niet afgesloten;x\r\n', 'latin1'));
    const lines = readFileSync(broken, 'latin1').split('\r\n').length - 1;
    const target = { ...prepared, file: broken, bestand: 'kapot.csv' };
    const run = async (p: Pseudonymiser) => {
      let records = 0;
      try {
        for await (const batch of exportRecords({ exports: [target], pseudonymiser: p, parsers, peildatum: '2026-09-30', quality: createQualityReport(prepared.mapping, ref) })) records += batch.length;
      } catch (error) {
        return { error, records };
      }
      return { error: null, records };
    };
    const worker = await run(createPseudonymiser(key()));
    const local = await run(inThisThread(createPseudonymiser(key())));
    expect(worker.error).toBeInstanceOf(UserError);
    expect((worker.error as UserError).code).toBe('CSV_AANHALINGSTEKEN');
    expect((worker.error as UserError).location).toEqual({ file: 'kapot.csv', row: lines });
    expect((worker.error as UserError).message).toContain(`Rij ${lines} van 'kapot.csv'`);
    expect((worker.error as UserError).message).toBe((local.error as UserError).message);
    expect(worker.records).toBe(local.records);
  });

  test('a cancel stops the worker: the iteration ends with the abort reason', async () => {
    const controller = new AbortController();
    const pseudonymiser = createPseudonymiser(key());
    let batches = 0;
    const run = (async () => {
      for await (const _batch of exportRecords({ exports: [prepared, prepared], pseudonymiser, parsers, peildatum: '2026-09-30', quality: createQualityReport(prepared.mapping, ref), signal: controller.signal })) {
        batches++;
        if (batches === 1) controller.abort();
      }
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(batches).toBe(1);
    pseudonymiser.wipe();
  });
});
