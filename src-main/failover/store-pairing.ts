/**
 * Pairs the stores of the original source server with those of the original target (seed, Appendix I): a store's
 * mailboxes (and public-folder references) move to its partner. Rules first, most specific first, then the
 * default for whatever no rule claimed:
 *
 *  - `store` rules (`-r "SrcGroup, SrcStore:TgtGroup, TgtStore"`) pair the two named stores;
 *  - `group` rules (`-r SrcGroup:TgtGroup`) pair every store of the source group with the store of the same name
 *    in the target group;
 *  - `one-to-one` (`-r` alone) pairs every other store with the store of the same name in the storage group of the
 *    same name;
 *  - the default pairs the rest by database file name without its path, case-insensitively.
 *
 * Store names usually contain their server's name ("Mailbox Store (EXCHVS)" ↔ "Mailbox Store (EXCHVS-DR)"): a name
 * matches exactly (case-insensitive) or, failing that, with each side's own server name, as a whole word, taken as
 * the same; the same holds for storage group names. [assumed] Rules are combined with the default as above (the
 * seed's example `-r Indy:Indy_Bkup -r Boston:Boston_Bkup` would otherwise leave the First Storage Group unpaired).
 *
 * Every source store must get exactly one partner; a target store may be left without one (created on the target,
 * or not used by the rules): it is reported, never moved. Anything else is refused before a change, naming every
 * problem at once.
 */
import { normalizeDn } from '../directory/dn';
import { assertNever } from '../shared/assert-never';
import { FailoverInputError, type PairingRule } from './engine-api';
import { nameKey } from './discovery';
import type { StorageGroupInfo, StoreInfo } from './topology';

/** One server's side of the pairing. */
export interface PairingSide {
  readonly server: string;
  readonly groups: readonly StorageGroupInfo[];
  readonly stores: readonly StoreInfo[];
}

/** How a pair was made. */
export type PairedBy = 'store-rule' | 'group-rule' | 'one-to-one' | 'file-name';

/** A source store and its partner on the target (always in the original source → target orientation). */
export interface StorePair {
  readonly source: StoreInfo;
  readonly target: StoreInfo;
  readonly pairedBy: PairedBy;
}

export interface Pairing {
  readonly pairs: readonly StorePair[];
  /** Target stores without a partner. */
  readonly unpaired: readonly StoreInfo[];
}

/** The pairing was refused: every problem, each naming the stores, groups or files concerned. */
export class StorePairingError extends FailoverInputError {
  constructor(readonly problems: readonly string[]) {
    super(`cannot pair the stores: ${problems.join('; ')}`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The name with its server's name (as a whole word) replaced by a placeholder, as a comparison key. */
export function serverNeutralKey(name: string, server: string): string {
  const pattern = new RegExp(`(^|[^A-Za-z0-9_-])${escapeRegExp(server)}(?=$|[^A-Za-z0-9_-])`, 'gi');
  return nameKey(name.replace(pattern, '$1\u0000'));
}

/** The candidate named `name` (as written on `fromServer`): exact match first, then server-neutral. */
function byName<T>(candidates: readonly T[], nameOf: (item: T) => string, name: string, fromServer: string, toServer: string): T | undefined {
  const exact = candidates.filter((candidate) => nameKey(nameOf(candidate)) === nameKey(name));
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) return undefined;
  const key = serverNeutralKey(name, fromServer);
  const neutral = candidates.filter((candidate) => serverNeutralKey(nameOf(candidate), toServer) === key);
  return neutral.length === 1 ? neutral[0] : undefined;
}

function label(store: StoreInfo): string {
  return `"${store.group}, ${store.name}"`;
}

function ruleText(rule: PairingRule): string {
  switch (rule.kind) {
    case 'one-to-one':
      return '-r';
    case 'group':
      return `-r ${rule.sourceGroup}:${rule.targetGroup}`;
    case 'store':
      return `-r "${rule.sourceGroup}, ${rule.sourceStore}:${rule.targetGroup}, ${rule.targetStore}"`;
    default:
      return assertNever(rule, 'pairing rule');
  }
}

const RULE_ORDER: Record<PairingRule['kind'], number> = { store: 0, group: 1, 'one-to-one': 2 };

/** Pairs the stores, or throws {@link StorePairingError} naming every problem. */
export function pairStores(source: PairingSide, target: PairingSide, rules: readonly PairingRule[]): Pairing {
  const problems: string[] = [];
  const pairs: StorePair[] = [];
  const sourceClaimed = new Map<string, string>();
  const targetClaimed = new Map<string, string>();
  const storesIn = (side: PairingSide, group: StorageGroupInfo): StoreInfo[] => {
    const groupKey = normalizeDn(group.dn);
    return side.stores.filter((store) => normalizeDn(store.groupDn) === groupKey);
  };

  const claim = (from: StoreInfo, to: StoreInfo, pairedBy: PairedBy, why: string): void => {
    const earlierSource = sourceClaimed.get(from.key);
    if (earlierSource !== undefined) {
      if (earlierSource !== why) problems.push(`store ${label(from)} on ${source.server} is paired by both ${earlierSource} and ${why}`);
      return;
    }
    const earlierTarget = targetClaimed.get(to.key);
    if (earlierTarget !== undefined) {
      problems.push(`store ${label(to)} on ${target.server} would be the partner of two source stores (${earlierTarget}; ${why})`);
      return;
    }
    if (from.kind !== to.kind) {
      problems.push(`${why} pairs the ${from.kind} store ${label(from)} on ${source.server} with the ${to.kind} store ${label(to)} on ${target.server}`);
      return;
    }
    sourceClaimed.set(from.key, why);
    targetClaimed.set(to.key, why);
    pairs.push({ source: from, target: to, pairedBy });
  };

  const groupOn = (side: PairingSide, name: string, other: string, why: string): StorageGroupInfo | undefined => {
    const group = byName(side.groups, (g) => g.name, name, other, side.server);
    if (group === undefined) problems.push(`${why}: no storage group "${name}" on ${side.server}`);
    return group;
  };

  const sorted = [...rules].sort((a, b) => RULE_ORDER[a.kind] - RULE_ORDER[b.kind]);
  for (const rule of sorted) {
    const why = ruleText(rule);
    switch (rule.kind) {
      case 'store': {
        const sourceGroup = groupOn(source, rule.sourceGroup, source.server, why);
        const targetGroup = groupOn(target, rule.targetGroup || rule.sourceGroup, source.server, why);
        const from = sourceGroup && byName(storesIn(source, sourceGroup), (s) => s.name, rule.sourceStore, source.server, source.server);
        const to = targetGroup && byName(storesIn(target, targetGroup), (s) => s.name, rule.targetStore || rule.sourceStore, source.server, target.server);
        if (sourceGroup !== undefined && from === undefined) problems.push(`${why}: no store "${rule.sourceStore}" in storage group "${sourceGroup.name}" on ${source.server}`);
        if (targetGroup !== undefined && to === undefined) {
          problems.push(`${why}: no store "${rule.targetStore || rule.sourceStore}" in storage group "${targetGroup.name}" on ${target.server}`);
        }
        if (from !== undefined && to !== undefined) claim(from, to, 'store-rule', why);
        break;
      }
      case 'group': {
        const sourceGroup = groupOn(source, rule.sourceGroup, source.server, why);
        const targetGroup = groupOn(target, rule.targetGroup || rule.sourceGroup, source.server, why);
        if (sourceGroup === undefined || targetGroup === undefined) break;
        for (const from of storesIn(source, sourceGroup)) {
          if (sourceClaimed.has(from.key)) continue;
          const to = byName(storesIn(target, targetGroup), (s) => s.name, from.name, source.server, target.server);
          if (to === undefined) problems.push(`${why}: no store "${from.name}" in storage group "${targetGroup.name}" on ${target.server} for ${label(from)}`);
          else claim(from, to, 'group-rule', why);
        }
        break;
      }
      case 'one-to-one':
        for (const from of source.stores) {
          if (sourceClaimed.has(from.key)) continue;
          const targetGroup = byName(target.groups, (g) => g.name, from.group, source.server, target.server);
          if (targetGroup === undefined) {
            problems.push(`${why}: no storage group "${from.group}" on ${target.server} for ${label(from)}`);
            continue;
          }
          const to = byName(storesIn(target, targetGroup), (s) => s.name, from.name, source.server, target.server);
          if (to === undefined) problems.push(`${why}: no store "${from.name}" in storage group "${targetGroup.name}" on ${target.server} for ${label(from)}`);
          else claim(from, to, 'one-to-one', why);
        }
        break;
      default:
        assertNever(rule, 'pairing rule');
    }
  }

  pairByFileName(
    source,
    target,
    source.stores.filter((store) => !sourceClaimed.has(store.key)),
    target.stores.filter((store) => !targetClaimed.has(store.key)),
    problems,
    claim,
  );

  if (problems.length > 0) throw new StorePairingError(problems);
  return { pairs, unpaired: target.stores.filter((store) => !targetClaimed.has(store.key)) };
}

function pairByFileName(
  source: PairingSide,
  target: PairingSide,
  sourceStores: readonly StoreInfo[],
  targetStores: readonly StoreInfo[],
  problems: string[],
  claim: (from: StoreInfo, to: StoreInfo, pairedBy: PairedBy, why: string) => void,
): void {
  if (sourceStores.length === 0) return;
  const byFile = (stores: readonly StoreInfo[]): Map<string, StoreInfo[]> => {
    const map = new Map<string, StoreInfo[]>();
    for (const store of stores) {
      if (store.databaseFile === undefined) continue;
      const key = store.databaseFile.toLowerCase();
      map.set(key, [...(map.get(key) ?? []), store]);
    }
    return map;
  };
  const sourceFiles = byFile(sourceStores);
  const targetFiles = byFile(targetStores);
  for (const store of sourceStores) {
    if (store.databaseFile === undefined) problems.push(`store ${label(store)} on ${source.server} has no database file (msExchEDBFile) to pair by`);
  }
  for (const [key, stores] of sourceFiles) {
    const file = stores[0]?.databaseFile ?? key;
    const partners = targetFiles.get(key) ?? [];
    if (stores.length > 1) problems.push(`database file ${file} is not unique on ${source.server}: ${stores.map(label).join(', ')}`);
    if (partners.length > 1) problems.push(`database file ${file} is not unique on ${target.server}: ${partners.map(label).join(', ')}`);
    if (partners.length === 0) {
      problems.push(`no store with database file ${file} on ${target.server} for ${stores.map(label).join(', ')} on ${source.server}`);
    }
    const [from] = stores;
    const [to] = partners;
    if (stores.length === 1 && partners.length === 1 && from !== undefined && to !== undefined) claim(from, to, 'file-name', `database file ${file}`);
  }
}
