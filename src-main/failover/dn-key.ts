/**
 * DN comparison keys, memoised. `normalizeDn` parses the whole DN (about 50 µs for a store's 13-RDN DN), and a
 * failover compares the same few DNs — stores, MTAs, servers — hundreds of thousands of times (homeMDB and homeMTA
 * of every mailbox). A bounded cache makes each comparison a map lookup; entry DNs of users are never put through
 * it on the hot path.
 */
import { normalizeDn } from '../directory/dn';

const LIMIT = 4096;
const cache = new Map<string, string | null>();

/** The normalised form of a DN, or `undefined` when the text is not a DN. */
export function dnKey(dn: string): string | undefined {
  const cached = cache.get(dn);
  if (cached !== undefined) return cached ?? undefined;
  let key: string | null;
  try {
    key = normalizeDn(dn);
  } catch {
    key = null;
  }
  if (cache.size >= LIMIT) cache.clear();
  cache.set(dn, key);
  return key ?? undefined;
}
