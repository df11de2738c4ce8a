import { mergeDeclarations } from './module';
import { API_MODULES } from './modules';

/**
 * The words of the 操作日志, gathered from every module's declaration (./modules.ts): what a
 * row is about (audit_log.entity), the fields of its before/after, and the labels of values
 * that are codes. A module adds its own in its module.ts; nothing here is edited for it.
 */

/** audit_log.entity → its Chinese name; an entity nobody declares still shows, under its raw name. */
export const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = mergeDeclarations(API_MODULES, (m) => m.auditEntities, 'audit entity', true);
export const AUDIT_ENTITIES = Object.keys(AUDIT_ENTITY_LABELS);
export const entityLabel = (entity: string): string => (Object.hasOwn(AUDIT_ENTITY_LABELS, entity) ? AUDIT_ENTITY_LABELS[entity]! : entity);

/** Chinese names of fields that appear in before/after, whatever the entity. */
export const AUDIT_FIELD_LABELS: Readonly<Record<string, string>> = mergeDeclarations(API_MODULES, (m) => m.auditFields, 'audit field', true);

/** Per-field value labels (enumerations); other values show as they are. */
export const AUDIT_VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = mergeDeclarations(
  API_MODULES,
  (m) => m.auditValues,
  'audit value labels of',
  true,
);
