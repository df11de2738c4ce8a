/**
 * Personal data (身份证号, 联系电话): checked on input, masked wherever it is shown or exported
 * unless a user with the right role explicitly asks for the full value — which is logged
 * (audit action 'unmask').
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** GB 11643 check character for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

/** Upper-cases the x and removes spaces a clerk may have typed. */
export const normalizeIdCard = (text: string) => text.replace(/\s/g, '').toUpperCase();

/** Why an 18-digit 身份证号 is wrong, in Chinese, or null when it is valid. */
export function idCardProblem(raw: string): string | null {
  const id = normalizeIdCard(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号应为18位（最后一位可以是X）';
  const birth = id.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replace(/-/g, '') !== birth) return '身份证号中的出生日期不存在';
  if (Number(birth.slice(0, 4)) < 1900) return '身份证号中的出生年份不正确';
  if (idCardCheckChar(id.slice(0, 17)) !== id[17]) return '身份证号校验位不正确，请核对';
  return null;
}

/** 出生年月 (YYYY-MM) from a valid 身份证号. */
export const birthMonthFromIdCard = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}`;

/** 男/女 from the 17th digit (odd = 男). */
export const genderFromIdCard = (id: string): '男' | '女' => (Number(id[16]) % 2 === 1 ? '男' : '女');

/** 370103********123X: the region and the last four stay, the birth date is hidden. */
export function maskIdCard(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 138****5678 for mobiles; landlines keep the area code and the last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const keepHead = digits.includes('-') ? digits.indexOf('-') + 1 : Math.min(4, digits.length - 4);
  return `${digits.slice(0, keepHead)}${'*'.repeat(Math.max(0, digits.length - keepHead - 2))}${digits.slice(-2)}`;
}
