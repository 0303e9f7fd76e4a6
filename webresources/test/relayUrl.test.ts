import { COMPONENTS, ENVIRONMENT_VARIABLE_TABLES } from '../../solution/names';
import { readRelayUrl, RELAY_URL_MESSAGES, relayUrlFrom } from '../scripts/relayUrl';
import { FakeWebApi, seedRelayUrl } from './fakeXrm';

const definition = ENVIRONMENT_VARIABLE_TABLES.definition;

describe('readRelayUrl', () => {
  it("uses the environment's current value over the default", async () => {
    const webApi = seedRelayUrl(new FakeWebApi(), {
      value: 'https://relay.contoso.com',
      defaultValue: 'https://relay.example.com',
    });

    expect(await readRelayUrl(webApi)).toEqual({ ok: true, url: 'https://relay.contoso.com' });
  });

  it('falls back to the definition default when no value is set', async () => {
    const webApi = seedRelayUrl(new FakeWebApi(), { defaultValue: 'https://relay.example.com' });

    expect(await readRelayUrl(webApi)).toEqual({ ok: true, url: 'https://relay.example.com' });
  });

  it('asks for the definition by its schema name with its values expanded, in one request', async () => {
    const webApi = seedRelayUrl(new FakeWebApi(), { value: 'https://relay.contoso.com' });

    await readRelayUrl(webApi);

    expect(webApi.calls).toHaveLength(1);
    expect(webApi.calls[0].entity).toBe(definition.logicalName);
  });

  it('drops trailing slashes so paths can be appended', () => {
    const rows = [{ [definition.defaultValue]: 'https://relay.contoso.com//', [definition.values]: [] }];

    expect(relayUrlFrom(rows)).toEqual({ ok: true, url: 'https://relay.contoso.com' });
  });

  it.each([
    ['no definition', []],
    [
      'an empty value and default',
      [{ [definition.defaultValue]: '  ', [definition.values]: [{ value: '' }] }],
    ],
  ])('says which environment variable to set when there is %s', (_case, rows) => {
    const result = relayUrlFrom(rows);

    expect(result).toEqual({ ok: false, message: RELAY_URL_MESSAGES.missing });
    expect(RELAY_URL_MESSAGES.missing).toContain(COMPONENTS.relayUrlVariable);
  });

  it('refuses a value that is not an http(s) URL, quoting it', () => {
    const rows = [{ [definition.defaultValue]: 'relay.contoso.com', [definition.values]: [] }];

    expect(relayUrlFrom(rows)).toEqual({
      ok: false,
      message: RELAY_URL_MESSAGES.invalid('relay.contoso.com'),
    });
  });
});
