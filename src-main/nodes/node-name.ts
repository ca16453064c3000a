/**
 * Cluster node names (NetBIOS computer names). A node name becomes part of a UNC path on Windows and a folder name
 * in the lab, so it is checked before either adapter builds a path from it: a name such as `..` or `A/B` must never
 * reach the file system.
 */

/** NetBIOS computer names are at most 15 characters. */
export const MAX_NODE_NAME_LENGTH = 15;

const NODE_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * Returns why `name` is not a usable node name, or undefined when it is. [assumed] letters, digits, `-` and `_`
 * only (the DNS-compatible subset of NetBIOS names that cluster setup accepts), not all digits.
 */
export function nodeNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'The node name is empty.';
  if (name.length > MAX_NODE_NAME_LENGTH) {
    return `The node name '${name}' is ${name.length} characters long; a computer name has at most ${MAX_NODE_NAME_LENGTH}.`;
  }
  if (!NODE_NAME.test(name)) {
    const bad = [...name].find((ch) => !NODE_NAME.test(ch)) ?? '';
    return `The node name '${name}' contains '${bad}'; a computer name has only letters, digits, '-' and '_'.`;
  }
  if (/^[0-9]+$/.test(name)) return `The node name '${name}' is all digits; a computer name needs a letter.`;
  return undefined;
}

/** Computer names are case-insensitive: one spelling for folders, keys and messages. */
export function canonicalNodeName(name: string): string {
  return name.toUpperCase();
}
