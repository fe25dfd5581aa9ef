import { GatewayNamespaces } from '@/wire/datacontract/gateway-namespaces';
import { RawQuery } from '@/admin/common/admin-query';
import { encodeCursor, KeyValue } from '@/platform/paging/keyset';
import { Page, PageRequest, totalPages } from '@/platform/paging/page';
import { ContractClass, t, WireContract, WireMember, WireResult, wireResult } from '@/wire';

/** The seed-002 paged list: `{"Items": [...], "Page", "PageSize", "TotalCount", "TotalPages"}`. */
export interface PagedList<T> {
  Items: T[];
  Page: number;
  PageSize: number;
  TotalCount: number;
  TotalPages: number;
}

/** Declares the paged-list contract of one item contract (XML name `name`, admin namespace). */
export function pagedListContract<T>(
  name: string,
  item: ContractClass<T>,
): ContractClass<PagedList<T>> {
  class AdminPagedList implements PagedList<T> {
    Items!: T[];
    Page!: number;
    PageSize!: number;
    TotalCount!: number;
    TotalPages!: number;
  }
  const member = (property: keyof PagedList<T>, options: Parameters<typeof WireMember>[0]) =>
    WireMember(options)(AdminPagedList.prototype, property);
  member('Items', { type: t.list(t.contract(() => item)), description: 'The rows of this page' });
  member('Page', { type: t.int(), description: '1-based page number' });
  member('PageSize', { type: t.int(), description: 'Rows per page (1..200)' });
  member('TotalCount', { type: t.int(), description: 'Rows across all pages' });
  member('TotalPages', { type: t.int(), description: 'ceil(TotalCount / PageSize)' });
  WireContract({ name, namespace: GatewayNamespaces.admin })(AdminPagedList);
  return AdminPagedList;
}

/** A keyset-paged list: the envelope, and the key the next page starts after. */
export interface KeysetPage<T> {
  list: PagedList<T>;
  nextKey?: KeyValue[];
}

/** A repository page mapped to a paged-list contract instance. */
export function toPagedList<E, T>(
  contract: ContractClass<PagedList<T>>,
  page: Page<E>,
  map: (row: E) => T,
): PagedList<T> {
  return Object.assign(new contract(), {
    Items: page.items.map(map),
    Page: page.page,
    PageSize: page.pageSize,
    TotalCount: page.totalCount,
    TotalPages: totalPages(page.totalCount, page.pageSize),
  });
}

/** An empty page of `contract` (e.g. an unknown user's sessions). */
export function emptyPagedList<T>(
  contract: ContractClass<PagedList<T>>,
  page: PageRequest,
): PagedList<T> {
  return toPagedList<T, T>(contract, { items: [], totalCount: 0, ...page }, (row) => row);
}

/**
 * The `Link: <?…&cursor=…>; rel="next"` header (RFC 8288) of a keyset-paged
 * list, when another page follows: the request's own query (sort, search,
 * pageSize) with `page` replaced by the cursor, as a reference relative to
 * the request's path. The envelope stays byte for byte what seed 002 shows.
 */
export function nextPageLink(
  query: RawQuery,
  scope: string,
  { list, nextKey }: KeysetPage<unknown>,
): Record<string, string> | undefined {
  if (!nextKey) return undefined;
  const next = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    const lower = name.toLowerCase();
    if (lower !== 'page' && lower !== 'cursor' && typeof value === 'string') next.set(name, value);
  }
  next.set('cursor', encodeCursor(scope, { page: list.Page + 1, key: nextKey }));
  return { Link: `<?${next.toString()}>; rel="next"` };
}

/** A keyset page written with its contract and, when another page follows, its `Link` header. */
export function keysetAnswer<T>(
  contract: ContractClass<PagedList<T>>,
  query: RawQuery,
  scope: string,
  page: KeysetPage<T>,
): WireResult<PagedList<T>> {
  return wireResult(contract, page.list, undefined, nextPageLink(query, scope, page));
}
