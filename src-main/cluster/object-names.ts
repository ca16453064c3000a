/** Cluster object names compare case-insensitively, as Windows compares them; the stored case is kept for display. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Whether a list of names holds the name, compared as Windows does. */
export function includesName(list: readonly string[], name: string): boolean {
  return list.some((n) => sameName(n, name));
}

/** A name the cluster accepts: not empty, no leading or trailing white space, no control characters. */
export function isValidObjectName(name: string): boolean {
  return name.length > 0 && name === name.trim() && !/[\u0000-\u001f]/.test(name);
}
