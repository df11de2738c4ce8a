import { ATTACHMENT_OWNERS } from '../../../shared/api/attachments/owners';
import type { AttachmentOwnerLookup } from '../../core/module';
import type { DataRule } from '../../db/data-checks';
import {
  attachFile,
  attachmentThumbnail,
  chooseAttachmentFiles,
  listAttachments,
  removeAttachment,
  renameAttachment,
  saveAttachment,
} from './attachments-service';

/**
 * What the platform module (electron/services/platform.ts) takes from the attachments store: the
 * service behind each attachments.* method, the lookup of its own owner record type ('org_unit',
 * a 村（社区）), and the rules the data must keep, re-checked on backups and restored data.
 */

export const attachmentHandlers = {
  list: listAttachments,
  attach: attachFile,
  rename: renameAttachment,
  remove: removeAttachment,
  chooseFiles: chooseAttachmentFiles,
  save: saveAttachment,
  thumbnail: attachmentThumbnail,
};

/** 村（社区）: a unit of 组织架构 (not a street), retired ones included (their files stay theirs). */
export const orgUnitAttachmentOwner: AttachmentOwnerLookup = {
  async find(db, id) {
    const row = await db
      .selectFrom('org_units as u')
      .leftJoin('org_units as s', 's.id', 'u.parent_id')
      .select(['u.name', 's.name as streetName'])
      .where('u.id', '=', id)
      .where('u.level', '=', 'unit')
      .executeTakeFirst();
    return row ? [row.streetName, row.name].filter(Boolean).join(' ') : null;
  },
};

const quoted = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');

export const ATTACHMENT_DATA_RULES: readonly DataRule[] = [
  {
    since: 9,
    problem: '有附件文件记录不属于任何附件',
    sql: 'SELECT rowid AS id FROM attachment_blobs b WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.blob_sha256 = b.sha256) LIMIT 5',
  },
  {
    since: 9,
    problem: '有附件所属的村（社区）不存在',
    sql: "SELECT a.id FROM attachments a WHERE a.owner_entity = 'org_unit' AND NOT EXISTS (SELECT 1 FROM org_units u WHERE u.id = a.owner_id) LIMIT 5",
  },
  {
    since: 9,
    problem: '有附件属于本程序没有的记录类别',
    sql: `SELECT id FROM attachments WHERE owner_entity NOT IN (${quoted(Object.keys(ATTACHMENT_OWNERS))}) LIMIT 5`,
  },
];
