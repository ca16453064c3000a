/** Dotted-quad IPv4 address as the IP Address resource's Address property takes it (four decimal octets 0-255). */
export function isIpv4Address(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** A subnet mask: a dotted quad whose bits are ones then zeros (255.255.255.0, not 255.0.255.0). */
export function isSubnetMask(text: string): boolean {
  if (!isIpv4Address(text)) return false;
  const value = text.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
  if (value === 0) return false;
  const inverted = 0xffffffff - value;
  // ones-then-zeros  <=>  the inverted value + 1 is a power of two
  return ((inverted + 1) & inverted) === 0;
}
