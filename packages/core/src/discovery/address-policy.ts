import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent } from 'undici';

// Addresses a crawler must not be steered to: loopback, private, link-local, carrier-grade NAT,
// unique-local, multicast, unspecified and documentation ranges (a server-side request forgery
// guard: a manifest or a redirect could otherwise point the crawler at internal services).
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['::ffff:0:0', 96], ['2001:db8::', 32]] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');
}

/** Which addresses the crawler may connect to. */
export interface AddressPolicy {
  /** Allow every address, private ones included (for tests and intranets). Default false. */
  readonly allowPrivateAddresses?: boolean;
  /** Private addresses allowed one by one (such as 127.0.0.1 in tests). */
  readonly allowedAddresses?: readonly string[];
}

/** Whether an IP address may be connected to under the policy. */
export function addressAllowed(address: string, policy: AddressPolicy): boolean {
  if (policy.allowPrivateAddresses || policy.allowedAddresses?.includes(address)) return true;
  const family = isIP(address);
  if (family === 0) return false;
  return !FORBIDDEN.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Why a URL may not be fetched (a scheme other than http(s), or a literal IP address the policy
 * refuses), or undefined. Host names are checked when they resolve, by {@link guardedAgent}.
 */
export function urlRefusal(url: URL, policy: AddressPolicy): string | undefined {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${url.protocol} URLs are not crawled`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !addressAllowed(host, policy)) return `${host} is a private, loopback or reserved address`;
  if (host === 'localhost' && !policy.allowPrivateAddresses && !policy.allowedAddresses?.length) return 'localhost is not crawled';
  return undefined;
}

/**
 * An undici Agent whose DNS lookups refuse forbidden addresses: the check happens at connection
 * time, for every connection (redirects included), so DNS answers cannot be swapped in between.
 */
export function guardedAgent(policy: AddressPolicy, options: { connections?: number } = {}): Agent {
  const lookup = (hostname: string, lookupOptions: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const allowed = addresses.filter((a) => addressAllowed(a.address, policy));
      if (!allowed.length) return callback(Object.assign(new Error(`${hostname} resolves to a private, loopback or reserved address (${addresses.map((a) => a.address).join(', ')})`), { code: 'EADDRNOTALLOWED' }), []);
      if ((lookupOptions as { all?: boolean }).all) return callback(null, allowed);
      return callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
  return new Agent({ connect: { lookup: lookup as never }, ...(options.connections ? { connections: options.connections } : {}) });
}
