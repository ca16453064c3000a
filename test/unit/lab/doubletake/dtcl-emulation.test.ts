import { describe, expect, it } from 'vitest';
import { DTCL_EXIT, parseConnections, parseReplicationSets } from '../../../../src-main/doubletake/dtcl-output';
import { emulateDtcl } from '../../../../src-main/lab/doubletake/dtcl-emulation';
import { DoubleTakeLab } from '../../../../src-main/lab/doubletake/doubletake-lab';
import { LAB_DOUBLETAKE_PASSWORD } from '../../../../src-main/lab/doubletake/lab-accounts';

const LOGIN = `LOGIN SRC1 Administrator ${LAB_DOUBLETAKE_PASSWORD}\r\n`;

describe('the dtcl emulation over the lab', () => {
  it('runs the guide\'s commands and prints listings the adapter reads back', () => {
    const lab = DoubleTakeLab.create(['SRC1']);
    const run = emulateDtcl(
      lab,
      `${LOGIN}SET AutoReconnect=0\r\nREPSET CREATE "Exchange Data"\r\nREPSET RULE ADD "E:\\Exchsrvr" INCLUDE RECURSIVE TO "Exchange Data"\r\nREPSET SAVE\r\nREPSET LIST\r\n$c = CONNECT "Exchange Data" TO 10.0.1.5 MAP EXACT\r\n`,
    );
    expect(run.exitCode).toBe(DTCL_EXIT.usage); // variables are not supported by the emulator
    expect(run.changed).toBe(true);
    expect(parseReplicationSets(run.stdout)).toEqual([
      { name: 'Exchange Data', rules: [{ path: 'E:\\Exchsrvr', mode: 'include', recursive: true }], unsavedChanges: false },
    ]);
    expect(lab.server('SRC1').options().AutoReconnect).toBe(0);
    const connect = emulateDtcl(lab, `${LOGIN}CONNECT "Exchange Data" TO 10.0.1.5 MAP EXACT\r\nSTATUS CON 1\r\n`);
    expect(connect.exitCode).toBe(0);
    expect(connect.stdout).toContain('Replication bytes in queue: 0');
    expect(parseConnections(connect.stdout)).toMatchObject([{ id: 1, replicationSet: 'Exchange Data', target: '10.0.1.5', mirrorState: 'idle' }]);
  });

  it('refuses a bad LOGIN without printing the password and changes nothing', () => {
    const lab = DoubleTakeLab.create(['SRC1']);
    const before = JSON.stringify(lab.toJSON());
    const run = emulateDtcl(lab, 'LOGIN SRC1 Administrator Wr0ng-Guess\r\nSET AutoReconnect=0\r\n');
    expect(run).toMatchObject({ exitCode: DTCL_EXIT.loginFailed, changed: false, stdout: '' });
    expect(run.stderr).toMatch(/^Error: Login to SRC1 failed/);
    expect(run.stderr).not.toContain('Wr0ng-Guess');
    expect(JSON.stringify(lab.toJSON())).toBe(before);
  });

  it('refuses commands before LOGIN and stops at the first refusal, naming the line', () => {
    const lab = DoubleTakeLab.create(['SRC1']);
    expect(emulateDtcl(lab, 'REPSET LIST\r\n').exitCode).toBe(DTCL_EXIT.usage);
    const run = emulateDtcl(lab, `${LOGIN}REPSET CREATE Exchange\r\nREPSET CREATE Exchange\r\nREPSET SAVE\r\n`);
    expect(run.exitCode).toBe(DTCL_EXIT.refused);
    expect(run.stderr).toBe("Error: Replication set 'Exchange' already exists. (script line 3)\n");
    expect(lab.server('SRC1').replicationSet('Exchange')?.unsavedChanges).toBe(true);
  });

  it('reports an unknown node as unreachable', () => {
    const run = emulateDtcl(DoubleTakeLab.create(['SRC1']), `LOGIN TGT9 Administrator ${LAB_DOUBLETAKE_PASSWORD}\r\n`);
    expect(run.exitCode).toBe(DTCL_EXIT.unreachable);
  });
});
