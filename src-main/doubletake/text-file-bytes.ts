import { assertNever } from '../shared/assert-never';

/**
 * A text file's bytes as editable text that writes back byte for byte: Windows tools save scripts as UTF-8 with or
 * without a byte-order mark, or as UTF-16 ("Unicode" in Notepad), and an edit of one line must not re-encode,
 * normalise or lose anything else in the file.
 */

export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'utf16be-bom';

/**
 * The file's content after its byte-order mark, one string character per code unit: for UTF-8 each byte is one
 * character (latin1), so any bytes — even invalid UTF-8 — come back unchanged; ASCII reads as itself either way.
 */
export interface TextUnits {
  readonly encoding: TextEncoding;
  readonly units: string;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);
const UTF16BE_BOM = Buffer.from([0xfe, 0xff]);

/** Splits bytes into encoding and code units; throws when a UTF-16 file has an odd number of bytes. */
export function readTextUnits(content: Uint8Array): TextUnits {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  if (startsWith(bytes, UTF8_BOM)) return { encoding: 'utf8-bom', units: bytes.subarray(3).toString('latin1') };
  if (startsWith(bytes, UTF16LE_BOM) || startsWith(bytes, UTF16BE_BOM)) {
    const body = Buffer.from(bytes.subarray(2));
    if (body.length % 2 !== 0) throw new Error('The file starts with a UTF-16 byte-order mark but has an odd number of bytes.');
    const littleEndian = startsWith(bytes, UTF16LE_BOM);
    if (!littleEndian) body.swap16();
    return { encoding: littleEndian ? 'utf16le-bom' : 'utf16be-bom', units: body.toString('utf16le') };
  }
  return { encoding: 'utf8', units: bytes.toString('latin1') };
}

/** The inverse of readTextUnits: same encoding, same byte-order mark. */
export function writeTextUnits(text: TextUnits): Buffer {
  switch (text.encoding) {
    case 'utf8':
      return Buffer.from(text.units, 'latin1');
    case 'utf8-bom':
      return Buffer.concat([UTF8_BOM, Buffer.from(text.units, 'latin1')]);
    case 'utf16le-bom':
      return Buffer.concat([UTF16LE_BOM, Buffer.from(text.units, 'utf16le')]);
    case 'utf16be-bom':
      return Buffer.concat([UTF16BE_BOM, Buffer.from(text.units, 'utf16le').swap16()]);
    default:
      return assertNever(text.encoding, 'text encoding');
  }
}

/** Code units as a person should read them (UTF-8 bytes decoded). */
export function unitsForDisplay(encoding: TextEncoding, units: string): string {
  return encoding === 'utf8' || encoding === 'utf8-bom' ? Buffer.from(units, 'latin1').toString('utf8') : units;
}

/** One line and the ending that followed it (`''` for a last line without one). */
export interface TextLine {
  readonly text: string;
  readonly ending: '\r\n' | '\n' | '\r' | '';
}

/** Splits on CRLF, LF or a lone CR, keeping each line's own ending so joining gives back the same text. */
export function splitLines(units: string): TextLine[] {
  const lines: TextLine[] = [];
  const pattern = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = pattern.exec(units); match !== null; match = pattern.exec(units)) {
    lines.push({ text: units.slice(start, match.index), ending: match[0] as TextLine['ending'] });
    start = match.index + match[0].length;
  }
  if (start < units.length || lines.length === 0) lines.push({ text: units.slice(start), ending: '' });
  return lines;
}

/** Joins lines with their own endings. */
export function joinLines(lines: readonly TextLine[]): string {
  return lines.map((line) => line.text + line.ending).join('');
}

function startsWith(bytes: Buffer, prefix: Buffer): boolean {
  return bytes.length >= prefix.length && bytes.subarray(0, prefix.length).equals(prefix);
}
