/**
 * Excel date serial numbers → ISO text, with integer arithmetic only (no Date, no time zone):
 * used by the workbook reader (worker) for date-formatted cells and by the date parser.
 *
 * 1900 system (Windows Excel, WPS, the default): serial 1 = 1900-01-01; Excel (after Lotus 1-2-3)
 * counts a 1900-02-29 that never existed, as serial 60 — it comes out as the text '1900-02-29',
 * which the date parser then refuses; serials from 61 on are days since 1899-12-30.
 * 1904 system (old Mac workbooks): serial 0 = 1904-01-01.
 * The fraction is the time of day, rounded to the second.
 */

const DAYS_1899_12_30_TO_1970 = 25_569;
/** 9999-12-31 in the 1900 system: Excel's last date. */
export const MAX_EXCEL_SERIAL = 2_958_465;

/** Civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm). */
export function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Day count since 1970-01-01 of a civil date. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export interface SerialParts {
  /** 'YYYY-MM-DD' ('1900-02-29' for Excel's phantom day), or null for a time of day only (serial < 1) */
  date: string | null;
  /** 'HH:mm:ss', or null at midnight */
  time: string | null;
}

/** The date and time a serial stands for; null when it is negative, not finite or past 9999-12-31. */
export function excelSerialParts(serial: number, date1904 = false): SerialParts | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  let day = Math.floor(serial);
  let seconds = Math.round((serial - day) * 86_400);
  if (seconds >= 86_400) {
    day += 1;
    seconds -= 86_400;
  }
  if (day > MAX_EXCEL_SERIAL - (date1904 ? 1462 : 0)) return null;
  const time = seconds === 0 ? null : `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  let date: string | null;
  if (date1904) {
    date = isoFromDays(day + daysFromCivil(1904, 1, 1));
  } else if (day === 0) {
    date = null;
  } else if (day === 60) {
    date = '1900-02-29';
  } else {
    date = isoFromDays(day - DAYS_1899_12_30_TO_1970 + (day < 60 ? 1 : 0));
  }
  return { date, time };
}

function isoFromDays(days: number): string {
  const { y, m, d } = civilFromDays(days);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** The serial of a valid ISO date in the 1900 system (the inverse, for tests and writers). */
export function excelSerialOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const days = daysFromCivil(y, m, d) + DAYS_1899_12_30_TO_1970;
  return days < 61 ? days - 1 : days;
}

/** How a date-formatted cell is handed over: 'YYYY-MM-DD', 'YYYY-MM-DDTHH:mm:ss', or 'HH:mm:ss'. */
export function excelSerialToIso(serial: number, date1904 = false): string | null {
  const parts = excelSerialParts(serial, date1904);
  if (!parts) return null;
  if (parts.date === null) return parts.time ?? '00:00:00';
  return parts.time ? `${parts.date}T${parts.time}` : parts.date;
}
