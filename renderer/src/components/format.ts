/** How times show to users: local time, 2026-11-22 10:30. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const sizeUnits = ['B', 'KB', 'MB', 'GB'] as const;
/** 153 KB, 4.1 MB … */
export function formatBytes(bytes: number): string {
  let n = bytes;
  let unit = 0;
  while (n >= 1024 && unit < sizeUnits.length - 1) {
    n /= 1024;
    unit++;
  }
  return `${unit === 0 ? n : n.toFixed(n >= 100 ? 0 : 1)} ${sizeUnits[unit]}`;
}
