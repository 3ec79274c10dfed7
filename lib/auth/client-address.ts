import { BlockList, isIP } from "node:net";

// Next.js keeps a client-supplied X-Forwarded-For as it is, so the address a
// request came from is worked out by the studio's web server (bin/web.ts) from
// the socket and handed on in a header of its own, overwriting any sent.

export const CLIENT_ADDRESS_HEADER = "x-studio-client-address";

/** "::ffff:10.0.0.1" and "10.0.0.1" are the same client. */
function plain(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, "");
  return a.toLowerCase().startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/** Addresses and CIDR ranges ("10.0.0.0/8", "::1") as a BlockList; a malformed entry is an error at start-up. */
export function addressList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = plain(entry).split("/");
    const family = isIP(address);
    if (!family) throw new Error(`not an IP address or range: ${entry}`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

export function inList(list: BlockList, address: string): boolean {
  const a = plain(address);
  const family = isIP(a);
  return family !== 0 && list.check(a, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted
 * proxy; then X-Forwarded-For is read from the right, skipping trusted
 * proxies, and the first other address is the client. Anything to its left
 * was written by the client and is ignored.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: BlockList): string | undefined {
  if (!peer) return undefined;
  let current = plain(peer);
  if (!inList(trusted, current)) return current;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",").map(plain).filter(Boolean);
  for (const hop of hops.reverse()) {
    if (!isIP(hop)) return current; // a malformed entry: stop at the last address a trusted proxy vouched for
    current = hop;
    if (!inList(trusted, current)) return current;
  }
  return current;
}
