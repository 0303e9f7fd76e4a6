import type { Contact, Item } from 'xero-node';
import { SYSTEM_COLUMNS, SYSTEM_TABLES } from '../../../solution/names';
import type { XeroGateway } from '../../src/adapters/xero/gateway';
import { ensureContact, ensureItems } from '../../src/push/ensure';
import type { PreparedPush } from '../../src/push/preparePush';
import { XeroSideLoader } from '../../src/push/xeroSideLoader';

const CONNECTION = 'conn-1';
const NAME_TAKEN =
  'The contact name Bayside Club is already assigned to another contact. The contact name must be unique across all active contacts.';

/** A Xero that already holds what a concurrent push just created, and refuses duplicates as Xero does. */
function xeroHolding(held: { items?: Item[]; contacts?: Contact[] }) {
  const items = held.items ?? [];
  const contacts = held.contacts ?? [];
  const gateway = {
    async createItems(_c: string, wanted: Item[]) {
      return {
        status: 200,
        headers: {},
        body: {
          items: wanted.map((i) =>
            items.some((e) => e.code === i.code)
              ? { ...i, validationErrors: [{ message: `Item code '${i.code}' already exists.` }] }
              : { ...i, validationErrors: [{ message: 'Item code must not be more than 30 characters' }] },
          ),
        },
      };
    },
    async getItems(_c: string, q: { codes?: string[] }) {
      return {
        status: 200,
        headers: {},
        body: { items: items.filter((i) => q.codes?.includes(String(i.code))) },
      };
    },
    async createContacts(_c: string, wanted: Contact[]) {
      return {
        status: 200,
        headers: {},
        body: {
          contacts: wanted.map((c) => ({
            ...c,
            hasValidationErrors: true,
            validationErrors: [{ message: NAME_TAKEN }],
          })),
        },
      };
    },
    async getContacts(_c: string, q: { contactNumber?: string }) {
      return {
        status: 200,
        headers: {},
        body: { contacts: contacts.filter((c) => c.contactNumber === q.contactNumber) },
      };
    },
  };
  return gateway as unknown as XeroGateway;
}

function pushNeedingItems(codes: string[]): PreparedPush {
  return {
    connectionId: CONNECTION,
    mapping: { models: { items: codes.map((code) => ({ code, name: code })) } },
    snapshot: {
      products: codes.map((code) => ({
        [SYSTEM_COLUMNS.product.id]: `product-${code}`,
        [SYSTEM_COLUMNS.product.productNumber]: code,
      })),
    },
  } as unknown as PreparedPush;
}

function pushCreatingContact(contactNumber: string): PreparedPush {
  return {
    connectionId: CONNECTION,
    mapping: {
      contact: { kind: 'create', body: { Name: 'Bayside Club', ContactNumber: contactNumber } },
      models: { contact: { name: 'Bayside Club', contactNumber }, items: [] },
    },
    snapshot: { xero: { links: [] } },
    customer: { table: SYSTEM_TABLES.account.logicalName, id: 'account-1', name: 'Bayside Club' },
  } as unknown as PreparedPush;
}

describe('ensureItems when another push created the same item first', () => {
  it('uses the item Xero now holds and refuses only the code Xero still lacks', async () => {
    const gateway = xeroHolding({ items: [{ code: 'WIDGET', itemID: 'item-widget' }] });
    const outcome = await ensureItems(
      gateway,
      new XeroSideLoader(gateway, CONNECTION),
      CONNECTION,
      [pushNeedingItems(['WIDGET', 'TOO-LONG-CODE'])],
      'key',
    );
    expect({ refused: [...outcome.refused.keys()], xeroIds: outcome.links[0].map((l) => l.xeroId) }).toEqual({
      refused: ['too-long-code'],
      xeroIds: ['item-widget'],
    });
  });
});

describe('ensureContact when another push created the same contact first', () => {
  it('uses the contact carrying our ContactNumber', async () => {
    const gateway = xeroHolding({
      contacts: [{ contactID: 'contact-winner', name: 'Bayside Club', contactNumber: 'ACC-1' }],
    });
    const ensured = await ensureContact(
      gateway,
      new XeroSideLoader(gateway, CONNECTION),
      pushCreatingContact('ACC-1'),
      'key',
    );
    expect(ensured).toMatchObject({ ok: true, value: { contactId: 'contact-winner' } });
  });

  it('leaves a namesake with another ContactNumber to a person (Needs review)', async () => {
    const gateway = xeroHolding({
      contacts: [{ contactID: 'contact-other', name: 'Bayside Club', contactNumber: 'OTHER-9' }],
    });
    const ensured = await ensureContact(
      gateway,
      new XeroSideLoader(gateway, CONNECTION),
      pushCreatingContact('ACC-1'),
      'key',
    );
    expect(ensured).toEqual({
      ok: false,
      failure: {
        outcome: 'needsReview',
        messages: ['Xero refused to create the contact "Bayside Club":', NAME_TAKEN],
      },
    });
  });
});
