import type { ExportedFile } from '../../../shared/api/files';
import { MIME } from '../../core/exports';
import { writeAudit } from '../audit';
import type { ServiceContext } from '../context';
import { DomainError } from '../errors';

/** What the 操作日志 says about an export: the file name is added to `after`. */
export interface ExportAudit {
  entity: string;
  entityId?: number | string | null;
  after?: Record<string, unknown>;
}

/**
 * Hands an exported file to the session that made it (every *.export method ends here): the
 * export is logged first — nobody can have the file before its row is written — then the bytes
 * are held for that session (core/exports.ts) and the token goes back to the page. `audit: null`
 * only for a file that is part of something already logged (an import's rejected rows).
 */
export async function deliverExport(ctx: ServiceContext, file: { fileName: string; bytes: Uint8Array; mime?: string }, audit: ExportAudit | null): Promise<ExportedFile> {
  if (!ctx.session) throw new DomainError('UNAUTHENTICATED', '请先登录');
  if (audit) {
    await writeAudit(ctx.db, ctx, { action: 'export', entity: audit.entity, entityId: audit.entityId ?? null, after: { fileName: file.fileName, ...audit.after } });
  }
  return ctx.exports.put({ fileName: file.fileName, mime: file.mime ?? MIME.xlsx, bytes: file.bytes, sessionToken: ctx.session.token });
}
