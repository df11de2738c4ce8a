/**
 * 村情档案 (村情村况数据库, 一村一档; DOMAIN.md §1): per village/community a current profile,
 * yearly figures (one row per year — a year's save never touches another year), and the
 * history of 第一书记. Name, code, street, kind and 城乡分类 are the unit's own (组织架构,
 * units.*); this module holds everything else.
 *
 * Numbers cross the API as integers in the unit the database stores, like money in 分:
 * VILLAGE_QUANTITIES says the unit and scale of each decimal quantity, and parseQuantity /
 * formatQuantity convert what people type and read. Phones are personal data: masked in every
 * output unless an administrator or clerk asks for them (get {reveal: true}), which is logged.
 *
 * The parts live in ./villages/, one concept a file; this module re-exports them all
 * (except ./villages/common, which is internal to the folder).
 */

export * from './units-of-measure';
export * from './value-schemas';
export * from './profile';
export * from './years';
export * from './first-secretary';
export * from './detail';
export * from './list';
export * from './reports';
export * from './methods';
