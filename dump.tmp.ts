import ExcelJS from 'exceljs';
const wb = new ExcelJS.Workbook();
await wb.xlsx.readFile(process.argv[2]!);
for (const name of (process.argv[3] ?? 'Bevindingen').split(',')) {
  console.log('==', name);
  wb.getWorksheet(name)!.eachRow((r) => console.log((r.values as unknown[]).slice(1).join(' | ')));
}
