import ExcelJS from 'exceljs';
const wb = new ExcelJS.Workbook();
const sheet = wb.addWorksheet('Adressen');
sheet.addRow(['Nr', 'Straat']);
for (let i = 0; i < 6000; i++) sheet.addRow([i, `Café Noël-straat ${i} – Zoë`]);
await wb.xlsx.writeFile('/tmp/wmt/acc.xlsx');
const reader = new ExcelJS.stream.xlsx.WorkbookReader('/tmp/wmt/acc.xlsx', { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' });
let bad = 0;
for await (const ws of reader) for await (const row of ws as any) { const v = (row as any).getCell(2).value; if (typeof v === 'string' && v.includes('\uFFFD')) bad++; }
console.log('rows with U+FFFD via public WorkbookReader:', bad);
