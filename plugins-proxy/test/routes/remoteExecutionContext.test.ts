import { CHOICES } from '../../../solution/names';
import {
  keyValues,
  parseAttributeValue,
  parseRemoteExecutionContext,
  parseWcfDate,
  syncRequestFromContext,
} from '../../src/routes/remoteExecutionContext';
import { syncHistoryCreated } from './executionContexts';

const ROW = '7e7e7e7e-0000-4000-8000-000000000007';

function reasonFor(body: unknown): string {
  const result = parseRemoteExecutionContext(body);
  if (result.ok) throw new Error('expected a refusal');
  return result.failure;
}

describe('parseRemoteExecutionContext', () => {
  it('reads the row id, organisation, correlation id and target of a Create', () => {
    const result = parseRemoteExecutionContext(syncHistoryCreated(ROW.toUpperCase()));
    expect(result).toMatchObject({
      ok: true,
      value: {
        primaryEntityId: ROW,
        organizationId: 'aaaaaaaa-0000-4000-8000-00000000000a',
        correlationId: 'b374239d-0000-4000-8000-000000000000',
        operationCreatedOn: new Date(1506409448000),
      },
    });
  });

  it('reads the WCF-escaped dates of the raw JSON Dataverse sends', () => {
    const raw = JSON.stringify(syncHistoryCreated(ROW))
      .replace(/\/Date\(/g, '\\/Date(')
      .replace(/\)\//g, ')\\/');
    expect(raw).toContain('"\\/Date(1506409448000-0700)\\/"');
    const result = parseRemoteExecutionContext(JSON.parse(raw));
    expect(result.ok && result.value.operationCreatedOn?.getTime()).toBe(1506409448000);
  });

  it.each([
    ['a non-object body', [], 'the body is not a JSON object'],
    [
      'another message',
      { ...syncHistoryCreated(ROW), MessageName: 'Update' },
      'MessageName must be Create, got "Update"',
    ],
    [
      'another table',
      { ...syncHistoryCreated(ROW), PrimaryEntityName: 'invoice' },
      'PrimaryEntityName must be stl_synchistory, got "invoice"',
    ],
    [
      'a missing id',
      { ...syncHistoryCreated(ROW), PrimaryEntityId: undefined },
      'PrimaryEntityId must be a GUID',
    ],
    [
      'an id that is not a GUID',
      { ...syncHistoryCreated(ROW), PrimaryEntityId: "x' or 1 eq 1" },
      'PrimaryEntityId must be a GUID',
    ],
    [
      'a bad organisation id',
      { ...syncHistoryCreated(ROW), OrganizationId: 42 },
      'OrganizationId must be a GUID',
    ],
    [
      'InputParameters that are not pairs',
      { ...syncHistoryCreated(ROW), InputParameters: [1, 2] },
      'InputParameters is not a list of key/value pairs',
    ],
    [
      'a Target that is not an entity',
      { ...syncHistoryCreated(ROW), InputParameters: [{ key: 'Target', value: 'x' }] },
      'InputParameters.Target is not an entity',
    ],
    [
      'Attributes that are not pairs',
      { ...syncHistoryCreated(ROW), InputParameters: [{ key: 'Target', value: { Attributes: 'x' } }] },
      'InputParameters.Target.Attributes is not a list of key/value pairs',
    ],
  ])('refuses %s with a reason', (_case, body, reason) => {
    expect(reasonFor(body)).toBe(reason);
  });

  it('accepts a context whose InputParameters Dataverse removed for size', () => {
    const body = { ...syncHistoryCreated(ROW), InputParameters: undefined };
    const result = parseRemoteExecutionContext(body);
    expect(result.ok && result.value.target).toBeNull();
  });
});

describe('syncRequestFromContext', () => {
  it('takes status, operation, invoice and connection from the Target', () => {
    const result = parseRemoteExecutionContext(syncHistoryCreated(ROW));
    if (!result.ok) throw new Error(result.failure);
    expect(syncRequestFromContext(result.value)).toEqual({
      id: ROW,
      status: CHOICES.syncHistoryStatus.values.queued,
      operation: CHOICES.operation.values.pushDocument,
      invoiceId: 'b1b1b1b1-0000-4000-8000-000000000001',
      connectionId: 'c2c2c2c2-0000-4000-8000-000000000002',
    });
  });

  it('returns null when the Target has no status, so the caller reads the row', () => {
    const result = parseRemoteExecutionContext(syncHistoryCreated(ROW, { withTarget: false }));
    if (!result.ok) throw new Error(result.failure);
    expect(syncRequestFromContext(result.value)).toBeNull();
  });
});

describe('WCF value helpers', () => {
  it.each([
    ['/Date(1506384247000)/', 1506384247000],
    ['/Date(1506409448000-0700)/', 1506409448000],
    ['/Date(-1000+0100)/', -1000],
  ])('reads %s as a UTC instant', (text, ms) => {
    expect(parseWcfDate(text)?.getTime()).toBe(ms);
  });

  it('does not read ordinary text as a date', () => {
    expect(parseWcfDate('Date(1)')).toBeNull();
  });

  it('reads key/value arrays and plain objects alike', () => {
    expect(keyValues([{ key: 'a', value: 1 }])).toEqual(new Map([['a', 1]]));
    expect(keyValues({ a: 1 })).toEqual(new Map([['a', 1]]));
    expect(keyValues('nope')).toBeNull();
  });

  it.each([
    [
      'an OptionSetValue',
      { __type: 'OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts', Value: 3 },
      3,
    ],
    ['a Money', { __type: 'Money:http://schemas.microsoft.com/xrm/2011/Contracts', Value: 12.5 }, 12.5],
    [
      'an EntityReference',
      { __type: 'EntityReference:x', Id: '{7E7E7E7E-0000-4000-8000-000000000007}', LogicalName: 'invoice' },
      { id: ROW, logicalName: 'invoice' },
    ],
    [
      'an EntityReference without a GUID',
      { __type: 'EntityReference:x', Id: 'nope', LogicalName: 'invoice' },
      null,
    ],
    ['an unknown object', { foo: 1 }, null],
    ['a string', 'text', 'text'],
  ])('reads %s', (_case, value, expected) => {
    expect(parseAttributeValue(value)).toEqual(expected);
  });
});
