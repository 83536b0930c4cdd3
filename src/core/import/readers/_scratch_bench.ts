import { open } from 'node:fs/promises';
import Papa from 'papaparse';
import { csvPhysicalRows } from './csvReader.ts';
const file = process.argv[2]!;
{
  const h = await open(file); const buf = Buffer.allocUnsafe(1 << 20); const dec = new TextDecoder('utf-8', { fatal: true });
  let pos = 0, pending = '', rows = 0; const t = performance.now();
  for (;;) { const { bytesRead } = await h.read(buf, 0, buf.length, pos); pos += bytesRead; const end = bytesRead === 0;
    pending += end ? dec.decode() : dec.decode(buf.subarray(0, bytesRead), { stream: true });
    const r = new Papa.Parser({ delimiter: ';', newline: '\r\n' }).parse(pending, 0, !end); rows += r.data.length; if (end) break; pending = pending.slice(r.meta.cursor); }
  await h.close(); const s = (performance.now() - t) / 1000; console.log('raw papa', rows, Math.round(rows / s));
}
{
  const t = performance.now(); let rows = 0;
  for await (const chunk of csvPhysicalRows(file, { encoding: 'utf-8', delimiter: ';' })) rows += chunk.length;
  const s = (performance.now() - t) / 1000; console.log('physical rows', rows, Math.round(rows / s));
}
import { readRows } from './index.ts';
for (let k = 0; k < 2; k++) {
  const t = performance.now(); let rows = 0;
  for await (const b of readRows(file, { format: 'csv', encoding: 'utf-8', delimiter: ';', headerRow: 3 }).batches) rows += b.length;
  const s = (performance.now() - t) / 1000; console.log('readRows', rows, Math.round(rows / s));
}
{
  const t = performance.now(); let rows = 0;
  for await (const chunk of csvPhysicalRows(file, { encoding: 'utf-8', delimiter: ';' })) rows += chunk.length;
  const s = (performance.now() - t) / 1000; console.log('physical rows again', rows, Math.round(rows / s));
}
