import { parseSnapshot } from '../../src/domain';
import { snapshot } from './fixtures';

// Loose JSON on purpose: these tests break the snapshot in ways its type forbids.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const json = (): Json => JSON.parse(JSON.stringify(snapshot()));

describe('parseSnapshot', () => {
  it('accepts the builder snapshot as JSON', () => {
    expect(parseSnapshot(json()).ok).toBe(true);
  });

  it('keeps extra columns it does not use', () => {
    const input = json();
    input.invoice.someothercolumn = 'kept';
    const parsed = parseSnapshot(input);
    expect(parsed.ok && (parsed.value.invoice as Record<string, unknown>).someothercolumn).toBe('kept');
  });

  it.each([
    [
      'a line quantity as text',
      (j: Json) => (j.invoice.invoice_details[1].quantity = 'two'),
      'invoice.invoice_details[1].quantity',
    ],
    ['a missing connection', (j: Json) => delete j.connection, 'connection'],
    ['a customer of another table', (j: Json) => (j.customer.logicalname = 'lead'), 'customer.logicalname'],
    ['today not as YYYY-MM-DD', (j: Json) => (j.today = '1/12/2026'), 'today'],
    [
      'a Xero contact without a name',
      (j: Json) => (j.xero.contacts = [{ ContactID: 'x' }]),
      'xero.contacts[0].Name',
    ],
  ])('rejects %s, naming the JSON path', (_, change, path) => {
    const input = json();
    change(input);
    const parsed = parseSnapshot(input);
    expect(parsed).toMatchObject({ ok: false, failure: { path } });
    expect(!parsed.ok && parsed.failure.message.startsWith(`${path}: `)).toBe(true);
  });

  it('rejects something that is not an object', () => {
    expect(parseSnapshot('nope')).toMatchObject({ ok: false, failure: { path: '(root)' } });
  });
});
