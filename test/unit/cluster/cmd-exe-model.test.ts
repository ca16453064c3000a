import { describe, expect, it } from 'vitest';
import { conhostPasteFilter, expandPercents, programToken, runPastedLine, splitCommands } from '../../helpers/cmd-exe-model';

/** The model of an interactive cmd.exe (test/helpers/cmd-exe-model.ts) against the behaviour its sources describe. */
describe('cmd.exe model: percent expansion on an interactive line (phase 1)', () => {
  const variables = { b: 'a', PATH: 'C:\\W' };

  it('expands a defined variable, in any letter case, even inside quotes', () => {
    expect(expandPercents('echo %PATH% "%path%"', variables)).toBe('echo C:\\W "C:\\W"');
  });

  it('keeps an undefined reference and resumes at its closing percent (Stack Overflow 4094699: %a %b% c% gives %a a c%)', () => {
    expect(expandPercents('%a %b% c%', variables)).toBe('%a a c%');
    expect(expandPercents('%UNDEFINED%', variables)).toBe('%UNDEFINED%');
    expect(expandPercents('50%', variables)).toBe('50%');
    expect(expandPercents('%%PATH%%', variables)).toBe('%C:\\W%');
  });

  it('applies substring and substitution modifiers of a defined variable', () => {
    expect(expandPercents('%PATH:~1%', variables)).toBe(':\\W');
    expect(expandPercents('%PATH:W=X%', variables)).toBe('C:\\X');
  });

  it('leaves carets alone, so a caret before the closing percent does not stop a modifier', () => {
    // Why the renderer puts its caret after each percent, not before: %PATH:~0^% still expands.
    expect(expandPercents('^%PATH^%', variables)).toBe('^%PATH^%');
    expect(expandPercents('^%PATH:~0^%', variables)).toBe('^C:\\W');
    expect(expandPercents('%^PATH:~0%', variables)).toBe('%^PATH:~0%');
  });
});

describe('cmd.exe model: special characters (phase 2)', () => {
  it('splits at unquoted &, &&, ||, | and keeps them inside quotes', () => {
    expect(splitCommands('a & b && c || d | e').separators).toEqual(['&', '&&', '||', '|']);
    expect(splitCommands('prog "a & b | c"').commands).toEqual([{ text: 'prog "a & b | c"', redirections: [] }]);
  });

  it('toggles quoting on every double quote, whatever backslash comes before it', () => {
    const s = splitCommands('prog "X\\" & calc.exe & rem \\""');
    expect(s.commands.map((c) => c.text)).toEqual(['prog "X\\" ', ' calc.exe ', ' rem \\""']);
  });

  it('takes the character after a caret literally outside quotes, and the caret literally inside them', () => {
    expect(splitCommands('prog ^& ^" ^^ ^% ^(x^)').commands).toEqual([{ text: 'prog & " ^ % (x)', redirections: [] }]);
    expect(splitCommands('prog "^&"').commands).toEqual([{ text: 'prog "^&"', redirections: [] }]);
    // An escaped quote does not open quoting, so the & after it still separates.
    expect(splitCommands('prog ^"a & b').commands).toHaveLength(2);
  });

  it('takes redirections out of the command, with handles and appends', () => {
    expect(splitCommands('prog a >out.txt 2>&1 <in.txt').commands).toEqual([{ text: 'prog a   ', redirections: ['>out.txt', '2>&1', '<in.txt'] }]);
    expect(splitCommands('prog a>>"x y"').commands[0]?.redirections).toEqual(['>>"x y"']);
  });

  it('marks block syntax and a continuation caret', () => {
    expect(splitCommands('prog (x)').blockSyntax).toBe(true);
    expect(splitCommands('prog "(x)"').blockSyntax).toBe(false);
    expect(splitCommands('prog x ^').continues).toBe(true);
  });

  it('reads the program as the first token, up to a delimiter', () => {
    expect(programToken('cluster SRCCLUS res')).toBe('cluster');
    expect(programToken('"C:\\Program Files\\x.exe" a')).toBe('C:\\Program Files\\x.exe');
    expect(programToken('cluster;x')).toBe('cluster');
  });
});

describe('cmd.exe model: a pasted line', () => {
  it('runs one program with the argv CommandLineToArgvW gives', () => {
    expect(runPastedLine('cluster SRCCLUS res "Exchange IP" /online')).toEqual({
      kind: 'one-command',
      program: 'cluster',
      argv: ['cluster', 'SRCCLUS', 'res', 'Exchange IP', '/online'],
    });
    expect(runPastedLine('cluster ^"a ^& b^"')).toEqual({ kind: 'one-command', program: 'cluster', argv: ['cluster', 'a & b'] });
  });

  it('reports what is not one command', () => {
    expect(runPastedLine('cluster "X\\" & calc.exe & rem \\""')).toMatchObject({ kind: 'not-one-command', reason: expect.stringMatching(/3 commands/) });
    expect(runPastedLine('cluster x > y')).toMatchObject({ kind: 'not-one-command', reason: expect.stringMatching(/redirection/) });
    expect(runPastedLine('cluster a\nb')).toMatchObject({ kind: 'not-one-command' });
    expect(runPastedLine('cluster (a)')).toMatchObject({ kind: 'not-one-command' });
    expect(runPastedLine('cluster a ^')).toMatchObject({ kind: 'not-one-command' });
  });

  it('applies the console paste filter only when asked', () => {
    expect(conhostPasteFilter('a\tb\u00a0c\u201cd\u201de\u2013f\u2014g')).toBe('ab c"d"e-f-g');
    expect(runPastedLine('cluster "x\u201d & calc')).toMatchObject({ kind: 'one-command' });
    expect(runPastedLine('cluster "x\u201d & calc', { pasteFilter: true })).toMatchObject({ kind: 'not-one-command' });
  });
});
