import { KeyValue } from './keyset';

/** A 1-based page request, already validated (see parsePageQuery). */
export interface PageRequest {
  page: number;
  pageSize: number;
  /** Keyset paging: the sort key of the row before this page (see keyset.ts); else OFFSET. */
  after?: KeyValue[];
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  totalCount: number;
  /** The sort key of this page's last row when more rows follow (keyset-paged lists only). */
  nextKey?: KeyValue[];
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

export function offsetOf({ page, pageSize }: PageRequest): number {
  return (page - 1) * pageSize;
}

export function totalPages(totalCount: number, pageSize: number): number {
  return Math.ceil(totalCount / pageSize);
}
