import type { Migration } from './types';
import { m001Initial } from './001_initial';
import { m002Accounts } from './002_accounts';
import { m003Dictionaries } from './003_dictionaries';
import { m004VillageFiles } from './004_village_files';
import { m005ImportMappings } from './005_import_mappings';
import { m006Funds } from './006_funds';
import { m007FundIndexes } from './007_fund_indexes';
import { m008AppendOnlyAndAuditChain } from './008_append_only_and_audit_chain';
import { m009Attachments } from './009_attachments';

/** The static, ordered list of migrations. Append only. */
export const MIGRATIONS: readonly Migration[] = [m001Initial, m002Accounts, m003Dictionaries, m004VillageFiles, m005ImportMappings, m006Funds, m007FundIndexes, m008AppendOnlyAndAuditChain, m009Attachments];
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
