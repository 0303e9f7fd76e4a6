/**
 * Paging to the end of a Xero list (reference/xero-api.md §3.4): pages are 1-based; stop when a
 * page comes back shorter than the page size, when `pagination.pageCount` is reached, or at a cap.
 */
export interface XeroPage<T> {
  items: T[];
  /** From the response's `pagination.pageCount`, when Xero sends it. */
  pageCount?: number;
}

export const XERO_MAX_PAGE_SIZE = 1000;

export async function collectPages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<XeroPage<T>>,
  options: { pageSize?: number; maxPages?: number } = {},
): Promise<T[]> {
  const pageSize = Math.min(options.pageSize ?? 100, XERO_MAX_PAGE_SIZE);
  const maxPages = options.maxPages ?? 1000;
  const all: T[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const { items, pageCount } = await fetchPage(page, pageSize);
    all.push(...items);
    if (items.length < pageSize || (pageCount !== undefined && page >= pageCount)) break;
  }
  return all;
}
