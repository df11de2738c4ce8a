import { mergeDeclarations, type AttachmentOwnerDef } from '../module';
import { API_MODULES } from '../modules';

/**
 * The records that may hold attachments, gathered from every module's declaration
 * (`attachmentOwners`); an owner declared by two modules stops the start. Kept apart from
 * ./index.ts, which the platform module itself imports.
 */
export const ATTACHMENT_OWNERS: Readonly<Record<string, AttachmentOwnerDef>> = mergeDeclarations(API_MODULES, (m) => m.attachmentOwners, 'attachment owner');
