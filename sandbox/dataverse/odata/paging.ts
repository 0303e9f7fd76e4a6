/**
 * Paging with `Prefer: odata.maxpagesize` (reference/dataverse-webapi.md §1.3): the nextLink is
 * absolute and carries a `$skiptoken` that looks like Dataverse's paging cookie. The cookie holds
 * the page number and the last id of the page; the emulator resumes by page number.
 */
export const MAX_PAGE_SIZE = 5000;

export function encodeSkipToken(pageNumber: number, lastId: string, firstId: string): string {
  const inner = `<cookie page="${pageNumber - 1}"><id last="{${lastId.toUpperCase()}}" first="{${firstId.toUpperCase()}}" /></cookie>`;
  const cookie = `<cookie pagenumber="${pageNumber}" pagingcookie="${encodeURIComponent(encodeURIComponent(inner))}" istracking="False" />`;
  return encodeURIComponent(cookie);
}

/** The page number a skiptoken asks for, or undefined when it is not one of ours. */
export function decodeSkipToken(token: string): number | undefined {
  const m = /pagenumber="(\d+)"/.exec(token);
  return m ? Number(m[1]) : undefined;
}

export function pageSizeFromPrefer(prefer: string | undefined): number | undefined {
  const m = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer ?? '');
  return m ? Math.min(Number(m[1]), MAX_PAGE_SIZE) : undefined;
}
