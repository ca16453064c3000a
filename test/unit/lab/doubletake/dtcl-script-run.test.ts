import { describe, expect, it } from 'vitest';
import { DTCL_EXIT } from '../../../../src-main/doubletake/dtcl-output';
import { DoubleTakeLab } from '../../../../src-main/lab/doubletake/doubletake-lab';
import { DtclScriptError, runDtclScript, type DtclScriptOutcome } from '../../../../src-main/lab/doubletake/dtcl-script-run';
import { GUIDE_MIRROR_LINE, shippedOfflineDtcl, shippedOnlineDtcl } from '../../../../src-main/lab/nodes/shipped-dtcl-scripts';

/** The Double-Take Target address of the lab's pair (src-main/pair/lab-pair-document.ts). */
const TARGET = '10.1.0.21';
const ONLINE = shippedOnlineDtcl().toString('utf8');
const OFFLINE = shippedOfflineDtcl().toString('utf8');
const PATCHED = ONLINE.replace(GUIDE_MIRROR_LINE.before, GUIDE_MIRROR_LINE.after);

/** A lab whose SRC1 has the saved replication set 'Exchange'. */
function labWithSet(): DoubleTakeLab {
  const lab = DoubleTakeLab.create();
  const src1 = lab.server('SRC1');
  src1.createReplicationSet('Exchange');
  src1.addRule('Exchange', { path: 'E:\\Exchsrvr', mode: 'include', recursive: true });
  src1.saveReplicationSets();
  return lab;
}

function online(lab: DoubleTakeLab, script = ONLINE, repset = 'Exchange'): DtclScriptOutcome {
  return runDtclScript(lab, script, { node: 'SRC1', variables: { source: 'SRC1', target: TARGET, repset } });
}

function offline(lab: DoubleTakeLab, conid: number): DtclScriptOutcome {
  return runDtclScript(lab, OFFLINE, { node: 'SRC1', variables: { source: 'SRC1', conid } });
}

/** The 1-based line of `script` that is exactly `text`. */
function lineOf(script: string, text: string): number {
  const index = script.split('\r\n').indexOf(text);
  expect(index).toBeGreaterThanOrEqual(0);
  return index + 1;
}

function scriptError(work: () => unknown): DtclScriptError {
  try {
    work();
  } catch (error) {
    if (error instanceof DtclScriptError) return error;
    throw error;
  }
  throw new Error('expected a DtclScriptError');
}

/** Runs a small script on SRC1 and returns what it printed. */
function run(source: string, variables: Record<string, string | number> = {}): DtclScriptOutcome {
  return runDtclScript(labWithSet(), source, { node: 'SRC1', variables });
}

describe('runDtclScript with the shipped online.dtcl', () => {
  it('connects the replication set to the target and starts a DIFFERENT,CHECKSUM mirror without ORPHANS', () => {
    const lab = labWithSet();
    const outcome = online(lab);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.changed).toBe(true);
    const connections = lab.server('SRC1').connections();
    expect(connections).toHaveLength(1);
    expect(connections[0]).toMatchObject({
      id: 1,
      replicationSet: 'Exchange',
      target: TARGET,
      state: 'connected',
      mirror: { state: 'complete', options: { mode: 'different', checksum: true, orphans: false, checksumAllFiles: false } },
    });
    expect(outcome.lines).toEqual([
      `Connecting replication set Exchange to ${TARGET}`,
      'Connection 1 established.',
      'Starting block checksum mirror',
      'Mirror started on connection 1.',
      'Replication set Exchange is connected as connection 1',
    ]);
    expect(lab.server('SRC2').connections()).toEqual([]);
  });

  it('starts the mirror with ORPHANS once the guide\'s patch is applied', () => {
    expect(PATCHED).not.toBe(ONLINE);
    const lab = labWithSet();
    expect(online(lab, PATCHED).exitCode).toBe(0);
    expect(lab.server('SRC1').connection(1).mirror.options).toEqual({ mode: 'different', checksum: true, orphans: true, checksumAllFiles: false });
  });

  it('records the server\'s ChecksumAll option with the mirror', () => {
    const lab = labWithSet();
    lab.server('SRC1').setOption('ChecksumAll', 1);
    online(lab, PATCHED);
    expect(lab.server('SRC1').connection(1).mirror.options?.checksumAllFiles).toBe(true);
  });

  it('returns 1 with the refusal when the replication set does not exist, and connects nothing', () => {
    const lab = labWithSet();
    const outcome = online(lab, ONLINE, 'exchange');
    expect(outcome.exitCode).toBe(1);
    expect(outcome.changed).toBe(false);
    expect(lab.server('SRC1').connections()).toEqual([]);
    const line = lineOf(ONLINE, '$conid = CONNECT $repset TO $target MAP EXACT;');
    expect(outcome.lines).toContain(
      `Error: Replication set 'exchange' does not exist. Replication set names are case-sensitive; this server has 'Exchange'. (script line ${line})`,
    );
    expect(outcome.lines).toContain(`Unable to connect replication set exchange to ${TARGET}`);
    expect(outcome.lines.some((l) => l.startsWith('Starting'))).toBe(false);
  });

  it('returns 1 when the set is already connected (CONNECT refused yields 0)', () => {
    const lab = labWithSet();
    expect(online(lab).exitCode).toBe(0);
    const again = online(lab);
    expect(again.exitCode).toBe(1);
    expect(again.lines.join('\n')).toContain(`already connected to ${TARGET} (connection 1)`);
    expect(lab.server('SRC1').connections()).toHaveLength(1);
  });

  it('returns 2 when the mirror cannot start (MIRROR START refused yields non-zero)', () => {
    const lab = labWithSet();
    const script = ONLINE.replace('$mirror = MIRROR START $conid', '$mirror = MIRROR START 77');
    const outcome = online(lab, script);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines).toContain('Unable to start the mirror on connection 1');
    expect(lab.server('SRC1').connection(1).mirror.state).toBe('idle');
  });

  it('names the unknown variable and its line and changes nothing', () => {
    const lab = labWithSet();
    const before = JSON.stringify(lab.toJSON());
    const error = scriptError(() => runDtclScript(lab, ONLINE, { node: 'SRC1', variables: { source: 'SRC1', target: TARGET } }));
    expect(error.message).toContain('$repset');
    expect(error.line).toBe(lineOf(ONLINE, 'WRITE "Connecting replication set " + $repset + " to " + $target;'));
    expect(error.message).toContain(`(script line ${error.line})`);
    expect(error.changed).toBe(false);
    expect(JSON.stringify(lab.toJSON())).toBe(before);
  });
});

describe('runDtclScript with the shipped offline.dtcl', () => {
  it('disconnects the connection the online script made', () => {
    const lab = labWithSet();
    online(lab, PATCHED);
    const outcome = offline(lab, 1);
    expect(outcome).toMatchObject({ exitCode: 0, changed: true });
    expect(outcome.lines).toEqual(['Disconnecting connection 1', 'Connection 1 disconnected.']);
    expect(lab.server('SRC1').connections()).toEqual([]);
  });

  it('returns 1 for a connection that does not exist, or an invalid id, and leaves the connection', () => {
    const lab = labWithSet();
    online(lab);
    const wrong = offline(lab, 9);
    expect(wrong.exitCode).toBe(1);
    expect(wrong.lines).toContain(`Error: Connection 9 does not exist. (script line ${lineOf(OFFLINE, '$result = DISCONNECT $conid;')})`);
    expect(wrong.lines).toContain('Unable to disconnect connection 9');
    expect(offline(lab, 0).exitCode).toBe(1);
    expect(lab.server('SRC1').connections()).toHaveLength(1);
  });
});

describe('runDtclScript semantics', () => {
  it('compares numerically when both sides are numbers or numeric text, else as case-sensitive text', () => {
    const outcome = run(
      [
        '$a = "10";',
        'if ($a = 10) then',
        '  WRITE "numeric equal";',
        'endif',
        'if ($a < 9) then',
        '  WRITE "wrong: 10 < 9";',
        'else',
        '  WRITE "numeric order";',
        'endif',
        'if ("B" < "a") then',
        '  WRITE "text order";',
        'endif',
        'if ($name = "exchange") then',
        '  WRITE "wrong: case-insensitive";',
        'else',
        '  WRITE "case-sensitive";',
        'endif',
        'if ("x10" > 9) then',
        '  WRITE "text against number";',
        'endif',
        'if ($n >= 3) then',
        '  WRITE "preset number";',
        'endif',
      ].join('\r\n'),
      { name: 'Exchange', n: 3 },
    );
    expect(outcome).toEqual({
      exitCode: 0,
      changed: false,
      lines: ['numeric equal', 'numeric order', 'text order', 'case-sensitive', 'text against number', 'preset number'],
    });
  });

  it('joins + operands as text, numbers in decimal, and RETURN ends the script with its number', () => {
    const outcome = run('$n = 5;\nWRITE "n=" + $n + 1;\n$t = $n + 1;\nif ($t = 51) then\n  RETURN 7;\nendif\nWRITE "not reached";\n');
    expect(outcome).toEqual({ exitCode: 7, changed: false, lines: ['n=51'] });
    expect(run('WRITE "done";').exitCode).toBe(0);
    expect(run('RETURN $code;', { code: '12' }).exitCode).toBe(12);
  });

  it('stops at an unassigned command that is refused, with dtcl.exe\'s exit status', () => {
    const refused = run('SOURCE SRC1;\nDISCONNECT 5;\nWRITE "after";\n');
    expect(refused).toEqual({ exitCode: DTCL_EXIT.refused, changed: false, lines: ['Error: Connection 5 does not exist. (script line 2)'] });
    const unreachable = run('SOURCE TGT9;\nWRITE "after";\n');
    expect(unreachable.exitCode).toBe(DTCL_EXIT.unreachable);
    expect(unreachable.lines).toHaveLength(1);
  });

  it('runs commands on SOURCE\'s server, or on the node given until SOURCE runs', () => {
    const lab = DoubleTakeLab.create();
    const outcome = runDtclScript(lab, 'REPSET CREATE One;\nSOURCE $other;\nREPSET CREATE Two;\n', { node: 'src1', variables: { other: 'SRC2' } });
    expect(outcome.exitCode).toBe(0);
    expect(lab.server('SRC1').replicationSets().map((s) => s.name)).toEqual(['One']);
    expect(lab.server('SRC2').replicationSets().map((s) => s.name)).toEqual(['Two']);
    const none = scriptError(() => runDtclScript(lab, 'WRITE "hi";\nREPSET LIST;\n', { variables: {} }));
    expect(none.line).toBe(2);
    expect(none.message).toContain('SOURCE');
  });

  it('refuses what it cannot run as DtclScriptError, naming the line', () => {
    expect(scriptError(() => run('$x = GET AutoReconnect;')).message).toMatch(/GET.*not supported.*\(script line 1\)$/);
    expect(scriptError(() => run('WRITE "a";\nTARGET TGT1;')).line).toBe(2);
    expect(scriptError(() => run('RETURN "abc";')).message).toContain("RETURN needs a whole number, not 'abc'");
    expect(scriptError(() => run('WRITE "a";\nif ($x = 1) then\n')).line).toBe(2);
  });

  it('reports a variable assigned only in a branch that did not run, and whether the lab had changed', () => {
    const lab = labWithSet();
    const error = scriptError(() =>
      runDtclScript(lab, 'SOURCE SRC1;\nREPSET CREATE Other;\nif (1 = 2) then\n  $late = 1;\nendif\nWRITE $late;\n', { variables: {} }),
    );
    expect(error).toMatchObject({ line: 6, changed: true });
    expect(error.message).toContain('$late');
  });

  it('refuses a bad preset', () => {
    expect(() => run('WRITE "a";', { $source: 'SRC1' })).toThrow(RangeError);
    expect(() => run('WRITE "a";', { conid: 1.5 })).toThrow(RangeError);
  });
});
