// The document store's write-through cache must never disagree with SQLite, even after a
// transaction rolls back.
import { Store } from '../../xero/store';
import type { Contact } from '../../xero/domain/types';

const contact = (name: string): Contact => ({
  ContactID: `id-${name}`,
  Name: name,
  ContactStatus: 'ACTIVE',
  UpdatedMs: 0,
});

let store: Store;

beforeEach(() => {
  store = new Store(null);
});

afterEach(() => store.close());

it('drops writes of a rolled-back transaction from the cache as well as from SQLite', () => {
  store.contacts.put('t1', contact('Kept'));
  expect(() =>
    store.transaction(() => {
      store.contacts.put('t1', contact('Rolled back'));
      throw new Error('boom');
    }),
  ).toThrow('boom');
  expect(store.contacts.all('t1').map((c) => c.Name)).toEqual(['Kept']);
});

it('keeps insertion order and updates in place, as rowid order does', () => {
  store.contacts.put('t1', contact('A'));
  store.contacts.put('t1', contact('B'));
  store.contacts.put('t1', { ...contact('A'), EmailAddress: 'a@example.com' });
  expect(store.contacts.all('t1').map((c) => [c.Name, c.EmailAddress])).toEqual([
    ['A', 'a@example.com'],
    ['B', undefined],
  ]);
});

it('regroups records after a write', () => {
  store.contacts.put('t1', contact('A'));
  expect(store.contacts.groupedBy('t1', 'Name').get('B')).toBeUndefined();
  store.contacts.put('t1', contact('B'));
  expect(
    store.contacts
      .groupedBy('t1', 'Name')
      .get('B')
      ?.map((c) => c.ContactID),
  ).toEqual(['id-B']);
});
