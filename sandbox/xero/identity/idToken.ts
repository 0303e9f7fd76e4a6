// OpenID id_tokens for consents that asked for `openid`: RS256-signed with a key generated on first
// use and published at the JWKS URI, so openid-client (which xero-node uses) can validate them.
import {
  createHash,
  generateKeyPairSync,
  randomUUID,
  sign,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: JsonWebKey;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export interface IdTokenClaims {
  issuer: string;
  clientId: string;
  userId: string;
  nowMs: number;
  accessToken: string;
  nonce?: string;
}

export class IdTokenSigner {
  private key?: SigningKey;

  private signingKey(): SigningKey {
    if (!this.key) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const kid = randomUUID();
      this.key = {
        kid,
        privateKey,
        jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
      };
    }
    return this.key;
  }

  jwks(): { keys: JsonWebKey[] } {
    return { keys: [this.signingKey().jwk] };
  }

  sign(claims: IdTokenClaims): string {
    const key = this.signingKey();
    const seconds = Math.floor(claims.nowMs / 1000);
    const accessHash = createHash('sha256').update(claims.accessToken).digest();
    const payload = {
      iss: claims.issuer,
      aud: claims.clientId,
      sub: claims.userId,
      iat: seconds,
      nbf: seconds,
      exp: seconds + 300,
      auth_time: seconds,
      at_hash: b64url(accessHash.subarray(0, accessHash.length / 2)),
      ...(claims.nonce ? { nonce: claims.nonce } : {}),
      xero_userid: claims.userId,
      global_session_id: randomUUID(),
      sid: randomUUID(),
      preferred_username: 'demo.user@example.com',
      email: 'demo.user@example.com',
      given_name: 'Demo',
      family_name: 'User',
      name: 'Demo User',
    };
    const unsigned = `${b64url(JSON.stringify({ alg: 'RS256', kid: key.kid, typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
    return `${unsigned}.${b64url(sign('sha256', Buffer.from(unsigned), key.privateKey))}`;
  }
}
