export * from './create-db';
export * from './data-dir-lock';
export * as schema from './schema/index';
export * from './sql-arrays';
