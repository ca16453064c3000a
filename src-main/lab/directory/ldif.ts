/**
 * LDIF (RFC 2849) content records: the lab directory's file format, and what slapadd loads in the tests, so the
 * lab's `directory.ldif` can be fed to a real OpenLDAP server unchanged.
 *
 * Writing: values that are not SAFE-STRINGs (non-ASCII, a leading space, colon or `<`, a trailing space, control
 * characters) and all binary values are base64 (`attr:: ...`); lines longer than 76 characters are folded.
 * Reading: folded lines, comments, `version: 1`, base64 values, CRLF or LF. URL values (`attr:< ...`) and change
 * records other than `changetype: add` are refused.
 */
import { isBinaryAttribute } from '../../directory/binary-attributes';

/** One attribute value of a record; repeated names hold several values. */
export interface LdifAttribute {
  readonly name: string;
  readonly value: string | Buffer;
}

/** One entry: its DN and its attribute values in file order. */
export interface LdifRecord {
  readonly dn: string;
  readonly attributes: readonly LdifAttribute[];
  /** Comment lines written just before the record (without `# `). The reader drops comments. */
  readonly comments?: readonly string[];
}

export interface WriteLdifOptions {
  /** Comment lines at the top of the file. */
  readonly headerComments?: readonly string[];
  /**
   * Write `version: 1` first (default false: slapadd 2.5 refuses a version line, and slapcat writes none; the
   * reader accepts both).
   */
  readonly version?: boolean;
}

export interface ReadLdifOptions {
  /** Which attributes hold bytes (returned as Buffer); default: the declared binary attributes. */
  readonly isBinary?: (attribute: string) => boolean;
}

/** An LDIF text this reader cannot accept, with the line number where it went wrong. */
export class LdifSyntaxError extends Error {
  override readonly name = 'LdifSyntaxError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`LDIF line ${line}: ${message}`);
  }
}

const LINE_LENGTH = 76;

function isSafeString(value: string): boolean {
  if (value.length === 0) return true;
  const first = value.charCodeAt(0);
  if (first === 0x20 || first === 0x3a || first === 0x3c) return false; // space, colon, less-than
  if (value.charCodeAt(value.length - 1) === 0x20) return false;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code === 0 || code === 0x0a || code === 0x0d || code > 0x7f) return false;
  }
  return true;
}

function fold(line: string): string {
  if (line.length <= LINE_LENGTH) return line;
  const chars = Array.from(line);
  if (chars.length <= LINE_LENGTH) return line;
  const parts = [chars.slice(0, LINE_LENGTH).join('')];
  for (let i = LINE_LENGTH; i < chars.length; i += LINE_LENGTH - 1) {
    parts.push(` ${chars.slice(i, i + LINE_LENGTH - 1).join('')}`);
  }
  return parts.join('\n');
}

function valueLine(name: string, value: string | Buffer): string {
  if (Buffer.isBuffer(value)) return fold(`${name}:: ${value.toString('base64')}`);
  if (isSafeString(value)) return fold(value.length === 0 ? `${name}:` : `${name}: ${value}`);
  return fold(`${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`);
}

function commentLines(comments: readonly string[]): string[] {
  return comments.flatMap((comment) => comment.split(/\r?\n/)).map((line) => fold(line === '' ? '#' : `# ${line}`));
}

/** The LDIF text in chunks of about one record each, so a large directory can be written without one huge string. */
export function* ldifChunks(records: Iterable<LdifRecord>, options: WriteLdifOptions = {}): Generator<string> {
  // `version: 1` is followed directly by the first record (slapadd reads a blank line after it as an empty entry).
  const head: string[] = [...commentLines(options.headerComments ?? [])];
  if (options.version === true) head.push('version: 1');
  let first = true;
  for (const record of records) {
    const lines = [...commentLines(record.comments ?? []), valueLine('dn', record.dn)];
    for (const attribute of record.attributes) lines.push(valueLine(attribute.name, attribute.value));
    yield `${first ? head.map((line) => `${line}\n`).join('') : '\n'}${lines.join('\n')}\n`;
    first = false;
  }
  if (first && head.length > 0) yield `${head.join('\n')}\n`;
}

/** Writes records as one LDIF text. */
export function writeLdif(records: Iterable<LdifRecord>, options: WriteLdifOptions = {}): string {
  return Array.from(ldifChunks(records, options)).join('');
}

interface LogicalLine {
  readonly text: string;
  readonly line: number;
}

function unfold(text: string): LogicalLine[][] {
  const physical = text.split(/\r?\n/);
  const logical: LogicalLine[] = [];
  physical.forEach((raw, index) => {
    const previous = logical[logical.length - 1];
    if (raw.startsWith(' ') && previous !== undefined && previous.text !== '') {
      logical[logical.length - 1] = { text: previous.text + raw.slice(1), line: previous.line };
    } else {
      logical.push({ text: raw, line: index + 1 });
    }
  });
  const blocks: LogicalLine[][] = [];
  let block: LogicalLine[] = [];
  for (const line of logical) {
    if (line.text.trim() === '') {
      if (block.length > 0) blocks.push(block);
      block = [];
    } else if (!line.text.startsWith('#')) {
      block.push(line);
    }
  }
  if (block.length > 0) blocks.push(block);
  return blocks;
}

const ATTRIBUTE_LINE = /^([A-Za-z0-9][A-Za-z0-9.;-]*):(:|<)?[ ]*(.*)$/s;

function parseLine(line: LogicalLine): { name: string; kind: 'text' | 'base64'; value: string } {
  const match = ATTRIBUTE_LINE.exec(line.text);
  if (match === null) throw new LdifSyntaxError(line.line, `not an attribute line: ${JSON.stringify(line.text.slice(0, 40))}`);
  const [, name = '', marker, value = ''] = match;
  if (marker === '<') throw new LdifSyntaxError(line.line, 'URL values (attr:< url) are not supported');
  if (marker === ':') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value.trim())) throw new LdifSyntaxError(line.line, 'bad base64 value');
    return { name, kind: 'base64', value: value.trim() };
  }
  return { name, kind: 'text', value };
}

/** Reads LDIF content records. Throws LdifSyntaxError on text it cannot accept. */
export function parseLdif(text: string, options: ReadLdifOptions = {}): LdifRecord[] {
  const isBinary = options.isBinary ?? isBinaryAttribute;
  const records: LdifRecord[] = [];
  const blocks = unfold(text.startsWith('\ufeff') ? text.slice(1) : text);
  blocks.forEach((block, blockIndex) => {
    let lines = block;
    const firstLine = lines[0];
    if (blockIndex === 0 && firstLine !== undefined && /^version:/i.test(firstLine.text)) {
      if (!/^version:\s*1\s*$/i.test(firstLine.text)) throw new LdifSyntaxError(firstLine.line, 'only LDIF version 1 is supported');
      lines = lines.slice(1);
      if (lines.length === 0) return;
    }
    const [dnLine, ...rest] = lines;
    if (dnLine === undefined) return;
    const dnParsed = parseLine(dnLine);
    if (dnParsed.name.toLowerCase() !== 'dn') throw new LdifSyntaxError(dnLine.line, 'a record must start with dn:');
    const dn = dnParsed.kind === 'base64' ? Buffer.from(dnParsed.value, 'base64').toString('utf8') : dnParsed.value;
    const attributes: LdifAttribute[] = [];
    for (const line of rest) {
      const parsed = parseLine(line);
      if (parsed.name.toLowerCase() === 'changetype') {
        if (parsed.value.trim().toLowerCase() !== 'add') {
          throw new LdifSyntaxError(line.line, `change records (changetype: ${parsed.value.trim()}) are not supported`);
        }
        continue;
      }
      if (parsed.name.toLowerCase() === 'control') throw new LdifSyntaxError(line.line, 'controls are not supported');
      const bytes = parsed.kind === 'base64' ? Buffer.from(parsed.value, 'base64') : undefined;
      const binary = isBinary(parsed.name.split(';')[0] ?? parsed.name);
      let value: string | Buffer;
      if (binary) value = bytes ?? Buffer.from(parsed.value, 'utf8');
      else value = bytes === undefined ? parsed.value : bytes.toString('utf8');
      attributes.push({ name: parsed.name, value });
    }
    records.push({ dn, attributes });
  });
  return records;
}
