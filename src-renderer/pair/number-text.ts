/**
 * The text of a number field and the document's value. The form sends a number when the text is one (the main
 * process then says when it is out of range or not whole) and the text itself otherwise, so that the main process's
 * check names the field; an empty field leaves the value out when the field has a default.
 */

/** The number a decimal text stands for (`5`, ` 12 `, `1.5`, `-1`), or undefined (empty, `5s`, `0x10`, `1e3`). */
export function parseNumberText(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The document's value for a typed text: the number, nothing (undefined) for an empty text when the field has a
 * default, else the text as it is.
 */
export function numberFieldValue(text: string, hasDefault: boolean): number | string | undefined {
  const value = parseNumberText(text);
  if (value !== undefined) return value;
  if (text.trim() === '' && hasDefault) return undefined;
  return text;
}

/** The text a number field shows for the document's value: the number, a text as it is, nothing for no value. */
export function numberFieldText(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return '';
}
