export * from './types.js';
export * from './criteria.js';
export { criteriaKey } from './criteria-key.js';
export * from './filter.js';
export * from './point-schema.js';
export * from './store.js';
export { SeriesIndex } from './series-index.js';
export { RowList } from './row-list.js';
export { sortView, type FieldSortKey } from './view-sort.js';
export {
  NO_METADATA,
  type AppendResult,
  type ColumnStrings,
  type PointColumns,
  type RejectedRow,
} from './column-append.js';
