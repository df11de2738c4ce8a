/** The import engine's pure half: values, headers, mapping, preview. See definition.ts. */
export * from './boolean';
export * from './cells';
export * from './date';
export * from './decimal';
export * from './definition';
export * from './describe';
export * from './dictionary';
export * from './excel-date';
export * from './header';
export * from './mapping';
export * from './money';
export * from './number';
export * from './records';
export * from './result';
export * from './text';
