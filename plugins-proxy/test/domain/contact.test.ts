import { CHOICES, COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES } from '../../../solution/names';
import { mapInvoice, withContactId } from '../../src/domain';
import { IDS, snapshot, wireDoc } from './fixtures';

const xc = (n: number, Name: string, ContactNumber?: string, EmailAddress?: string) => ({
  ContactID: `c0000000-0000-4000-8000-00000000000${n}`,
  Name,
  ContactNumber,
  EmailAddress,
});
const existingOnly = { [COLUMNS.connection.contactPolicy]: CHOICES.contactPolicy.values.existingOnly };

describe('contact matching', () => {
  it.each([
    [
      'the link table first',
      {
        links: [
          { entity: SYSTEM_TABLES.account.logicalName, recordId: IDS.account, xeroId: xc(9, 'x').ContactID },
        ],
        contacts: [xc(1, 'Acme Pty Ltd', 'ACC-001')],
      },
      xc(9, 'x').ContactID,
    ],
    [
      'ContactNumber = account number',
      { contacts: [xc(1, 'Other name', 'ACC-001'), xc(2, 'Acme Pty Ltd', 'ACC-999')] },
      xc(1, '').ContactID,
    ],
    [
      'email when no number matches',
      { contacts: [xc(3, 'Acme (old)', undefined, 'ACCOUNTS@acme.example')] },
      xc(3, '').ContactID,
    ],
    ['exact name when nothing else matches', { contacts: [xc(4, 'Acme Pty Ltd')] }, xc(4, '').ContactID],
  ])('matches by %s', (_, xero, contactId) => {
    const result = mapInvoice(snapshot({ xero }));
    expect(result.contact).toEqual({ kind: 'use', contactId });
    expect(wireDoc(result).Contact).toEqual({ ContactID: contactId });
  });

  it('uses the record id as ContactNumber for a Dynamics contact', () => {
    const customer = {
      logicalname: SYSTEM_TABLES.contact.logicalName,
      [SYSTEM_COLUMNS.contact.id]: IDS.contact,
      [SYSTEM_COLUMNS.contact.fullName]: 'Jo Bloggs',
    };
    const result = mapInvoice(snapshot({ customer, xero: { contacts: [xc(5, 'J. Bloggs', IDS.contact)] } }));
    expect(result.contact).toEqual({ kind: 'use', contactId: xc(5, '').ContactID });
  });

  it('sends two candidates to review instead of guessing', () => {
    const result = mapInvoice(
      snapshot({
        xero: {
          contacts: [
            xc(1, 'A', undefined, 'accounts@acme.example'),
            xc(2, 'B', undefined, 'accounts@acme.example'),
          ],
        },
      }),
    );
    expect(result.contact.kind).toBe('needsReview');
    expect(result.blocked).toBe(true);
  });

  it('builds a full contact body when the policy creates missing contacts', () => {
    const customer = {
      logicalname: SYSTEM_TABLES.contact.logicalName,
      [SYSTEM_COLUMNS.contact.id]: IDS.contact,
      [SYSTEM_COLUMNS.contact.fullName]: 'Jo Bloggs',
      [SYSTEM_COLUMNS.contact.firstName]: 'Jo',
      [SYSTEM_COLUMNS.contact.lastName]: 'Bloggs',
      [SYSTEM_COLUMNS.contact.email]: 'jo@example.com',
      [SYSTEM_COLUMNS.contact.mobilePhone]: '0400 000 000',
    };
    const result = mapInvoice(snapshot({ customer }));
    expect(result.contact).toEqual({
      kind: 'create',
      body: {
        ContactNumber: IDS.contact,
        Name: 'Jo Bloggs',
        FirstName: 'Jo',
        LastName: 'Bloggs',
        EmailAddress: 'jo@example.com',
        Phones: [{ PhoneType: 'MOBILE', PhoneNumber: '0400 000 000' }],
      },
    });
    expect(wireDoc(result).Contact).toEqual({ Name: 'Jo Bloggs' });
  });

  it('leaves an invalid email out of the new contact with a warning', () => {
    const result = mapInvoice(snapshot({ customer: { [SYSTEM_COLUMNS.account.email]: 'not-an-email' } }));
    expect(result.contact.kind === 'create' && result.contact.body.EmailAddress).toBeUndefined();
    expect(result.findings.map((f) => f.code)).toEqual(['CONTACT_EMAIL_INVALID']);
  });

  it('blocks a missing contact under existing-only, naming the customer and the Xero organisation', () => {
    const result = mapInvoice(snapshot({ connection: existingOnly }));
    expect(result.contact.kind).toBe('missing');
    const f = result.findings.find((x) => x.code === 'CONTACT_MISSING');
    expect(f?.message).toContain('Account "Acme Pty Ltd"');
    expect(f?.message).toContain('"Demo Company (AU)"');
  });

  it('sends a create whose name another contact has to review', () => {
    const result = mapInvoice(snapshot({ xero: { contacts: [xc(6, 'ACME PTY LTD', 'ACC-777')] } }));
    expect(result.contact.kind).toBe('needsReview');
    expect(result.findings.map((f) => f.code)).toEqual(['CONTACT_NAME_TAKEN']);
  });

  it('points the document at the created contact with withContactId, in wire and model form', () => {
    const result = mapInvoice(snapshot());
    const id = xc(7, '').ContactID;
    expect(wireDoc({ document: withContactId(result.document, id) }).Contact).toEqual({ ContactID: id });
    const model = withContactId(result.models.document, id);
    expect('invoices' in model && model.invoices[0].contact).toEqual({ contactID: id });
    expect(wireDoc(result).Contact).toEqual({ Name: 'Acme Pty Ltd' });
  });
});
