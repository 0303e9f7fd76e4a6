import { SYSTEM_TABLES } from '../../../solution/names';
import type { DataverseEmulator } from '../../dataverse';
import { type client, idFrom, startEmulator } from './helpers';

// Lookup binding through navigation properties: reference/dataverse-webapi.md §1.6
const { invoice, account, contact } = SYSTEM_TABLES;
let emulator: DataverseEmulator;
let api: ReturnType<typeof client>;
let accountId: string;
let contactId: string;

beforeAll(async () => {
  ({ emulator, api } = await startEmulator());
  accountId = idFrom(await api('POST', account.entitySet, { body: { name: 'Bound Account' } }));
  contactId = idFrom(await api('POST', contact.entitySet, { body: { firstname: 'Bo', lastname: 'Und' } }));
});
afterAll(() => emulator.stop());

const annotated = { Prefer: 'odata.include-annotations="*"' };
async function customerOf(invoiceId: string) {
  const body = (
    await api('GET', `${invoice.entitySet}(${invoiceId})?$select=_customerid_value`, { headers: annotated })
  ).json();
  return {
    id: body._customerid_value,
    table: body['_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname'],
    nav: body['_customerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty'],
  };
}

it.each([
  ['a leading slash', (id: string) => `/${account.entitySet}(${id})`],
  ['no leading slash', (id: string) => `${account.entitySet}(${id})`],
  ['an absolute URL', (id: string) => `${emulator.url}/api/data/v9.2/${account.entitySet}(${id})`],
])('binds customerid_account given %s', async (_form, reference) => {
  const id = idFrom(
    await api('POST', invoice.entitySet, {
      body: { name: 'Bound', 'customerid_account@odata.bind': reference(accountId) },
    }),
  );
  expect(await customerOf(id)).toEqual({
    id: accountId,
    table: account.logicalName,
    nav: 'customerid_account',
  });
});

it('binds the same customer lookup to a contact through customerid_contact', async () => {
  const id = idFrom(
    await api('POST', invoice.entitySet, {
      body: { name: 'To contact', 'customerid_contact@odata.bind': `/${contact.entitySet}(${contactId})` },
    }),
  );
  expect(await customerOf(id)).toEqual({
    id: contactId,
    table: contact.logicalName,
    nav: 'customerid_contact',
  });
});

it('replaces an account customer when the contact navigation property is bound', async () => {
  const id = idFrom(
    await api('POST', invoice.entitySet, {
      body: { name: 'Switch', 'customerid_account@odata.bind': `/${account.entitySet}(${accountId})` },
    }),
  );
  await api('PATCH', `${invoice.entitySet}(${id})`, {
    body: { 'customerid_contact@odata.bind': `/${contact.entitySet}(${contactId})` },
    headers: { 'If-Match': '*' },
  });
  expect((await customerOf(id)).table).toBe(contact.logicalName);
});

it('clears a lookup bound to null', async () => {
  const id = idFrom(
    await api('POST', invoice.entitySet, {
      body: { name: 'Clear', 'customerid_account@odata.bind': `/${account.entitySet}(${accountId})` },
    }),
  );
  await api('PATCH', `${invoice.entitySet}(${id})`, {
    body: { 'customerid_account@odata.bind': null },
    headers: { 'If-Match': '*' },
  });
  expect((await customerOf(id)).id).toBeNull();
});

it('answers 404 when the bound record does not exist', async () => {
  const missing = '00000000-0000-0000-0000-0000000000f1';
  const reply = await api('POST', invoice.entitySet, {
    body: { name: 'Dangling', 'customerid_account@odata.bind': `/${account.entitySet}(${missing})` },
  });
  expect(reply.status).toBe(404);
  expect((reply.json().error as { message: string }).message).toBe(
    `account With Id = ${missing} Does Not Exist`,
  );
});

it('rejects a binding through a name that is not a navigation property (the logical column name)', async () => {
  const reply = await api('POST', invoice.entitySet, {
    body: { name: 'Wrong', 'customerid@odata.bind': `/${account.entitySet}(${accountId})` },
  });
  expect(reply.status).toBe(400);
});

it('expands a single-valued navigation property', async () => {
  const id = idFrom(
    await api('POST', invoice.entitySet, {
      body: { name: 'Expand', 'customerid_account@odata.bind': `/${account.entitySet}(${accountId})` },
    }),
  );
  const body = (
    await api('GET', `${invoice.entitySet}(${id})?$select=name&$expand=customerid_account($select=name)`)
  ).json();
  expect((body.customerid_account as Record<string, unknown>).name).toBe('Bound Account');
});
