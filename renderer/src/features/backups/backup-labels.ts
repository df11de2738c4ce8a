import { BACKUP_KIND_LABELS, type BackupEntry } from '../../../../shared/api/backups';
import { formatBytes, formatDateTime } from '../../components/format';

export type ChipColor = 'default' | 'primary' | 'secondary' | 'info' | 'warning' | 'success' | 'error';

export const kindLabel = (entry: Pick<BackupEntry, 'kind'>) => (entry.kind ? BACKUP_KIND_LABELS[entry.kind] : '无法识别');

export const kindColor = (entry: Pick<BackupEntry, 'kind'>): ChipColor => {
  switch (entry.kind) {
    case 'auto':
      return 'default';
    case 'manual':
      return 'primary';
    case 'pre_restore':
      return 'warning';
    case null:
      return 'error';
    default:
      return 'info';
  }
};

export const checkLabel = (entry: BackupEntry) =>
  entry.check.state === 'verified' ? '已完整校验' : entry.check.state === 'ok' ? '文件齐全' : '不可恢复';

export const checkColor = (entry: BackupEntry): ChipColor =>
  entry.check.state === 'verified' ? 'success' : entry.check.state === 'ok' ? 'default' : 'error';

/** One line describing a backup, for dialogs: 2026-11-22 10:30 · 自动 · 4.1 MB */
export const backupLine = (entry: BackupEntry) =>
  [entry.createdAt ? formatDateTime(entry.createdAt) : '时间不详', kindLabel(entry), formatBytes(entry.bytes)].join(' · ');
