import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyOnlineDtclPatch,
  MIRROR_LINE_AFTER,
  MIRROR_LINE_BEFORE,
  onlineDtclPatch,
  OnlineDtclPatchError,
  planOnlineDtclPatch,
  previewOnlineDtclPatch,
  verifyOnlineDtclPatch,
} from '../../../src-main/doubletake/online-dtcl-patch';
import { readTextUnits, splitLines } from '../../../src-main/doubletake/text-file-bytes';
import { GUIDE_MIRROR_LINE, shippedOnlineDtcl } from '../../../src-main/lab/nodes/shipped-dtcl-scripts';

const FILE = 'SRC1 C:\\Program Files\\DoubleTake\\online.dtcl';
const crlf = (...lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');

describe('the shipped online.dtcl', () => {
  it('plans the guide edit on the line the guide quotes', () => {
    const shipped = shippedOnlineDtcl();
    const lineNumber = shipped.toString('utf8').split('\r\n').indexOf(GUIDE_MIRROR_LINE.before) + 1;
    expect(lineNumber).toBeGreaterThan(1);
    expect(planOnlineDtclPatch(shipped, FILE)).toEqual({
      kind: 'change',
      file: FILE,
      lineNumber,
      before: GUIDE_MIRROR_LINE.before,
      after: GUIDE_MIRROR_LINE.after,
    });
    expect(GUIDE_MIRROR_LINE.after.trim()).toBe(MIRROR_LINE_AFTER);
    expect(GUIDE_MIRROR_LINE.before.trim()).toBe(MIRROR_LINE_BEFORE);
  });

  it('applies it, changing only that line', () => {
    const shipped = shippedOnlineDtcl();
    const patched = applyOnlineDtclPatch(shipped, FILE);
    expect(patched.toString('utf8')).toBe(shipped.toString('utf8').replace(GUIDE_MIRROR_LINE.before, GUIDE_MIRROR_LINE.after));
    expect(verifyOnlineDtclPatch(patched, FILE)).toMatchObject({ ok: true });
    expect(verifyOnlineDtclPatch(shipped, FILE)).toEqual({
      ok: false,
      message: expect.stringContaining("still reads '$mirror = MIRROR START $conid DIFFERENT,CHECKSUM;'"),
    });
  });

  it('previews a unified diff with context', () => {
    const preview = previewOnlineDtclPatch(shippedOnlineDtcl(), FILE);
    const lines = preview.split('\n');
    expect(lines[0]).toBe(`--- ${FILE}`);
    expect(lines[1]).toBe(`+++ ${FILE} (patched)`);
    expect(lines[2]).toMatch(/^@@ -\d+,7 \+\d+,7 @@$/);
    expect(lines).toContain(`-${GUIDE_MIRROR_LINE.before}`);
    expect(lines).toContain(`+${GUIDE_MIRROR_LINE.after}`);
    expect(lines).toContain('     WRITE "Starting block checksum mirror";');
    expect(lines.indexOf(`+${GUIDE_MIRROR_LINE.after}`)).toBe(lines.indexOf(`-${GUIDE_MIRROR_LINE.before}`) + 1);
  });

  it('offers the four verbs together', () => {
    const patched = onlineDtclPatch.apply(shippedOnlineDtcl());
    expect(onlineDtclPatch.plan(patched).kind).toBe('already-patched');
    expect(onlineDtclPatch.preview(patched)).toMatch(/already patched at line \d+; nothing to change/);
    expect(onlineDtclPatch.verify(patched).ok).toBe(true);
  });
});

describe('matching', () => {
  it('says what it looked for and in which file when the line is missing', () => {
    const content = crlf('# online.dtcl', '# $mirror = MIRROR START $conid DIFFERENT,CHECKSUM;', 'WRITE "done";');
    const plan = planOnlineDtclPatch(content, FILE);
    expect(plan).toMatchObject({ kind: 'error', code: 'not-found' });
    if (plan.kind !== 'error') throw new Error('expected an error');
    expect(plan.message).toContain(FILE);
    expect(plan.message).toContain(MIRROR_LINE_BEFORE);
    expect(plan.message).toContain('line 2: # $mirror = MIRROR START $conid DIFFERENT,CHECKSUM;');
    expect(() => applyOnlineDtclPatch(content, FILE)).toThrow(OnlineDtclPatchError);
    expect(verifyOnlineDtclPatch(content, FILE)).toMatchObject({ ok: false, message: expect.stringContaining('did not find') });
  });

  it('refuses a MIRROR START line with options the guide does not describe, naming file, line and what it expected', () => {
    const content = crlf('# online.dtcl', '$mirror = MIRROR START $conid FULL;');
    const plan = planOnlineDtclPatch(content, FILE);
    expect(plan).toMatchObject({ kind: 'error', code: 'unexpected-options', candidates: [2] });
    if (plan.kind !== 'error') throw new Error('expected an error');
    expect(plan.message).toContain(`${FILE}: line 2:`);
    expect(plan.message).toContain("options 'FULL'");
    expect(plan.message).toContain("expected 'DIFFERENT,CHECKSUM'");
    expect(() => applyOnlineDtclPatch(content, FILE)).toThrow(OnlineDtclPatchError);
    expect(verifyOnlineDtclPatch(content, FILE)).toMatchObject({ ok: false, message: plan.message });
  });

  it('ignores a commented-out mirror line', () => {
    const content = crlf('# $mirror = MIRROR START $conid DIFFERENT,CHECKSUM;', '    $mirror = MIRROR START $conid DIFFERENT,CHECKSUM;');
    expect(planOnlineDtclPatch(content)).toMatchObject({ kind: 'change', lineNumber: 2 });
  });

  it('refuses two candidate lines, naming both', () => {
    const content = crlf('$mirror = MIRROR START $conid DIFFERENT,CHECKSUM;', 'x', '$m2 = mirror start $c2 different , checksum orphans ;');
    const plan = planOnlineDtclPatch(content, FILE);
    expect(plan).toMatchObject({ kind: 'error', code: 'ambiguous', candidates: [1, 3] });
    if (plan.kind !== 'error') throw new Error('expected an error');
    expect(plan.message).toContain('line 1:');
    expect(plan.message).toContain('line 3:');
    expect(plan.message).toContain(FILE);
    try {
      applyOnlineDtclPatch(content, FILE);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(OnlineDtclPatchError);
      expect((error as OnlineDtclPatchError).code).toBe('ambiguous');
    }
  });

  it.each([
    ['$mirror = mirror start $conid different,checksum;', '$mirror = mirror start $conid different,checksum orphans;'],
    ['\t$mirror=MIRROR  START\t$conid DIFFERENT , CHECKSUM ;', '\t$mirror=MIRROR  START\t$conid DIFFERENT , CHECKSUM ORPHANS ;'],
    ['MIRROR START 1 Different,Checksum; # start it', 'MIRROR START 1 Different,Checksum Orphans; # start it'],
  ])('patches %j keeping its spacing and case', (before, after) => {
    expect(applyOnlineDtclPatch(Buffer.from(`${before}\n`)).toString()).toBe(`${after}\n`);
  });

  it('keeps bytes that are not UTF-8 exactly as they were', () => {
    const content = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\r\n$mirror = MIRROR START $conid DIFFERENT,CHECKSUM;\r\n')]);
    const patched = applyOnlineDtclPatch(content);
    expect(patched.subarray(0, 7)).toEqual(content.subarray(0, 7));
    expect(patched.length).toBe(content.length + ' ORPHANS'.length);
  });

  it('patches UTF-16 files in their own encoding, big- or little-endian', () => {
    const body = Buffer.from('# é\r\n$mirror = MIRROR START $conid DIFFERENT,CHECKSUM;\r\n', 'utf16le');
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), body]);
    const big = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(body).swap16()]);
    for (const content of [little, big]) {
      const patched = applyOnlineDtclPatch(content);
      expect(patched.subarray(0, 2)).toEqual(content.subarray(0, 2));
      expect(readTextUnits(patched).units).toBe('# é\r\n$mirror = MIRROR START $conid DIFFERENT,CHECKSUM ORPHANS;\r\n');
    }
  });

  it('reports a broken UTF-16 file as unreadable', () => {
    expect(planOnlineDtclPatch(Buffer.from([0xff, 0xfe, 0x41]), FILE)).toMatchObject({ kind: 'error', code: 'unreadable' });
  });
});

/** A line that is not a mirror statement, built from pieces that look like DTCL. */
const otherLine = fc
  .array(fc.constantFrom('$mirror', ' = ', 'MIRROR', ' START ', '$conid', 'DIFFERENT', ',', 'CHECKSUM', ';', '#', 'é', '€', '\t', ' ', 'WRITE "x"', 'if', 'endif', 'a'), { maxLength: 8 })
  .map((parts) => parts.join(''))
  .filter((line) => {
    const plan = planOnlineDtclPatch(Buffer.from(line, 'utf8'));
    return plan.kind === 'error' && plan.code === 'not-found';
  });

const gap = fc.constantFrom(' ', '  ', '\t', ' \t');
const optionalGap = fc.constantFrom('', ' ', '\t');
const anyCase = (word: string) => fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((upper) =>
  [...word].map((ch, i) => (upper[i] === true ? ch.toUpperCase() : ch.toLowerCase())).join(''));

/** An unpatched mirror statement with random indentation, spacing and keyword case. */
const mirrorLine = fc
  .record({
    indent: fc.constantFrom('', '    ', '\t', '  \t'),
    assign: fc.constantFrom('', '$mirror = ', '$mirror=', '$Result\t=  '),
    mirror: anyCase('mirror'),
    start: anyCase('start'),
    different: anyCase('different'),
    checksum: anyCase('checksum'),
    g1: gap,
    g2: gap,
    g3: gap,
    c1: optionalGap,
    c2: optionalGap,
    semi: optionalGap,
    comment: fc.constantFrom('', ' # mirror', '\t#'),
  })
  .map((p) => `${p.indent}${p.assign}${p.mirror}${p.g1}${p.start}${p.g2}$conid${p.g3}${p.different}${p.c1},${p.c2}${p.checksum}${p.semi};${p.comment}`);

const endings = fc.constantFrom<readonly string[]>(['\r\n'], ['\n'], ['\r\n', '\n']);
const bom = fc.constantFrom('none', 'utf8', 'utf16le');

function encode(text: string, kind: string): Buffer {
  if (kind === 'utf8') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  if (kind === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return Buffer.from(text, 'utf8');
}

const script = fc
  .record({
    before: fc.array(otherLine, { maxLength: 8 }),
    mirror: mirrorLine,
    after: fc.array(otherLine, { maxLength: 8 }),
    endings,
    pick: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
    finalEnding: fc.boolean(),
    bom,
  })
  .map((s) => {
    const lines = [...s.before, s.mirror, ...s.after];
    const text = lines
      .map((line, i) => {
        const last = i === lines.length - 1;
        const ending = s.endings[(s.pick[i] ?? 0) % s.endings.length] ?? '\n';
        return line + (last && !s.finalEnding ? '' : ending);
      })
      .join('');
    return { text, bom: s.bom, lineNumber: s.before.length + 1, mirror: s.mirror };
  });

describe('properties', () => {
  it('changes only the mirror line, inserting ORPHANS after CHECKSUM', () => {
    fc.assert(
      fc.property(script, ({ text, bom: kind, lineNumber, mirror }) => {
        const content = encode(text, kind);
        const plan = planOnlineDtclPatch(content);
        expect(plan).toMatchObject({ kind: 'change', lineNumber, before: mirror });
        const patched = applyOnlineDtclPatch(content);
        const before = splitLines(readTextUnits(content).units);
        const after = splitLines(readTextUnits(patched).units);
        expect(after.map((l) => l.ending)).toEqual(before.map((l) => l.ending));
        after.forEach((line, i) => {
          if (i === lineNumber - 1) {
            expect(line.text).toMatch(/checksum[ \t]+orphans/i);
            expect(line.text.replace(/([Cc][Hh][Ee][Cc][Kk][Ss][Uu][Mm]) (orphans|ORPHANS|Orphans)/, '$1')).toBe(before[i]?.text);
          } else {
            expect(line).toEqual(before[i]);
          }
        });
        const expectedBom = kind === 'utf8' ? [0xef, 0xbb, 0xbf] : kind === 'utf16le' ? [0xff, 0xfe] : [];
        expect([...patched.subarray(0, expectedBom.length)]).toEqual(expectedBom);
        expect(readTextUnits(patched).encoding).toBe(readTextUnits(content).encoding);
        expect(patched.length - content.length).toBe(kind === 'utf16le' ? 16 : 8);
      }),
    );
  });

  it('is idempotent: patching twice is patching once, and the result verifies', () => {
    fc.assert(
      fc.property(script, ({ text, bom: kind }) => {
        const once = applyOnlineDtclPatch(encode(text, kind));
        const twice = applyOnlineDtclPatch(once);
        expect(twice.equals(once)).toBe(true);
        expect(planOnlineDtclPatch(once).kind).toBe('already-patched');
        expect(verifyOnlineDtclPatch(once).ok).toBe(true);
      }),
    );
  });

  it('refuses when a second mirror statement appears anywhere', () => {
    fc.assert(
      fc.property(script, mirrorLine, fc.nat(), ({ text, bom: kind }, second, at) => {
        const lines = text.split('\n');
        lines.splice(at % (lines.length + 1), 0, second);
        const plan = planOnlineDtclPatch(encode(lines.join('\n'), kind));
        expect(plan).toMatchObject({ kind: 'error', code: 'ambiguous' });
      }),
    );
  });
});
