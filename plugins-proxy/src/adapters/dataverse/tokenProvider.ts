/**
 * Access tokens for the relay's application user in Dataverse (client credentials, msal-node, cached per
 * instance); an empty token is an error (adapters/dataverse/README.md).
 */
import { ConfidentialClientApplication } from '@azure/msal-node';

export interface TokenProvider {
  getToken(): Promise<string>;
}

export class DataverseAuthError extends Error {
  constructor(
    message: string,
    readonly errorCode?: string,
  ) {
    super(message);
    this.name = 'DataverseAuthError';
  }
}

export interface MsalTokenProviderOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The environment URL, e.g. https://org.crm.dynamics.com; the scope is `<origin>/.default`. */
  resourceUrl: string;
  authorityHost?: string;
  /** JSON string with token_endpoint etc.; skips the openid-configuration request. */
  authorityMetadata?: string;
}

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

export class MsalTokenProvider implements TokenProvider {
  private readonly app: ConfidentialClientApplication;
  private readonly scopes: string[];

  constructor(options: MsalTokenProviderOptions) {
    const host = (options.authorityHost ?? DEFAULT_AUTHORITY_HOST).replace(/\/+$/, '');
    this.app = new ConfidentialClientApplication({
      auth: {
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        authority: `${host}/${options.tenantId}`,
        // Known authority: no instance-discovery request.
        knownAuthorities: [new URL(host).host],
        ...(options.authorityMetadata ? { authorityMetadata: options.authorityMetadata } : {}),
      },
    });
    this.scopes = [`${new URL(options.resourceUrl).origin}/.default`];
  }

  async getToken(): Promise<string> {
    let result;
    try {
      result = await this.app.acquireTokenByClientCredential({ scopes: this.scopes });
    } catch (error) {
      const code = (error as { errorCode?: string }).errorCode;
      const message = (error as Error).message?.split('\n')[0] ?? String(error);
      throw new DataverseAuthError(`Could not get a Dataverse token: ${message}`, code);
    }
    if (!result?.accessToken) {
      throw new DataverseAuthError(
        'Could not get a Dataverse token: the token endpoint returned an empty token',
      );
    }
    return result.accessToken;
  }
}

/** A fixed token, for tests and the emulator when no MSAL round trip is wanted. */
export class StaticTokenProvider implements TokenProvider {
  calls = 0;

  constructor(private readonly token = 'static-test-token') {}

  async getToken(): Promise<string> {
    this.calls++;
    if (!this.token) throw new DataverseAuthError('Could not get a Dataverse token: the token is empty');
    return this.token;
  }
}
