import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyOnlineDtclOnNodes, onlineDtclBackupPath, onlineDtclPath } from '../../../src-main/doubletake/online-dtcl-nodes';
import { applyOnlineDtclPatch, OnlineDtclPatchError, planOnlineDtclPatch, verifyOnlineDtclPatch } from '../../../src-main/doubletake/online-dtcl-patch';
import { createLabNodeFiles } from '../../../src-main/lab/nodes/lab-node-files';
import { NodeFilesError, type NodeFiles } from '../../../src-main/nodes/port';

/**
 * The online.dtcl corpus: each variant with the exact bytes the patch must produce, or the exact refusal. Every
 * variant runs twice: through the pure patch, and through applyOnlineDtclOnNodes over the lab's NodeFiles on a temp
 * lab folder (backup beside the file when it changes; no write and no backup otherwise).
 *
 * Decision: a line whose first non-blank character is `#` is a comment and does not count as the MIRROR START line
 * (not for "missing", not for "more than once"); it is kept byte for byte.
 */

const NODE = 'SRC1';
const PATH = onlineDtclPath();
const FILE = `${NODE} ${PATH}`;
const GUIDE_BEFORE = '$mirror = MIRROR START $conid DIFFERENT,CHECKSUM;';
const GUIDE_AFTER = '$mirror = MIRROR START $conid DIFFERENT,CHECKSUM ORPHANS;';
const BEFORE = `    ${GUIDE_BEFORE}`;
const AFTER = `    ${GUIDE_AFTER}`;

type Encoding = 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'utf16be-bom';

/** Text written exactly as given (endings included), in the encoding given, with its byte-order mark. */
function bytes(text: string, encoding: Encoding = 'utf8'): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
}

/** The section the guide quotes, around a given mirror line, every line ended by `eol`. */
function section(mirror: string, eol = '\r\n'): string {
  return ['# online.dtcl', 'if ($exitcode = 0) then', '    WRITE "Starting block checksum mirror";', mirror, 'endif', 'RETURN $exitcode;'].map((l) => l + eol).join('');
}

const NOT_FOUND = `${FILE}: did not find the line '${GUIDE_BEFORE}' (looked for a MIRROR START statement, any spacing or keyword case; lines starting with # are comments and do not count).`;

/** The refusal for a MIRROR START line with other options; `unended` when no `;` ends it. */
function unexpected(line: number, options: string, reads: string, unended = false): string {
  return (
    `${FILE}: line ${line}: the MIRROR START line has options '${options}'${unended ? " and no ';' at the end" : ''}, expected 'DIFFERENT,CHECKSUM' (the guide's line, to patch) ` +
    `or 'DIFFERENT,CHECKSUM ORPHANS' (already patched), then ';'; not patching. The line reads: ${reads}`
  );
}

type Expected =
  | { readonly kind: 'patched'; readonly line: number; readonly bytes: Buffer }
  | { readonly kind: 'already-patched'; readonly line: number }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string };

interface Variant {
  readonly name: string;
  readonly input: Buffer;
  readonly expected: Expected;
}

const CORPUS: readonly Variant[] = [
  {
    name: 'CRLF, as shipped',
    input: bytes(section(BEFORE)),
    expected: { kind: 'patched', line: 4, bytes: bytes(section(AFTER)) },
  },
  {
    name: 'LF only',
    input: bytes(section(BEFORE, '\n')),
    expected: { kind: 'patched', line: 4, bytes: bytes(section(AFTER, '\n')) },
  },
  {
    name: 'mixed endings (CRLF, LF, lone CR) and no final newline',
    input: bytes(`# online.dtcl\r\nif ($exitcode = 0) then\n    WRITE "x";\r${BEFORE}\nendif\r\nRETURN $exitcode;`),
    expected: { kind: 'patched', line: 4, bytes: bytes(`# online.dtcl\r\nif ($exitcode = 0) then\n    WRITE "x";\r${AFTER}\nendif\r\nRETURN $exitcode;`) },
  },
  {
    name: 'mirror line ends in a lone CR',
    input: bytes(`a\r\n${BEFORE}\rb\r\n`),
    expected: { kind: 'patched', line: 2, bytes: bytes(`a\r\n${AFTER}\rb\r\n`) },
  },
  {
    name: 'UTF-8 with byte-order mark and non-ASCII comments',
    input: bytes(`# Réplication – café €\r\n${section(BEFORE)}`, 'utf8-bom'),
    expected: { kind: 'patched', line: 5, bytes: bytes(`# Réplication – café €\r\n${section(AFTER)}`, 'utf8-bom') },
  },
  {
    name: 'UTF-16 LE with byte-order mark ("Unicode" in Notepad)',
    input: bytes(`# é\r\n${section(BEFORE)}`, 'utf16le-bom'),
    expected: { kind: 'patched', line: 5, bytes: bytes(`# é\r\n${section(AFTER)}`, 'utf16le-bom') },
  },
  {
    name: 'UTF-16 BE with byte-order mark',
    input: bytes(section(BEFORE), 'utf16be-bom'),
    expected: { kind: 'patched', line: 4, bytes: bytes(section(AFTER), 'utf16be-bom') },
  },
  {
    name: 'bytes that are not UTF-8 elsewhere in the file',
    input: Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9, 0xff]), Buffer.from(`\r\n${BEFORE}\r\n`)]),
    expected: { kind: 'patched', line: 2, bytes: Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9, 0xff]), Buffer.from(`\r\n${AFTER}\r\n`)]) },
  },
  {
    name: 'tabs between the words',
    input: bytes(section('\t$mirror\t=\tMIRROR\tSTART\t$conid\tDIFFERENT,CHECKSUM;')),
    expected: { kind: 'patched', line: 4, bytes: bytes(section('\t$mirror\t=\tMIRROR\tSTART\t$conid\tDIFFERENT,CHECKSUM ORPHANS;')) },
  },
  {
    name: 'extra spaces around the comma and before the semicolon, trailing spaces',
    input: bytes(section('    $mirror  =  MIRROR  START  $conid  DIFFERENT , CHECKSUM ;  ')),
    expected: { kind: 'patched', line: 4, bytes: bytes(section('    $mirror  =  MIRROR  START  $conid  DIFFERENT , CHECKSUM ORPHANS ;  ')) },
  },
  {
    name: 'lower-case keywords (ORPHANS added in the case CHECKSUM is written in)',
    input: bytes(section('    $mirror = mirror start $conid different,checksum;')),
    expected: { kind: 'patched', line: 4, bytes: bytes(section('    $mirror = mirror start $conid different,checksum orphans;')) },
  },
  {
    name: 'a comment after the semicolon',
    input: bytes(section(`${BEFORE} # block checksum`)),
    expected: { kind: 'patched', line: 4, bytes: bytes(section(`${AFTER} # block checksum`)) },
  },
  {
    name: 'a commented-out copy of the line above the real one (the comment does not count, and is kept)',
    input: bytes(section(`# ${GUIDE_BEFORE}\r\n${BEFORE}`)),
    expected: { kind: 'patched', line: 5, bytes: bytes(section(`# ${GUIDE_BEFORE}\r\n${AFTER}`)) },
  },
  {
    name: 'a commented-out PATCHED copy above the unpatched real one',
    input: bytes(section(`    # ${GUIDE_AFTER}\r\n${BEFORE}`)),
    expected: { kind: 'patched', line: 5, bytes: bytes(section(`    # ${GUIDE_AFTER}\r\n${AFTER}`)) },
  },
  {
    name: 'MIRROR START inside a WRITE string above the real line (only statements count)',
    input: bytes(section(`    WRITE "MIRROR START $conid DIFFERENT,CHECKSUM;";\r\n${BEFORE}`)),
    expected: { kind: 'patched', line: 5, bytes: bytes(section(`    WRITE "MIRROR START $conid DIFFERENT,CHECKSUM;";\r\n${AFTER}`)) },
  },
  {
    name: 'already patched, as the guide writes it',
    input: bytes(section(AFTER)),
    expected: { kind: 'already-patched', line: 4 },
  },
  {
    name: 'already patched in odd case and spacing',
    input: bytes(section('\t$Mirror=mIrRoR   start $conid dIfFeReNt ,\tChecksum \t oRPHANS ;'), 'utf8-bom'),
    expected: { kind: 'already-patched', line: 4 },
  },
  {
    name: 'already patched, UTF-16 LE',
    input: bytes(section(AFTER), 'utf16le-bom'),
    expected: { kind: 'already-patched', line: 4 },
  },
  {
    name: 'the MIRROR START line is missing',
    input: bytes(section('    WRITE "no mirror here";')),
    expected: { kind: 'refused', code: 'not-found', message: NOT_FOUND },
  },
  {
    name: 'only a commented-out MIRROR START line',
    input: bytes(section(`    # ${GUIDE_BEFORE}`)),
    expected: { kind: 'refused', code: 'not-found', message: `${NOT_FOUND}\nLines that mention MIRROR START:\n  line 4: # ${GUIDE_BEFORE}` },
  },
  {
    name: 'an empty file',
    input: Buffer.alloc(0),
    expected: { kind: 'refused', code: 'not-found', message: NOT_FOUND },
  },
  {
    name: 'two MIRROR START lines',
    input: bytes(section(`${BEFORE}\r\n    $again = mirror start $conid different,checksum orphans;`)),
    expected: {
      kind: 'refused',
      code: 'ambiguous',
      message:
        `${FILE}: found 2 MIRROR START lines, expected exactly one ('${GUIDE_BEFORE}'); not patching, as it is not clear which one the resource runs. ` +
        `Edit the file by hand:\n  line 4: ${GUIDE_BEFORE}\n  line 5: $again = mirror start $conid different,checksum orphans;`,
    },
  },
  {
    name: 'two MIRROR START lines, one of them with other options',
    input: bytes(section(`${BEFORE}\r\nMIRROR START $conid FULL;`)),
    expected: {
      kind: 'refused',
      code: 'ambiguous',
      message:
        `${FILE}: found 2 MIRROR START lines, expected exactly one ('${GUIDE_BEFORE}'); not patching, as it is not clear which one the resource runs. ` +
        `Edit the file by hand:\n  line 4: ${GUIDE_BEFORE}\n  line 5: MIRROR START $conid FULL;`,
    },
  },
  ...(
    [
      ['FULL', '$mirror = MIRROR START $conid FULL;', 'FULL'],
      ['DIFFERENT alone', '$mirror = MIRROR START $conid DIFFERENT;', 'DIFFERENT'],
      ['ORPHANS twice', '$mirror = MIRROR START $conid DIFFERENT,CHECKSUM ORPHANS ORPHANS;', 'DIFFERENT,CHECKSUM ORPHANS ORPHANS'],
      ['an extra keyword', '$mirror = MIRROR START $conid DIFFERENT,CHECKSUM ORPHANS COMPRESS;', 'DIFFERENT,CHECKSUM ORPHANS COMPRESS'],
      ['an extra keyword before the patch', '$mirror = MIRROR START $conid DIFFERENT,CHECKSUM  VERIFY ;', 'DIFFERENT,CHECKSUM VERIFY'],
      ['ORPHANS joined by a comma', '$mirror = MIRROR START $conid DIFFERENT,CHECKSUM,ORPHANS;', 'DIFFERENT,CHECKSUM,ORPHANS'],
      ['no options', '$mirror = MIRROR START $conid;', '(none)'],
      ['no semicolon', '$mirror = MIRROR START $conid DIFFERENT,CHECKSUM # note', 'DIFFERENT,CHECKSUM', true],
      ['ORPHANS before CHECKSUM', '$mirror = mirror start $conid different,orphans\tchecksum;', 'different,orphans checksum'],
      ['another statement after it', '$mirror = MIRROR START $conid DIFFERENT,CHECKSUM; WRITE "x";', 'DIFFERENT,CHECKSUM; WRITE "x"'],
    ] satisfies readonly (readonly [string, string, string, boolean?])[]
  ).map(([what, line, options, unended]): Variant => ({
    name: `unexpected options: ${what}`,
    input: bytes(section(`    ${line}`)),
    expected: { kind: 'refused', code: 'unexpected-options', message: unexpected(4, options, line, unended) },
  })),
];

describe('the corpus, pure patch', () => {
  it('holds at least 12 variants, each named once', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(CORPUS.map((v) => v.name)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((v) => [v.name, v] as const))('%s', (_name, { input, expected }) => {
    const plan = planOnlineDtclPatch(input, FILE);
    switch (expected.kind) {
      case 'patched': {
        expect(plan).toMatchObject({ kind: 'change', lineNumber: expected.line });
        const out = applyOnlineDtclPatch(input, FILE);
        expect(out.toString('latin1')).toBe(expected.bytes.toString('latin1'));
        expect(out.equals(expected.bytes)).toBe(true);
        expect(applyOnlineDtclPatch(out, FILE).equals(out)).toBe(true);
        expect(verifyOnlineDtclPatch(out, FILE)).toEqual({ ok: true, lineNumber: expected.line });
        break;
      }
      case 'already-patched':
        expect(plan).toMatchObject({ kind: 'already-patched', lineNumber: expected.line });
        expect(applyOnlineDtclPatch(input, FILE).equals(input)).toBe(true);
        expect(verifyOnlineDtclPatch(input, FILE)).toEqual({ ok: true, lineNumber: expected.line });
        break;
      case 'refused': {
        expect(plan).toMatchObject({ kind: 'error', code: expected.code, message: expected.message });
        let thrown: unknown;
        try {
          applyOnlineDtclPatch(input, FILE);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(OnlineDtclPatchError);
        expect(thrown).toMatchObject({ code: expected.code, message: expected.message });
        expect(verifyOnlineDtclPatch(input, FILE)).toEqual({ ok: false, message: expected.message });
        break;
      }
    }
  });
});

describe('the corpus through the lab NodeFiles', () => {
  let lab: string;
  const WHEN = new Date('2026-11-25T12:30:00.456Z');
  const BACKUP_NAME = 'online.dtcl.2026-11-25T12-30-00Z.bak';
  const folder = () => join(lab, 'nodes', NODE, 'C', 'Program Files', 'DoubleTake');
  const onDisk = () => join(folder(), 'online.dtcl');
  const backups = async () => (await readdir(folder())).filter((name) => name.endsWith('.bak')).sort();

  beforeEach(async () => {
    lab = await mkdtemp(join(tmpdir(), 'online-dtcl-corpus-'));
    await mkdir(dirname(onDisk()), { recursive: true });
  });

  afterEach(async () => {
    await rm(lab, { recursive: true, force: true });
  });

  it('names backups by UTC second, with a counter when the name is taken', () => {
    expect(onlineDtclBackupPath(PATH, WHEN)).toBe(`C:\\Program Files\\DoubleTake\\${BACKUP_NAME}`);
    expect(onlineDtclBackupPath(PATH, WHEN, 2)).toBe('C:\\Program Files\\DoubleTake\\online.dtcl.2026-11-25T12-30-00Z-2.bak');
  });

  it.each(CORPUS.map((v) => [v.name, v] as const))('%s', async (_name, { input, expected }) => {
    await writeFile(onDisk(), input);
    const files = createLabNodeFiles(lab);
    const mtime = (await stat(onDisk())).mtimeMs;
    const [result] = await applyOnlineDtclOnNodes(files, [NODE], { now: () => WHEN });
    const after = await readFile(onDisk());
    switch (expected.kind) {
      case 'patched': {
        expect(result).toMatchObject({ outcome: 'changed', lineNumber: expected.line, backupPath: `C:\\Program Files\\DoubleTake\\${BACKUP_NAME}` });
        expect(after.toString('latin1')).toBe(expected.bytes.toString('latin1'));
        expect(await backups()).toEqual([BACKUP_NAME]);
        expect((await readFile(join(folder(), BACKUP_NAME))).equals(input)).toBe(true);
        // idempotent: a second run writes nothing and makes no second backup
        const [again] = await applyOnlineDtclOnNodes(files, [NODE], { now: () => new Date('2026-11-25T12:31:00Z') });
        expect(again).toMatchObject({ outcome: 'already-patched', lineNumber: expected.line });
        expect((await readFile(onDisk())).equals(expected.bytes)).toBe(true);
        expect(await backups()).toEqual([BACKUP_NAME]);
        break;
      }
      case 'already-patched':
        expect(result).toEqual({ node: NODE, path: PATH, outcome: 'already-patched', lineNumber: expected.line });
        expect(after.equals(input)).toBe(true);
        expect((await stat(onDisk())).mtimeMs).toBe(mtime);
        expect(await backups()).toEqual([]);
        break;
      case 'refused':
        expect(result).toEqual({ node: NODE, path: PATH, outcome: 'failed', reason: expected.code, message: expected.message });
        expect(after.equals(input)).toBe(true);
        expect((await stat(onDisk())).mtimeMs).toBe(mtime);
        expect(await backups()).toEqual([]);
        break;
    }
    expect((await readdir(folder())).filter((name) => !name.endsWith('.bak'))).toEqual(['online.dtcl']);
  });

  it('never overwrites an existing backup: takes the next free name', async () => {
    const input = bytes(section(BEFORE));
    await writeFile(onDisk(), input);
    await writeFile(join(folder(), BACKUP_NAME), 'an older backup');
    await writeFile(join(folder(), 'online.dtcl.2026-11-25T12-30-00Z-2.BAK'), 'another, named in upper case');
    const [result] = await applyOnlineDtclOnNodes(createLabNodeFiles(lab), [NODE], { now: () => WHEN });
    expect(result).toMatchObject({ outcome: 'changed', backupPath: 'C:\\Program Files\\DoubleTake\\online.dtcl.2026-11-25T12-30-00Z-3.bak' });
    expect(await readFile(join(folder(), BACKUP_NAME), 'utf8')).toBe('an older backup');
    expect(await readFile(join(folder(), 'online.dtcl.2026-11-25T12-30-00Z-2.BAK'), 'utf8')).toBe('another, named in upper case');
    expect((await readFile(join(folder(), 'online.dtcl.2026-11-25T12-30-00Z-3.bak'))).equals(input)).toBe(true);
    expect((await readFile(onDisk())).equals(bytes(section(AFTER)))).toBe(true);
  });

  it('does not touch the script when the backup cannot be written', async () => {
    const input = bytes(section(BEFORE));
    await writeFile(onDisk(), input);
    const real = createLabNodeFiles(lab);
    const denied: NodeFiles = {
      ...real,
      writeFile: async (node, path, content) => {
        if (path.endsWith('.bak')) throw new NodeFilesError('access-denied', node, path, `${node} ${path}: Access is denied.`);
        await real.writeFile(node, path, content);
      },
    };
    const [result] = await applyOnlineDtclOnNodes(denied, [NODE], { now: () => WHEN });
    expect(result).toMatchObject({ outcome: 'failed', reason: 'access-denied' });
    expect((await readFile(onDisk())).equals(input)).toBe(true);
  });

  it('gives up rather than overwrite when every backup name is taken', async () => {
    const input = bytes(section(BEFORE));
    await writeFile(onDisk(), input);
    const real = createLabNodeFiles(lab);
    const crowded: NodeFiles = { ...real, exists: async (node, path) => path.endsWith('.bak') || (await real.exists(node, path)) };
    const [result] = await applyOnlineDtclOnNodes(crowded, [NODE], { now: () => WHEN });
    expect(result).toEqual({
      node: NODE,
      path: PATH,
      outcome: 'failed',
      reason: 'backup-failed',
      message: `${NODE} C:\\Program Files\\DoubleTake\\${BACKUP_NAME}: 100 backups with this time stamp already exist; ${PATH} was not changed.`,
    });
    expect((await readFile(onDisk())).equals(input)).toBe(true);
    expect(await backups()).toEqual([]);
  });
});
