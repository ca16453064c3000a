import { normalizeWindowsPath, windowsPathKey, WindowsPathError } from '../../nodes/windows-path';
import type { ReplicationRule } from './doubletake-state';

/**
 * Replication set rules and names: the guide (4.4) needs the same rules on both nodes of a cluster, "identical" to
 * the first node's, and the set's name spelled exactly — these helpers say what counts as the same.
 */

/**
 * Why `name` cannot be a replication set name, or undefined. [assumed] any text without control characters or
 * double quotes (a DTCL script could not write it); names are case-sensitive and kept exactly as given.
 */
export function replicationSetNameProblem(name: string): string | undefined {
  if (name.trim().length === 0) return 'the name is empty';
  if (/[\x00-\x1f]/.test(name)) return 'the name contains a control character';
  if (name.includes('"')) return 'the name contains a double quote';
  if (name !== name.trim()) return 'the name starts or ends with a space';
  return undefined;
}

/** A rule with its path in the canonical spelling; throws WindowsPathError for a bad path. */
export function normalizeRule(rule: ReplicationRule): ReplicationRule {
  return { path: normalizeWindowsPath(rule.path), mode: rule.mode, recursive: rule.recursive };
}

/** Returns rules with `rule` added, replacing an existing rule for the same path (paths compare case-insensitively). */
export function withRule(rules: readonly ReplicationRule[], rule: ReplicationRule): ReplicationRule[] {
  const normalized = normalizeRule(rule);
  const key = windowsPathKey(normalized.path);
  const index = rules.findIndex((existing) => windowsPathKey(existing.path) === key);
  if (index < 0) return [...rules, normalized];
  return rules.map((existing, i) => (i === index ? normalized : existing));
}

/** Returns rules without the rule for `path`, or undefined when there is none. */
export function withoutRule(rules: readonly ReplicationRule[], path: string): ReplicationRule[] | undefined {
  const key = windowsPathKey(path);
  const kept = rules.filter((existing) => windowsPathKey(existing.path) !== key);
  return kept.length === rules.length ? undefined : kept;
}

/** Same rules in the same order with the same paths: what "unsaved changes" compares. */
export function sameRules(a: readonly ReplicationRule[], b: readonly ReplicationRule[]): boolean {
  return a.length === b.length && a.every((rule, i) => {
    const other = b[i];
    return other !== undefined && other.path === rule.path && other.mode === rule.mode && other.recursive === rule.recursive;
  });
}

/** The reason a rule's path is refused, as text, or undefined when it is a valid path. */
export function rulePathProblem(path: string): string | undefined {
  try {
    normalizeWindowsPath(path);
    return undefined;
  } catch (error) {
    if (error instanceof WindowsPathError) return error.message;
    throw error;
  }
}
