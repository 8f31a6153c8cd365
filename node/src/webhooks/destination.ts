// Where webhooks may go (finding 4: SSRF). An app's webhook URL is chosen by whoever holds its
// admin key, and the node POSTs to it from inside the operator's network: without a check it
// reaches loopback services, the private network and cloud metadata endpoints, and the delivery
// log tells a probe which ports answer. Every delivery resolves the host, refuses it if any address
// is in a non-public range (unless the operator allowed that network in WEBHOOK_ALLOWED_NETWORKS),
// and connects to exactly the address it checked (the check is the socket's own DNS lookup, so a
// second answer from a rebinding DNS server is never used). Redirects are not followed.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';

/** Non-public ranges: IANA special-purpose registries (RFC 6890 and successors), metadata endpoints included. */
const NON_PUBLIC: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT; Alibaba's metadata at 100.100.100.200
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], // link-local; AWS, GCP, Azure metadata at 169.254.169.254
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'], // IETF protocol assignments; Oracle's metadata at 192.0.0.192
  ['192.0.2.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'], // NAT64: would reach any IPv4 address, private ones included
  ['64:ff9b:1::', 48, 'ipv6'],
  ['100::', 64, 'ipv6'],
  ['2001:db8::', 32, 'ipv6'],
  ['fc00::', 7, 'ipv6'], // unique local; AWS's IPv6 metadata at fd00:ec2::254
  ['fe80::', 10, 'ipv6'], // link-local
  ['ff00::', 8, 'ipv6'], // multicast
];

const BLOCKED = new BlockList();
for (const [network, prefix, family] of NON_PUBLIC) BLOCKED.addSubnet(network, prefix, family);
// IPv4-mapped IPv6 (::ffff:a.b.c.d) is checked against the IPv4 ranges by BlockList itself.

/** Networks the operator lets webhooks reach although they are not public (`10.0.0.0/8`, `::1/128`, an address alone). */
export function allowedNetworks(cidrs: readonly string[]): BlockList {
  const allowed = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', prefix] = cidr.trim().split('/');
    const family = isIP(address);
    if (!family) throw new RangeError(`not an IP network: "${cidr}"`);
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) throw new RangeError(`bad prefix length in "${cidr}"`);
    allowed.addSubnet(address, bits, family === 4 ? 'ipv4' : 'ipv6');
  }
  return allowed;
}

/** Whether the node may deliver to `address` (an IP address). */
export function isDeliverable(address: string, allowed?: BlockList): boolean {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  return Boolean(allowed?.check(address, family)) || !BLOCKED.check(address, family);
}

/** The destination's host resolves to (or is) an address webhooks may not reach. */
export class DestinationRefusedError extends Error {
  readonly code = 'DESTINATION_REFUSED';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for the socket: resolves, refuses the whole host if any of its addresses is not deliverable. */
function guardedLookup(allowed: BlockList | undefined) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (addresses.length === 0 || addresses.some((a) => !isDeliverable(a.address, allowed))) {
        return callback(Object.assign(new DestinationRefusedError('not a public address'), { code: 'DESTINATION_REFUSED' }), []);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

export interface PostOptions {
  headers: Record<string, string>;
  body: string;
  /** Until the response headers arrive. */
  timeoutMs: number;
  allowed?: BlockList;
}

/** POSTs `body` to `url` if its host is deliverable; resolves to the response status (redirects are answers, not followed). */
export function postToDestination(url: string, options: PostOptions): Promise<number> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : null;
  if (!send) return Promise.reject(new DestinationRefusedError(`unsupported scheme ${target.protocol}`));
  // An IP literal is connected to without a lookup: check it here.
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) && !isDeliverable(literal, options.allowed)) return Promise.reject(new DestinationRefusedError('not a public address'));
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) },
        lookup: guardedLookup(options.allowed) as never,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response: IncomingMessage) => {
        response.resume(); // the body is not needed; free the socket
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}
