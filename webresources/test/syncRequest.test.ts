import { ENVIRONMENT_VARIABLE_TABLES } from '../../solution/names';
import { nudgeRelay, nudgeUrl, type Fetch } from '../scripts/syncRequest';
import { FakeWebApi, seedRelayUrl } from './fakeXrm';

const ROW = '0f0e0d0c-0000-4000-8000-00000000000a';
const RELAY = 'https://relay.contoso.com';

describe('nudgeRelay', () => {
  it('does not read the relay URL when the host has no fetch', async () => {
    const webApi = seedRelayUrl(new FakeWebApi(), { value: RELAY });

    await nudgeRelay(webApi, ROW, undefined);

    expect(webApi.calls).toEqual([]);
  });

  it('does not wait for the relay to answer, so a hung relay never holds up the caller', async () => {
    const webApi = seedRelayUrl(new FakeWebApi(), { value: RELAY });
    const fetch = jest.fn<ReturnType<Fetch>, Parameters<Fetch>>(() => new Promise(() => undefined));

    await nudgeRelay(webApi, ROW, fetch);

    expect(fetch).toHaveBeenCalledWith(nudgeUrl(RELAY, ROW), { method: 'POST' });
  });

  it('swallows a fetch that throws at once', async () => {
    const webApi = seedRelayUrl(new FakeWebApi(), { value: RELAY });
    const fetch: Fetch = () => {
      throw new TypeError('Invalid URL');
    };

    await expect(nudgeRelay(webApi, ROW, fetch)).resolves.toBeUndefined();
  });

  it('swallows a Web API failure reading the relay URL', async () => {
    const webApi = new FakeWebApi().failOn(
      'retrieveMultipleRecords',
      ENVIRONMENT_VARIABLE_TABLES.definition.logicalName,
      'denied',
    );
    const fetch = jest.fn<ReturnType<Fetch>, Parameters<Fetch>>();

    await expect(nudgeRelay(webApi, ROW, fetch)).resolves.toBeUndefined();
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('nudgeUrl', () => {
  it('names the relay route for the row', () => {
    expect(nudgeUrl(RELAY, ROW)).toBe(`${RELAY}/api/sync-requests/${ROW}/nudge`);
  });
});
