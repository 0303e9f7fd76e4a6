import { collectPages } from '../../../src/adapters/xero/paging';

describe('collectPages', () => {
  it('reads pages until one comes back short', async () => {
    const asked: number[] = [];
    const rows = await collectPages(
      async (page) => {
        asked.push(page);
        return { items: page < 3 ? [page, page] : [page] };
      },
      { pageSize: 2 },
    );
    expect(rows).toEqual([1, 1, 2, 2, 3]);
    expect(asked).toEqual([1, 2, 3]);
  });

  it('stops at pagination.pageCount even when the last page is full', async () => {
    const asked: number[] = [];
    await collectPages(
      async (page) => {
        asked.push(page);
        return { items: [1, 2], pageCount: 2 };
      },
      { pageSize: 2 },
    );
    expect(asked).toEqual([1, 2]);
  });
});
