import type { CommitImportInput, ImportCounts, ImportSummary } from '../../../shared/api/imports';
import { backupNow, discardBackup } from '../backups/backup-make';
import { writeAudit } from '../audit';
import type { ServiceContext } from '../context';
import { DomainError } from '../errors';
import { countPlans, parseSheet, planFingerprint, planSheet, type Analysis } from './import-analysis';
import { rejectedRowsFile } from './import-files';
import { rememberMapping } from './remembered-mappings';
import type { Importer } from './importer';
import { importLabelOf, parseImportOptions } from './importers';
import type { z } from 'zod';

type Expected = z.output<typeof CommitImportInput>['expect'];

/** The plans are the ones the clerk confirmed: the same counts and the same fingerprint (planFingerprint). */
function asPreviewed(a: Pick<Analysis, 'plans' | 'range'>, expect: Expected): boolean {
  const counts = countPlans(a);
  return counts.create === expect.create && counts.update === expect.update && counts.rejected === expect.rejected && planFingerprint(a.plans) === expect.plan;
}

/** The refusal when the data changed after the preview, naming what the importer says may have changed. */
const changedMessage = (importer: Importer<unknown, unknown>) => `预览之后数据已有变化（可能有人刚修改了${importer.changedData}），请重新预览、核对后再确认导入`;

function refuseIfBlocked(a: Analysis, input: z.output<typeof CommitImportInput>): void {
  if (a.blockers.length > 0) throw new DomainError('VALIDATION', a.blockers[0]!);
  const mismatch = a.totals.find((t) => !t.matches);
  if (mismatch && !input.acceptTotalMismatch) {
    throw new DomainError('VALIDATION', `合计行“${mismatch.header}”为 ${mismatch.stated}，各行相加为 ${mismatch.summed}，两者不符。请核对文件，或确认“仍然导入”`);
  }
}

/**
 * imports.commit: the rows without problems, written in one transaction — all of them or none —
 * after a 导入前 backup; rejected rows are skipped and handed back as a workbook with their
 * reasons. The rows are planned again inside the transaction: if anything differs from what the
 * clerk confirmed, nothing is written. Importing the same file again finds every row 无变化 and
 * writes nothing but the log line of the attempt.
 */
export async function commitImport(ctx: ServiceContext, input: z.output<typeof CommitImportInput>): Promise<ImportSummary> {
  const parsed = await parseSheet(ctx, ctx.db, input);
  const options = parseImportOptions(parsed.importer.kind, input.options);
  const first = await planSheet(ctx, ctx.db, parsed, options);
  refuseIfBlocked(first, input);
  const counts = countPlans(first);
  if (!asPreviewed(first, input.expect)) throw new DomainError('CONFLICT', changedMessage(parsed.importer));

  const writes = counts.create + counts.update;
  // logged by the import's own row (which names it), and removed again if the import fails,
  // so a refused import leaves nothing behind
  const backup = writes > 0 ? await backupNow(ctx, 'pre_import', { audit: false }) : null;
  try {
    await writeImport(ctx, parsed, options, counts, input.expect, backup?.name ?? null);
  } catch (error) {
    if (backup) discardBackup(ctx, backup);
    throw error;
  }
  const rejectedFile = await rejectedRowsFile(ctx, first);
  return { created: counts.create, updated: counts.update, unchanged: counts.unchanged, rejected: counts.rejected, backupName: backup?.name ?? null, rejectedFile };
}

/** The one transaction: the rows planned again (refused if anything changed), written, remembered, logged. */
async function writeImport(
  ctx: ServiceContext,
  parsed: Awaited<ReturnType<typeof parseSheet>>,
  options: unknown,
  counts: ImportCounts,
  expect: Expected,
  backupName: string | null,
): Promise<void> {
  const writes = counts.create + counts.update;
  await ctx.db.transaction().execute(async (trx) => {
    const again = await planSheet(ctx, trx, parsed, options);
    if (!asPreviewed(again, expect)) throw new DomainError('CONFLICT', changedMessage(parsed.importer));
    await parsed.importer.apply(trx, ctx, again.plans, options);
    if (writes > 0) await rememberMapping(trx, ctx, parsed.mapping);
    await writeAudit(trx, ctx, {
      action: 'import',
      entity: 'import',
      entityId: parsed.importer.kind,
      after: {
        what: importLabelOf(parsed.importer.kind),
        fileName: parsed.file.fileName,
        sheet: parsed.sheet.name,
        // the options the clerk chose (年度, 经费项目 …), those left unset left out
        ...Object.fromEntries(Object.entries(options as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined)),
        created: counts.create,
        updated: counts.update,
        unchanged: counts.unchanged,
        rejected: counts.rejected,
        backup: backupName,
      },
    });
  });
}
