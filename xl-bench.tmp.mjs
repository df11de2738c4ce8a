import ExcelJS from 'exceljs';
const N = 50000;
async function run(label, style, stream) {
  const t = performance.now();
  let wb, ws;
  if (stream) {
    wb = new ExcelJS.stream.xlsx.WorkbookWriter({ useSharedStrings: false, useStyles: true });
  } else wb = new ExcelJS.Workbook();
  ws = wb.addWorksheet('s');
  ws.columns = Array.from({ length: 8 }, () => ({ width: 20 }));
  const font = { name: '宋体', size: 10 };
  const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  const align = { vertical: 'top', wrapText: true };
  for (let r = 0; r < N; r++) {
    const row = ws.getRow(r + 1);
    for (let c = 1; c <= 8; c++) {
      const cell = row.getCell(c);
      cell.value = c === 1 ? new Date() : `名称：纬一路社区${r} → 纬一路社区（新）${c}`;
      if (style === 'cell') { cell.numFmt = '@'; cell.font = font; cell.border = border; cell.alignment = align; }
      if (style === 'cellstyle') { cell.style = SHARED; }
    }
    if (stream) row.commit();
  }
  const t1 = performance.now();
  let size;
  if (stream) { await wb.commit(); } else { size = (await wb.xlsx.writeBuffer()).byteLength; }
  console.log(label, 'build', Math.round(t1 - t), 'write', Math.round(performance.now() - t1), size, 'rssMB', Math.round(process.memoryUsage().rss/1e6));
}
const SHARED = { numFmt: '@', font: { name: '宋体', size: 10 }, border: { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }, alignment: { vertical: 'top', wrapText: true } };
const which = process.argv[2];
await run(which, which, false);
