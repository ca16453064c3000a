import { isIpv4Address, isSubnetMask } from '../cluster/ipv4';

/**
 * IPv4 arithmetic the pair document's checks need, on top of the cluster's own address rules (lab/mscs/ipv4.ts):
 * which subnet an address is in, and whether it may be given to a host there.
 */

/** The address as an unsigned 32-bit number. The text must be a dotted quad (isIpv4Address). */
export function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** The number as a dotted quad. */
export function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** The subnet's own address (`10.1.0.0` for `10.1.0.20` / `255.255.255.0`). Both must be valid. */
export function subnetOf(address: string, mask: string): string {
  return numberToIpv4((ipv4ToNumber(address) & ipv4ToNumber(mask)) >>> 0);
}

/** The prefix length of a contiguous mask (24 for 255.255.255.0). */
export function maskPrefixLength(mask: string): number {
  const value = ipv4ToNumber(mask);
  let bits = 0;
  for (let bit = 31; bit >= 0 && Math.floor(value / 2 ** bit) % 2 === 1; bit -= 1) bits += 1;
  return bits;
}

/** Why `text` is not a dotted-quad IPv4 address, or undefined. */
export function ipv4AddressProblem(text: string): string | undefined {
  return isIpv4Address(text) ? undefined : `'${text}' is not an IPv4 address; give four numbers 0-255 separated by dots, such as 10.0.0.20.`;
}

/** Why `text` is not a subnet mask (dotted quad, ones then zeros, not 0.0.0.0), or undefined. */
export function subnetMaskProblem(text: string): string | undefined {
  if (!isIpv4Address(text)) return `'${text}' is not a subnet mask; give four numbers 0-255 separated by dots, such as 255.255.255.0.`;
  if (!isSubnetMask(text)) return `${text} is not a contiguous mask; a subnet mask is ones then zeros, such as 255.255.255.0.`;
  return undefined;
}

/**
 * Why a host may not use `address` in the subnet `mask` gives it, or undefined: it must be a unicast address
 * (not 0.x, 127.x, 224.x and above) and, on subnets larger than two addresses, neither the subnet's own address
 * nor its broadcast address. Both values must be valid.
 */
export function hostAddressProblem(address: string, mask: string): string | undefined {
  const first = Number(address.split('.')[0]);
  if (first === 0 || first === 127 || first >= 224) {
    return `${address} cannot be given to a host: addresses 0.x, 127.x (loopback) and 224.x and above (multicast, reserved) are not unicast.`;
  }
  const prefix = maskPrefixLength(mask);
  if (prefix >= 31) return undefined;
  const value = ipv4ToNumber(address);
  const hostBits = value % 2 ** (32 - prefix);
  const subnet = `${subnetOf(address, mask)}/${prefix}`;
  if (hostBits === 0) return `${address} is the address of the subnet ${subnet} itself; choose a host address inside it.`;
  if (hostBits === 2 ** (32 - prefix) - 1) return `${address} is the broadcast address of the subnet ${subnet}; choose a host address inside it.`;
  return undefined;
}
