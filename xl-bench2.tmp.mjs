import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
const N = 50000;
const SHARED = { numFmt: '@', font: { name: '宋体', size: 10 }, border: { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }, alignment: { vertical: 'top', wrapText: true } };
const font = { name: '宋体', size: 10 };
const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const align = { vertical: 'top', wrapText: true };
async function run(mode) {
  const t = performance.now();
  let wb, chunks = [];
  const out = new PassThrough(); out.on('data', (c) => chunks.push(c));
  if (mode.startsWith('stream')) wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true, zip: { zlib: { level: mode === 'stream1' ? 1 : 6 } } });
  else wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  ws.columns = Array.from({ length: 8 }, () => ({ width: 20 }));
  for (let r = 0; r < N; r++) {
    const row = ws.getRow(r + 1);
    for (let c = 1; c <= 8; c++) {
      const cell = row.getCell(c);
      cell.value = c === 1 ? new Date() : `名称：纬一路社区${r} → 纬一路社区（新）${c}`;
      cell.numFmt = '@'; cell.font = font; cell.border = border; cell.alignment = align;
    }
    if (mode.startsWith('stream')) row.commit();
  }
  const t1 = performance.now();
  let size;
  if (mode.startsWith('stream')) { await wb.commit(); size = Buffer.concat(chunks).length; }
  else size = (await wb.xlsx.writeBuffer({ useSharedStrings: mode === 'shared', useStyles: true, zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } })).byteLength;
  console.log(mode, 'build', Math.round(t1 - t), 'write', Math.round(performance.now() - t1), size, 'rssMB', Math.round(process.memoryUsage().rss/1e6));
}
await run(process.argv[2]);
