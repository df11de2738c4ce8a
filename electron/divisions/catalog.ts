import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { CountyItem, DivisionItem } from '../../shared/api/divisions';
import { streetKindFromCode } from '../../shared/domain/division';
import { initialsOf } from '../services/units/pinyin';

/** One street/town of a county, with its units, as the national list has them. */
export interface CatalogStreet {
  code: string;
  name: string;
  kind: string;
  units: Array<{ code: string; name: string }>;
}

interface IndexFile {
  format: number;
  edition: string;
  source: string;
  provinces: Array<[string, string]>;
  cities: Array<[string, string]>;
  counties: Array<[string, string, number, number, number, number]>;
}

interface CountyEntry extends CountyItem {
  offset: number;
  length: number;
  streetCount: number;
  unitCount: number;
  /** pinyin initials a clerk may type: the county's, or the city's then the county's */
  initialKeys: string[];
}

/**
 * The national division list shipped with the app (built by scripts/build-divisions.mjs).
 * The index is read once; a county's streets and units are inflated only when asked for.
 */
export class DivisionCatalog {
  readonly edition: string;
  readonly source: string;
  private readonly provinces: DivisionItem[];
  private readonly cityNames = new Map<string, string>();
  private readonly counties: CountyEntry[];

  constructor(private readonly dir: string) {
    const indexPath = path.join(dir, 'index.json');
    if (!fs.existsSync(indexPath)) {
      throw new Error(`全国区划库文件缺失：${indexPath}（请先运行 npm run build:divisions）`);
    }
    const index = JSON.parse(fs.readFileSync(indexPath, 'utf8')) as IndexFile;
    this.edition = index.edition;
    this.source = index.source;
    this.provinces = index.provinces.map(([code, name]) => ({ code, name }));
    const provinceNames = new Map(index.provinces);
    for (const [code, name] of index.cities) this.cityNames.set(code, name);
    this.counties = index.counties.map(([code, name, offset, length, streetCount, unitCount]) => {
      const cityCode = code.slice(0, 4);
      const provinceCode = code.slice(0, 2);
      const cityName = this.cityNames.get(cityCode) ?? '';
      const provinceName = provinceNames.get(provinceCode) ?? '';
      return {
        code,
        name,
        cityCode,
        cityName,
        provinceCode,
        provinceName,
        fullName: countyFullName(provinceName, cityName, name),
        offset,
        length,
        streetCount,
        unitCount,
        initialKeys: [],
      };
    });
  }

  listProvinces(): DivisionItem[] {
    return this.provinces;
  }

  listCities(provinceCode: string): DivisionItem[] {
    return [...this.cityNames].filter(([code]) => code.startsWith(provinceCode)).map(([code, name]) => ({ code, name }));
  }

  listCounties(cityCode: string): CountyItem[] {
    return this.counties.filter((c) => c.cityCode === cityCode).map(toCountyItem);
  }

  findCounty(code: string): CountyItem | undefined {
    const entry = this.counties.find((c) => c.code === code);
    return entry && toCountyItem(entry);
  }

  /** Counties by code prefix, by any part of the name or path, or by pinyin initials. */
  searchCounties(query: string, limit: number): CountyItem[] {
    const q = query.trim().toLowerCase();
    if (q === '') return [];
    if (/^\d+$/.test(q)) return this.counties.filter((c) => c.code.startsWith(q)).slice(0, limit).map(toCountyItem);
    const byInitials = /^[a-z]+$/.test(q);
    if (byInitials) this.ensureInitials();
    const compact = q.replace(/\s/g, '');
    const matches = this.counties.filter((c) =>
      byInitials ? c.initialKeys.some((key) => key.startsWith(q)) : c.name.includes(q) || c.fullName.replace(/\s/g, '').includes(compact),
    );
    // exact name (or exact initials) first, then shorter names, so "市中区" lists every 市中区 before 市中区xx
    const exact = (c: CountyEntry) => c.name === q || c.initialKeys.includes(q);
    matches.sort((a, b) => Number(exact(b)) - Number(exact(a)) || a.name.length - b.name.length || a.code.localeCompare(b.code));
    return matches.slice(0, limit).map(toCountyItem);
  }

  /** The streets/towns and units of one county, in code order. */
  loadCounty(code: string): CatalogStreet[] {
    const entry = this.counties.find((c) => c.code === code);
    if (!entry) throw new Error(`区划库中没有代码为 ${code} 的区县`);
    const fd = fs.openSync(path.join(this.dir, 'units.bin'), 'r');
    try {
      const buffer = Buffer.alloc(entry.length);
      fs.readSync(fd, buffer, 0, entry.length, entry.offset);
      const raw = JSON.parse(zlib.brotliDecompressSync(buffer).toString('utf8')) as Array<[string, string, Array<[string, string]>]>;
      return raw.map(([streetCode, streetName, units]) => ({
        code: streetCode,
        name: streetName,
        kind: streetKindFromCode(streetCode),
        units: units.map(([suffix, name]) => ({ code: streetCode + suffix, name })),
      }));
    } finally {
      fs.closeSync(fd);
    }
  }

  countyCounts(code: string): { streetCount: number; unitCount: number } | undefined {
    const entry = this.counties.find((c) => c.code === code);
    return entry && { streetCount: entry.streetCount, unitCount: entry.unitCount };
  }

  /** 市中区 → "szq"; 济南市 市中区 → "jnsszq" and, as clerks often drop 市, "jnszq". */
  private ensureInitials() {
    if (this.counties[0]?.initialKeys.length) return;
    for (const c of this.counties) {
      const county = initialsOf(c.name);
      const keys = [county];
      if (isRealCity(c.cityName, c.provinceName)) {
        keys.push(initialsOf(c.cityName) + county);
        const bare = c.cityName.replace(/(市|地区|自治州|盟)$/, '');
        if (bare !== c.cityName && bare.length > 0) keys.push(initialsOf(bare) + county);
      }
      c.initialKeys = keys;
    }
  }
}

/**
 * Whether the city level names a real city. The national list uses placeholders at that level:
 * 市辖区 and 县 under the municipalities, 省直辖县级行政区划 / 自治区直辖县级行政区划 for
 * counties directly under a province.
 */
function isRealCity(cityName: string, provinceName: string): boolean {
  return cityName !== '' && cityName !== '市辖区' && cityName !== '县' && !cityName.includes('直辖') && cityName !== provinceName;
}

/** "山东省 济南市 市中区", "河南省 济源市", "北京市 东城区": placeholders and a repeated name left out. */
export function countyFullName(provinceName: string, cityName: string, countyName: string): string {
  const parts = [provinceName];
  if (isRealCity(cityName, provinceName)) parts.push(cityName);
  if (countyName !== cityName) parts.push(countyName);
  return parts.join(' ');
}

function toCountyItem(entry: CountyEntry): CountyItem {
  const { code, name, cityCode, cityName, provinceCode, provinceName, fullName } = entry;
  return { code, name, cityCode, cityName, provinceCode, provinceName, fullName };
}
