import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';
import { mapInvoice } from '../../src/domain';
import { corpus } from './corpus';

const SPEC = path.join(__dirname, '../../../../shared/xero-openapi/xero_accounting.yaml');

/** Xero's required fields, which the official schemas leave out (reference xero-api.md §2). */
const nonEmpty = { type: 'string', minLength: 1 };
const contactRef = { anyOf: [{ required: ['ContactID'] }, { required: ['Name'] }] };
const documentRules = (key: string) => ({
  type: 'object',
  required: [key],
  properties: {
    [key]: {
      type: 'array',
      minItems: 1,
      items: {
        required: ['Type', 'Contact', 'LineItems'],
        properties: {
          Contact: contactRef,
          LineItems: {
            type: 'array',
            minItems: 1,
            items: { required: ['Description'], properties: { Description: nonEmpty } },
          },
        },
      },
    },
  },
});

let ajv: Ajv;
const validators = new Map<string, ValidateFunction>();

beforeAll(() => {
  const doc = yaml.load(readFileSync(SPEC, 'utf8')) as { components: unknown };
  ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'xero', components: doc.components });
  const both = (name: string, rules: object) =>
    validators.set(name, ajv.compile({ allOf: [{ $ref: `xero#/components/schemas/${name}` }, rules] }));
  both('Invoices', documentRules('Invoices'));
  both('CreditNotes', documentRules('CreditNotes'));
  both('Contacts', {
    properties: { Contacts: { items: { required: ['Name'], properties: { Name: nonEmpty } } } },
  });
  both('Items', { properties: { Items: { items: { required: ['Code', 'Name'] } } } });
});

function check(schema: string, body: unknown): string[] {
  const validate = validators.get(schema)!;
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('request bodies against the official Xero schemas', () => {
  it.each(corpus())('validates every body mapped from %s', (_, snapshot) => {
    const result = mapInvoice(snapshot);
    const key = result.documentKind === 'invoice' ? 'Invoices' : 'CreditNotes';
    expect(check(key, result.document)).toEqual([]);
    if (result.contact.kind === 'create')
      expect(check('Contacts', { Contacts: [result.contact.body] })).toEqual([]);
    if (result.items.length) expect(check('Items', { Items: result.items })).toEqual([]);
  });

  it('rejects a body that breaks the schema, so the check can fail', () => {
    expect(
      check('Invoices', { Invoices: [{ Type: 'NOPE', Contact: {}, LineItems: [{ Quantity: 'two' }] }] }),
    ).not.toEqual([]);
  });
});
