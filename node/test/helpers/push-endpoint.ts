/**
 * A local Web Push service for tests: an HTTPS server on 127.0.0.1 (web-push only speaks HTTPS) that
 * plays the push service and the phone at once. It checks each POST's VAPID `Authorization`
 * (RFC 8292: an ES256 JWT for this origin, signed by the key in `k=`, which must be the
 * applicationServerKey the subscription was made with) and decrypts the RFC 8291 aes128gcm body
 * with the subscriber's private key — all with node:crypto, nothing from web-push.
 *
 *   const push = await startPushEndpoint();
 *   const phone = push.subscriber(sender.publicKey);   // phone.subscription → store it as the device
 *   … await push.next(phone) → { vapid, payload (decrypted), ttl, urgency }
 */
import {
  createECDH,
  createPublicKey,
  createDecipheriv,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  randomUUID,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { PushSubscriptionJson } from '../../src/sign-on/contract.js';

const b64url = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
const fromB64url = (s: string): Buffer => Buffer.from(s, 'base64url');

// ---- The subscriber (what the browser's PushManager holds) -------------------------------------

export interface TestSubscriber {
  id: string;
  subscription: PushSubscriptionJson;
  /** The VAPID public key (base64url) the subscription was made for. */
  applicationServerKey: string;
  /** Decrypts an RFC 8291 aes128gcm message body addressed to this subscriber. */
  decrypt(body: Buffer): Buffer;
}

/** Creates a subscriber: an ECDH P-256 key pair and a 16-byte auth secret, as a browser does. */
export function createSubscriber(endpoint: string, applicationServerKey: string, id = randomUUID()): TestSubscriber {
  const ecdh = createECDH('prime256v1');
  const uaPublic = ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    id,
    applicationServerKey,
    subscription: { endpoint, expirationTime: null, keys: { p256dh: b64url(uaPublic), auth: b64url(authSecret) } },
    decrypt: (body) => decryptAes128gcm(body, (asPublic) => ecdh.computeSecret(asPublic), uaPublic, authSecret),
  };
}

const hkdf = (salt: Buffer, ikm: Buffer, info: Buffer, length: number): Buffer => Buffer.from(hkdfSync('sha256', ikm, salt, info, length));

/**
 * RFC 8188 content coding with RFC 8291's key derivation. Header: salt(16) | rs(4) | idlen(1) |
 * keyid(idlen) = the sender's ephemeral public key; then records of `rs` bytes (ciphertext + 16-byte
 * tag), the last possibly shorter; each plaintext ends with a delimiter (2 last record, 1 others)
 * followed by zero padding.
 */
export function decryptAes128gcm(body: Buffer, ecdh: (asPublic: Buffer) => Buffer, uaPublic: Buffer, authSecret: Buffer): Buffer {
  if (body.length < 21) throw new Error('aes128gcm: body shorter than its header');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  const asPublic = body.subarray(21, 21 + idlen);
  if (idlen !== 65 || asPublic[0] !== 0x04) throw new Error('aes128gcm: keyid is not an uncompressed P-256 public key');
  if (rs < 18) throw new Error('aes128gcm: record size too small');
  // RFC 8291 §3.3-3.4: IKM from the ECDH secret and the auth secret, then RFC 8188's CEK and nonce.
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
  const ikm = hkdf(authSecret, ecdh(asPublic), keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const baseNonce = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);

  const records = body.subarray(21 + idlen);
  const out: Buffer[] = [];
  for (let offset = 0, seq = 0; offset < records.length; offset += rs, seq++) {
    const record = records.subarray(offset, offset + rs);
    if (record.length < 17) throw new Error('aes128gcm: truncated record');
    const nonce = Buffer.from(baseNonce);
    // The record sequence number, XORed into the nonce (big-endian; bytewise: JS `^` is 32-bit).
    for (let i = 0, v = seq; i < 6; i++, v = Math.floor(v / 256)) nonce[11 - i]! ^= v & 0xff;
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--;
    const last = offset + rs >= records.length;
    if (end < 0 || plain[end] !== (last ? 2 : 1)) throw new Error('aes128gcm: bad padding delimiter');
    out.push(plain.subarray(0, end));
  }
  return Buffer.concat(out);
}

// ---- VAPID (RFC 8292) ----------------------------------------------------------------------------

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
  /** The `k=` public key (base64url, uncompressed point). */
  publicKey: string;
}

/** Verifies `Authorization: vapid t=<JWT>, k=<key>`; throws with the reason otherwise. */
export function verifyVapid(header: string | undefined, expectedAudience: string, nowSeconds = Date.now() / 1000): VapidClaims {
  const match = /^vapid\s+(.+)$/i.exec(header ?? '');
  if (!match) throw new Error('no "vapid" Authorization header');
  const params = Object.fromEntries(match[1]!.split(',').map((p) => p.trim().split('=') as [string, string]));
  const [t, k] = [params.t, params.k];
  if (!t || !k) throw new Error('the vapid Authorization lacks t= or k=');
  const point = fromB64url(k);
  if (point.length !== 65 || point[0] !== 0x04) throw new Error('k= is not an uncompressed P-256 point');
  const key: KeyObject = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) },
    format: 'jwk',
  });
  const [h, p, s] = t.split('.');
  if (!h || !p || !s) throw new Error('t= is not a JWS compact serialization');
  const header_ = JSON.parse(fromB64url(h).toString('utf8')) as { alg?: string; typ?: string };
  if (header_.alg !== 'ES256') throw new Error(`JWT alg ${header_.alg}, expected ES256`);
  // JWS ES256 signatures are r || s (64 bytes), not DER.
  if (!verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, fromB64url(s)))
    throw new Error('the JWT signature does not verify with k=');
  const claims = JSON.parse(fromB64url(p).toString('utf8')) as Partial<VapidClaims>;
  if (claims.aud !== expectedAudience) throw new Error(`JWT aud ${claims.aud}, expected ${expectedAudience}`);
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds || claims.exp > nowSeconds + 24 * 3600)
    throw new Error('JWT exp missing, past, or more than 24 h ahead');
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) throw new Error('JWT sub is not a mailto: or https: contact');
  return { aud: claims.aud, exp: claims.exp, sub: claims.sub, publicKey: k };
}

// ---- The endpoint --------------------------------------------------------------------------------

export interface ReceivedPush {
  subscriberId: string;
  /** What the endpoint answered. */
  status: number;
  ttl: number;
  urgency: string | undefined;
  contentEncoding: string | undefined;
  vapid: VapidClaims | null;
  /** Why the request was refused (VAPID or decryption), if it was. */
  error: string | null;
  /** The decrypted message. */
  payload: Buffer | null;
}

export interface PushEndpoint {
  /** https://127.0.0.1:port */
  origin: string;
  /** The endpoint's self-signed certificate (PEM) and an agent that trusts it (PushSenderOptions.agent). */
  ca: string;
  agent: Agent;
  /** A new subscriber of this endpoint, for the VAPID key `applicationServerKey`. */
  subscriber(applicationServerKey: string): TestSubscriber;
  /** Answer every later push to `subscriber` with `status` (e.g. 410 Gone: the subscription expired). */
  respond(subscriber: TestSubscriber, status: number): void;
  received: ReceivedPush[];
  /** The next push to `subscriber` (already received or still to come). */
  next(subscriber: TestSubscriber, timeoutMs?: number): Promise<ReceivedPush>;
  close(): Promise<void>;
}

export async function startPushEndpoint(): Promise<PushEndpoint> {
  const { key, cert } = selfSignedCertificate('127.0.0.1');
  const subscribers = new Map<string, { subscriber: TestSubscriber; status: number; taken: number }>();
  const received: ReceivedPush[] = [];
  const waiters = new Set<() => void>();
  let origin = '';

  const server: Server = createServer({ key, cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const id = /^\/push\/([\w-]+)$/.exec(request.url ?? '')?.[1] ?? '';
      const entry = subscribers.get(id);
      const push: ReceivedPush = {
        subscriberId: id,
        status: 201,
        ttl: Number(request.headers.ttl),
        urgency: request.headers.urgency as string | undefined,
        contentEncoding: request.headers['content-encoding'],
        vapid: null,
        error: null,
        payload: null,
      };
      const refuse = (status: number, error: string) => Object.assign(push, { status, error });
      if (request.method !== 'POST' || !entry) refuse(404, 'no such subscription');
      else {
        try {
          push.vapid = verifyVapid(request.headers.authorization, origin);
          // A push service only accepts the key the subscription was made with (RFC 8292 §4).
          if (push.vapid.publicKey !== entry.subscriber.applicationServerKey) refuse(403, 'k= is not the subscription’s applicationServerKey');
        } catch (error) {
          refuse(403, (error as Error).message);
        }
        if (!push.error) {
          if (push.contentEncoding !== 'aes128gcm') refuse(415, `content-encoding ${push.contentEncoding}`);
          else if (!Number.isInteger(push.ttl) || push.ttl < 0) refuse(400, 'missing or bad TTL');
          else {
            try {
              push.payload = entry.subscriber.decrypt(Buffer.concat(chunks));
            } catch (error) {
              refuse(400, (error as Error).message);
            }
          }
        }
        if (!push.error && entry.status !== 201) push.status = entry.status;
      }
      received.push(push);
      for (const wake of [...waiters]) wake();
      response.writeHead(push.status, push.status === 201 ? { location: `${origin}/message/${randomUUID()}` } : { 'content-type': 'text/plain' });
      response.end(push.error ?? (push.status === 201 ? '' : 'push subscription has unsubscribed or expired'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new Agent({ ca: cert, keepAlive: false });

  return {
    origin,
    ca: cert,
    agent,
    received,
    subscriber(applicationServerKey) {
      const id = randomUUID();
      const subscriber = createSubscriber(`${origin}/push/${id}`, applicationServerKey, id);
      subscribers.set(id, { subscriber, status: 201, taken: 0 });
      return subscriber;
    },
    respond(subscriber, status) {
      subscribers.get(subscriber.id)!.status = status;
    },
    next(subscriber, timeoutMs = 5000) {
      const entry = subscribers.get(subscriber.id)!;
      return new Promise((resolve, reject) => {
        const check = () => {
          const mine = received.filter((r) => r.subscriberId === subscriber.id);
          if (mine.length <= entry.taken) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(mine[entry.taken++]!);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('no push arrived'));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---- A self-signed certificate, built with node:crypto (no openssl binary needed) -----------------

const derLength = (n: number): Buffer => (n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]));
const der = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
};
const seq = (...c: Buffer[]) => der(0x30, ...c);
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a! + b!];
  for (const n of rest) {
    const group = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) group.unshift((v & 0x7f) | 0x80);
    bytes.push(...group);
  }
  return der(0x06, Buffer.from(bytes));
};
const utcTime = (d: Date) => der(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));
const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

/** An ECDSA P-256 X.509 v3 certificate for one IP address (subjectAltName), valid for a day, signed by its own key. */
export function selfSignedCertificate(ip: string): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const name = seq(der(0x31, seq(oid('2.5.4.3'), der(0x0c, Buffer.from('openfaceio test push service')))));
  const serial = randomBytes(8);
  serial[0]! &= 0x7f; // a positive INTEGER
  const now = Date.now();
  const san = seq(seq(oid('2.5.29.17'), der(0x04, seq(der(0x87, Buffer.from(ip.split('.').map(Number)))))));
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))), // version v3
    der(0x02, serial),
    ECDSA_SHA256,
    name,
    seq(utcTime(new Date(now - 60_000)), utcTime(new Date(now + 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    der(0xa3, san),
  );
  const signature = sign('sha256', tbs, privateKey); // DER-encoded ECDSA-Sig-Value, as X.509 wants
  const certificate = seq(tbs, ECDSA_SHA256, der(0x03, Buffer.from([0]), signature));
  const pem = `-----BEGIN CERTIFICATE-----\n${certificate.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
  return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), cert: pem.replace('\n\n', '\n') };
}
