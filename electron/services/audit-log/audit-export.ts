import { deliverExport } from '../files/deliver-export';
import {
  AUDIT_EXPORT_MAX_ROWS,
  actionLabel,
  type AuditRow,
  type ParsedAuditFilter,
} from '../../../shared/api/audit';
import { entityLabel } from '../../../shared/api/audit-words';
import { fieldRows, type ValueLabels } from '../../../shared/api/audit-summary';
import type { ExportedFile } from '../../../shared/api/files';
import { fileStamp } from '../../core/exports';
import { tableSheet, writeTableWorkbook, type TableColumn } from '../../excel/write-table';
import type { ServiceContext } from '../context';
import { DomainError } from '../errors';
import { readSetting } from '../settings/settings-store';
import { countAudit, loadValueLabels, NO_ACCOUNT_NAME, orderedAudit, toAuditRow, type EntityValueLabels } from './audit-query';

/**
 * 导出操作日志: the filtered log, newest first, as one .xlsx held for the caller's session
 * (core/exports.ts). The export itself is written to the log before the file is handed out.
 */

/** before → after as lines a person reads: every changed field, or the whole record when only one side exists. */
export function detailText(row: Pick<AuditRow, 'before' | 'after'>, extra?: ValueLabels): string {
  const hasBefore = row.before !== null && row.before !== undefined;
  const hasAfter = row.after !== null && row.after !== undefined;
  if (!hasBefore && !hasAfter) return '';
  if (hasBefore && hasAfter) {
    return fieldRows(row.before, row.after, extra)
      .filter((f) => f.changed)
      .map((f) => `${f.label}：${f.before} → ${f.after}`)
      .join('\n');
  }
  return fieldRows(hasBefore ? row.before : row.after, undefined, extra)
    .map((f) => `${f.label}：${f.before}`)
    .join('\n');
}

/** an ideographic space between the parts of the note line */
const GAP = '\u3000';

type ExportRow = AuditRow & { detail: string };

const COLUMNS: TableColumn<ExportRow>[] = [
  { header: '时间', width: 20, type: 'datetime', value: (r) => r.at },
  { header: '账户', width: 12, value: (r) => r.actor },
  { header: '用户名', width: 12, value: (r) => r.username },
  { header: '操作', width: 10, value: (r) => r.actionLabel },
  { header: '对象', width: 9, value: (r) => r.entityLabel },
  { header: '对象编号', width: 14, value: (r) => r.entityId },
  { header: '摘要', width: 44, wrap: true, value: (r) => r.summary },
  { header: '详细内容（变更前 → 变更后）', width: 56, wrap: true, value: (r) => r.detail },
];

function exportRow(r: Parameters<typeof toAuditRow>[0], labels: EntityValueLabels): ExportRow {
  const row = toAuditRow(r, labels);
  return { ...row, detail: detailText(row, Object.hasOwn(labels, row.entity) ? labels[row.entity] : undefined) };
}

/** "YYYY-MM-DD HH:mm:ss" in this computer's local time. */
export function localDateTime(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}

/** The filter in words (e.g. "日期 2026-11-01 至 今天；操作 修改"), for the line under the title and the log row. */
export async function describeFilter(ctx: ServiceContext, f: ParsedAuditFilter): Promise<string> {
  const parts: string[] = [];
  if (f.from || f.to) parts.push(`日期 ${f.from ?? '最早'} 至 ${f.to ?? '今天'}`);
  if (f.userId === null) parts.push(`账户 ${NO_ACCOUNT_NAME}`);
  else if (f.userId !== undefined) {
    const user = await ctx.db.selectFrom('users').select(['username', 'display_name']).where('id', '=', f.userId).executeTakeFirst();
    parts.push(`账户 ${user ? `${user.display_name}（${user.username}）` : `编号 ${f.userId}`}`);
  }
  if (f.actions && f.actions.length > 0) parts.push(`操作 ${f.actions.map(actionLabel).join('、')}`);
  if (f.entity) parts.push(`对象 ${entityLabel(f.entity)}`);
  if (f.text) parts.push(`包含“${f.text}”`);
  return parts.length > 0 ? parts.join('；') : '全部记录';
}

export async function exportAudit(ctx: ServiceContext, filter: ParsedAuditFilter): Promise<ExportedFile> {
  const session = ctx.session;
  if (!session) throw new DomainError('UNAUTHENTICATED', '请先登录');
  const exportedAt = ctx.now();
  // One read transaction: the count and the rows agree.
  const { records, district, labels } = await ctx.db.transaction().execute(async (trx) => {
    const total = await countAudit(trx, filter);
    if (total > AUDIT_EXPORT_MAX_ROWS) {
      throw new DomainError(
        'VALIDATION',
        `符合条件的记录有 ${total} 条，超过单次导出上限 ${AUDIT_EXPORT_MAX_ROWS} 条。请缩小日期范围或增加筛选条件，分次导出`,
      );
    }
    return {
      records: await orderedAudit(trx, filter).execute(),
      district: await readSetting(trx, 'district'),
      labels: await loadValueLabels(trx),
    };
  });

  const filterText = await describeFilter(ctx, filter);
  const who = `${ctx.actor.name}（${ctx.actor.username}）`;
  const place = district ? district.fullName.replace(/\s+/g, '') : '';
  const bytes = await writeTableWorkbook({
    creator: who,
    sheets: [
      tableSheet({
        sheetName: '操作日志',
        title: `${place}操作日志`,
        notes: [`筛选条件：${filterText}`, [`共 ${records.length} 条`, `导出时间 ${localDateTime(exportedAt)}`, `导出人 ${who}`].join(GAP)],
        columns: COLUMNS,
        // made row by row as the writer goes, so the work is spread out
        rows: (function* () {
          for (const r of records) yield exportRow(r, labels);
        })(),
      }),
    ],
  });
  const fileName = `${district?.name ?? ''}操作日志_${fileStamp(exportedAt)}.xlsx`;

  return deliverExport(ctx, { fileName, bytes }, { entity: 'audit_log', after: { rows: records.length, filter: filterText } });
}
