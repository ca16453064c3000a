/**
 * The host a probe is sent to: an IPv4 address in dotted decimal, or a DNS name (RFC 1123 section 2.1 labels:
 * letters, digits and hyphens, 1 to 63 characters, not beginning or ending with a hyphen; at most 253 characters).
 * Checked before anything is spawned, so that a value such as `-f` never reaches ping as one of its options.
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Why `host` cannot be probed, or undefined when it is an IPv4 address or a DNS name. */
export function probeHostProblem(host: string): string | undefined {
  if (host === '') return 'The host to probe is empty; give an IPv4 address or a DNS name.';
  const shown = JSON.stringify(host.length > 60 ? `${host.slice(0, 60)}…` : host);
  if (host.startsWith('-')) return `${shown} begins with "-", which ping would read as an option; give an IPv4 address or a DNS name.`;
  const ipv4 = IPV4.exec(host);
  if (ipv4 !== null) {
    const octets = ipv4.slice(1).map(Number);
    if (octets.some((octet) => octet > 255)) return `${shown} is not an IPv4 address: each of its four numbers is 0 to 255.`;
    return undefined;
  }
  if (/^[\d.]+$/.test(host)) return `${shown} is not an IPv4 address: give four numbers 0 to 255 separated by dots.`;
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name.length > 253) return `${shown} is longer than a DNS name may be (253 characters).`;
  const bad = name.split('.').find((label) => !LABEL.test(label));
  if (bad !== undefined) {
    return `${shown} is not a DNS name: each part between dots is 1 to 63 letters, digits or hyphens, not beginning or ending with a hyphen.`;
  }
  return undefined;
}

/** A host that is known to be safe to probe. */
export class ProbeHostError extends Error {
  override readonly name = 'ProbeHostError';
}

/** Returns `host` when it can be probed; throws ProbeHostError saying why not. */
export function checkedProbeHost(host: string): string {
  const problem = probeHostProblem(host);
  if (problem !== undefined) throw new ProbeHostError(problem);
  return host;
}
