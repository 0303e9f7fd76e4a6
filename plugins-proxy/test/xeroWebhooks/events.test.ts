import { parseWebhookPayload } from '../../src/xeroWebhooks/events';

const TENANT = 'c2cc9b6e-9458-4c7d-93cc-f02b81b0594f';

function payload(events: unknown[]): Buffer {
  return Buffer.from(
    JSON.stringify({ events, firstEventSequence: 1, lastEventSequence: events.length, entropy: 'x' }),
  );
}

function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resourceUrl: 'https://api.xero.com/api.xro/2.0/Invoices/inv-1',
    resourceId: 'inv-1',
    eventDateUtc: '2024-06-21T01:15:39.902',
    eventType: 'UPDATE',
    eventCategory: 'INVOICE',
    tenantId: TENANT,
    tenantType: 'ORGANISATION',
    ...overrides,
  };
}

describe('Xero webhook payload', () => {
  it('treats an empty events list as the intent-to-receive handshake', () => {
    const parsed = parseWebhookPayload(
      Buffer.from('{"events":[],"lastEventSequence":0,"firstEventSequence":0,"entropy":"S0m3r4Nd0mt3xt"}'),
    );
    expect(parsed).toEqual({
      ok: true,
      value: { pulls: [], isHandshake: true, firstEventSequence: 0, lastEventSequence: 0 },
    });
  });

  it.each([
    ['INVOICE', 'UPDATE', 'INVOICE'],
    ['CREDITNOTE', 'CREATE', 'CREDITNOTE'],
    ['CONTACT', 'UPDATE', 'CONTACT'],
    ['Invoice', 'Update', 'INVOICE'],
    ['contact', 'create', 'CONTACT'],
  ])('turns a %s %s event into a targeted %s pull', (eventCategory, eventType, category) => {
    const parsed = parseWebhookPayload(payload([event({ eventCategory, eventType, resourceId: 'r-1' })]));
    expect(parsed).toMatchObject({
      ok: true,
      value: { pulls: [{ tenantId: TENANT, category, resourceId: 'r-1' }] },
    });
  });

  it.each([
    ['a SUBSCRIPTION event', event({ eventCategory: 'SUBSCRIPTION' })],
    ['an APPLICATION-level event', event({ tenantType: 'APPLICATION' })],
    ['an unknown event type', event({ eventType: 'DELETE' })],
    ['an event without a resource id', event({ resourceId: undefined })],
    ['an event with a numeric tenant id', event({ tenantId: 42 })],
    ['a non-object event', 'INVOICE'],
  ])('skips %s', (_case, skipped) => {
    const parsed = parseWebhookPayload(payload([skipped, event()]));
    expect(parsed).toMatchObject({
      ok: true,
      value: { isHandshake: false, pulls: [{ resourceId: 'inv-1' }] },
    });
  });

  it('collapses repeated events for one resource into one pull', () => {
    const parsed = parseWebhookPayload(
      payload([event(), event({ eventType: 'CREATE' }), event({ resourceId: 'inv-2' })]),
    );
    expect(parsed.ok && parsed.value.pulls.map((pull) => pull.resourceId)).toEqual(['inv-1', 'inv-2']);
  });

  it.each([
    ['not JSON', '{"events":'],
    ['JSON without events', '{"entropy":"x"}'],
    ['a JSON array', '[]'],
    ['events that is not a list', '{"events":{}}'],
  ])('reports a body that is %s as unreadable', (_case, body) => {
    expect(parseWebhookPayload(Buffer.from(body)).ok).toBe(false);
  });
});
