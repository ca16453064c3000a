/**
 * Distinguished names (RFC 4514, with the leniency of RFC 2253/1779 readers: spaces around separators and `=`,
 * `;` as a separator, quoted values). DNs are never compared as raw strings: slapd hands back
 * `cn=Sales,cn=Indy,...` for `CN=Sales, CN=Indy,...`, and Active Directory tools differ in case and spacing.
 * Compare with `dnEquals` / `normalizeDn`, which ignore case of types and values and insignificant spaces
 * (Active Directory's DN matching is case-insensitive).
 *
 * Attribute type aliases (`commonName` for `cn`, OIDs for names) are not resolved: both sides are expected to use
 * the short names, as Active Directory does.
 */
import { DirectoryError } from './directory-error';

/** One `type=value` pair of an RDN. `value` is unescaped; `hex` holds the `#...` form when the value was one. */
export interface Ava {
  readonly type: string;
  readonly value: string;
  readonly hex?: string;
}

/** A relative distinguished name: usually one pair, several for a multi-valued RDN (`cn=a+uid=b`). */
export type Rdn = readonly Ava[];

const utf8 = new TextDecoder('utf-8', { fatal: true });
const TYPE_PATTERN = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)*)$/;

function invalid(dn: string, why: string): DirectoryError {
  return new DirectoryError('invalid-dn', `invalid DN ${JSON.stringify(dn)}: ${why}`, 34);
}

function isHexDigit(char: string | undefined): boolean {
  return char !== undefined && /^[0-9A-Fa-f]$/.test(char);
}

/** Parses a DN into RDNs, most specific first. The empty string is the root DSE (no RDNs). */
export function parseDn(dn: string): Rdn[] {
  const rdns: Rdn[] = [];
  let i = 0;
  const n = dn.length;
  const skipSpaces = (): void => {
    while (i < n && dn[i] === ' ') i += 1;
  };
  skipSpaces();
  if (i === n) return rdns;
  let current: Ava[] = [];
  for (;;) {
    skipSpaces();
    const typeStart = i;
    while (i < n && dn[i] !== '=' && dn[i] !== ',' && dn[i] !== '+' && dn[i] !== ';') i += 1;
    if (dn[i] !== '=') throw invalid(dn, `missing '=' after ${JSON.stringify(dn.slice(typeStart, i))}`);
    let type = dn.slice(typeStart, i).trim();
    if (/^oid\./i.test(type)) type = type.slice(4);
    if (!TYPE_PATTERN.test(type)) throw invalid(dn, `bad attribute type ${JSON.stringify(type)}`);
    i += 1; // '='
    skipSpaces();
    let value: string;
    let hex: string | undefined;
    if (dn[i] === '#') {
      const start = i;
      i += 1;
      while (i < n && isHexDigit(dn[i])) i += 1;
      hex = dn.slice(start, i).toLowerCase();
      if (hex.length < 3 || hex.length % 2 === 0) throw invalid(dn, 'bad hex value');
      const bytes = Buffer.from(hex.slice(1), 'hex');
      try {
        value = utf8.decode(bytes);
      } catch {
        value = bytes.toString('latin1');
      }
    } else if (dn[i] === '"') {
      i += 1;
      const bytes: number[] = [];
      while (i < n && dn[i] !== '"') {
        if (dn[i] === '\\') {
          i += 1;
          if (i >= n) throw invalid(dn, 'dangling escape');
        }
        const codePoint = dn.codePointAt(i) ?? 0;
        const char = String.fromCodePoint(codePoint);
        bytes.push(...Buffer.from(char, 'utf8'));
        i += char.length;
      }
      if (dn[i] !== '"') throw invalid(dn, 'unterminated quoted value');
      i += 1;
      value = Buffer.from(bytes).toString('utf8');
    } else {
      // Plain runs are sliced whole (the common case: no escapes at all); escaped bytes are gathered and decoded
      // together, since `\C3\A9` is one character. Unescaped trailing spaces are not part of the value.
      let text = '';
      let pending: number[] = [];
      let significantLength = 0;
      const flush = (): void => {
        if (pending.length === 0) return;
        try {
          text += utf8.decode(Uint8Array.from(pending));
        } catch {
          throw invalid(dn, 'escaped bytes are not UTF-8');
        }
        pending = [];
        significantLength = text.length;
      };
      while (i < n) {
        const code = dn.charCodeAt(i);
        if (code === 44 || code === 43 || code === 59) break; // , + ;
        if (code === 34) throw invalid(dn, 'unescaped quote');
        if (code === 92) {
          const next = dn[i + 1];
          if (next === undefined) throw invalid(dn, 'dangling escape');
          if (isHexDigit(next) && isHexDigit(dn[i + 2])) {
            pending.push(Number.parseInt(dn.slice(i + 1, i + 3), 16));
            i += 3;
          } else {
            flush();
            const escaped = String.fromCodePoint(dn.codePointAt(i + 1) ?? 0);
            text += escaped;
            significantLength = text.length;
            i += 1 + escaped.length;
          }
          continue;
        }
        flush();
        let end = i + 1;
        while (end < n) {
          const c = dn.charCodeAt(end);
          if (c === 44 || c === 43 || c === 59 || c === 34 || c === 92) break;
          end += 1;
        }
        const run = dn.slice(i, end);
        let trimmed = run.length;
        while (trimmed > 0 && run.charCodeAt(trimmed - 1) === 32) trimmed -= 1;
        if (trimmed > 0) significantLength = text.length + trimmed;
        text += run;
        i = end;
      }
      flush();
      value = text.slice(0, significantLength);
    }
    current.push(hex === undefined ? { type, value } : { type, value, hex });
    skipSpaces();
    if (i >= n) {
      rdns.push(current);
      return rdns;
    }
    const separator = dn[i];
    i += 1;
    if (separator === '+') continue;
    if (separator === ',' || separator === ';') {
      rdns.push(current);
      current = [];
      skipSpaces();
      if (i >= n) throw invalid(dn, 'trailing separator');
      continue;
    }
    throw invalid(dn, `unexpected ${JSON.stringify(separator)}`);
  }
}

/** Whether the text parses as a DN (the empty string, the root DSE, does). */
export function isValidDn(dn: string): boolean {
  try {
    parseDn(dn);
    return true;
  } catch {
    return false;
  }
}

/**
 * Escapes an RDN value for a DN string: `, + " \ < > ; =`, a leading `#` or space, a trailing space and NUL,
 * as Active Directory writes them.
 */
export function escapeRdnValue(value: string): string {
  let result = '';
  const chars = Array.from(value);
  chars.forEach((char, index) => {
    if (char === '\0') result += '\\00';
    else if (',+"\\<>;='.includes(char)) result += `\\${char}`;
    else if (index === 0 && (char === '#' || char === ' ')) result += `\\${char}`;
    else if (index === chars.length - 1 && char === ' ') result += '\\ ';
    else result += char;
  });
  return result;
}

function formatAva(ava: Ava): string {
  return `${ava.type}=${ava.hex ?? escapeRdnValue(ava.value)}`;
}

/** Writes RDNs back as a DN string (types as given, values escaped). */
export function formatDn(rdns: readonly Rdn[]): string {
  return rdns.map((rdn) => rdn.map(formatAva).join('+')).join(',');
}

function normalizeValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

function normalizeRdn(rdn: Rdn): string {
  return rdn
    .map((ava) => ({
      type: ava.type.toLowerCase(),
      value: ava.hex ?? escapeRdnValue(normalizeValue(ava.value)),
    }))
    .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.value < b.value ? -1 : 1))
    .map((ava) => `${ava.type}=${ava.value}`)
    .join('+');
}

/**
 * The canonical form used for comparison and as a map key: lower case, no insignificant spaces, canonical
 * escaping, multi-valued RDNs sorted. Throws DirectoryError `invalid-dn` when the text is not a DN.
 */
export function normalizeDn(dn: string): string {
  const cached = normalizedCache.get(dn);
  if (cached !== undefined) return cached;
  const normalized = normalizedRdns(dn).join(',');
  if (normalizedCache.size >= NORMALIZED_CACHE_SIZE) normalizedCache.clear();
  normalizedCache.set(dn, normalized);
  return normalized;
}

/**
 * A failover compares the same few store, MTA and server DNs for every one of 100,000 users: normalising is pure,
 * so a small bounded cache saves re-parsing them (cleared whole when full, so it never grows).
 */
const NORMALIZED_CACHE_SIZE = 4096;
const normalizedCache = new Map<string, string>();

/** The canonical form of each RDN, most specific first (`normalizeDn` joins them with commas). */
export function normalizedRdns(dn: string): string[] {
  return parseDn(dn).map(normalizeRdn);
}

/** Whether two DNs name the same entry (case- and spacing-insensitive). Throws on a text that is not a DN. */
export function dnEquals(a: string, b: string): boolean {
  return normalizeDn(a) === normalizeDn(b);
}

/** Whether `dn` is `base` or lies below it. */
export function isDnWithin(dn: string, base: string): boolean {
  const inner = parseDn(dn).map(normalizeRdn);
  const outer = parseDn(base).map(normalizeRdn);
  if (outer.length > inner.length) return false;
  const offset = inner.length - outer.length;
  return outer.every((rdn, index) => inner[offset + index] === rdn);
}

/** The parent's DN, or undefined for a single-RDN DN and the root DSE. */
export function parentDn(dn: string): string | undefined {
  const rdns = parseDn(dn);
  if (rdns.length <= 1) return undefined;
  return formatDn(rdns.slice(1));
}

/** The (first) value of the most specific RDN: `EXCHVS` for `CN=EXCHVS,CN=Servers,...`. */
export function rdnValue(dn: string): string {
  const first = parseDn(dn)[0]?.[0];
  if (first === undefined) throw invalid(dn, 'the root DSE has no RDN');
  return first.value;
}

/** Builds the DN of a child: `childDn('CN=Servers,...', 'CN', 'EXCHVS')`. The value is escaped here. */
export function childDn(parent: string, type: string, value: string): string {
  const rdn = `${type}=${escapeRdnValue(value)}`;
  return parent === '' ? rdn : `${rdn},${parent}`;
}
