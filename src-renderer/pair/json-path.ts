/**
 * The pair document travels as JSON data; the renderer edits it by field path, immutably. Paths are written the way
 * the main process names a problem's field (`source.physicalDisks[0].drive`), so a problem lands next to its field.
 */

export type PathKey = string | number;
export type FieldPath = readonly PathKey[];

/** `['source', 'physicalDisks', 0, 'drive']` → `source.physicalDisks[0].drive` (the main process's form). */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at `path`, or undefined when any step of the way is missing. */
export function getAt(document: unknown, path: FieldPath): unknown {
  let here: unknown = document;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(here)) return undefined;
      here = here[key];
    } else {
      if (!isRecord(here) || !Object.prototype.hasOwnProperty.call(here, key)) return undefined;
      here = here[key];
    }
  }
  return here;
}

/** A copy of `document` with `value` at `path`; missing objects and lists on the way are created. */
export function setAt(document: unknown, path: FieldPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [PathKey, ...PathKey[]];
  if (typeof key === 'number') {
    const list = Array.isArray(document) ? [...(document as unknown[])] : [];
    while (list.length < key) list.push(undefined);
    list[key] = setAt(list[key], rest, value);
    return list;
  }
  const object: Record<string, unknown> = isRecord(document) ? { ...document } : {};
  Object.defineProperty(object, key, { value: setAt(object[key], rest, value), enumerable: true, writable: true, configurable: true });
  return object;
}

/** A copy of `document` with the list at `path` (created when missing) changed by `change`. */
export function updateListAt(document: unknown, path: FieldPath, change: (list: readonly unknown[]) => unknown[]): unknown {
  const list = getAt(document, path);
  return setAt(document, path, change(Array.isArray(list) ? list : []));
}

/** The length of the list at `path` (0 when it is not a list). */
export function listLengthAt(document: unknown, path: FieldPath): number {
  const list = getAt(document, path);
  return Array.isArray(list) ? list.length : 0;
}
