import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DtclSecret } from '../../../src-main/doubletake/dtcl-ast';
import { parseDtcl } from '../../../src-main/doubletake/dtcl-parse';
import { buildCommandScript, previewDoubleTakeCommands, type DtclLogin } from '../../../src-main/doubletake/dtcl-script';
import type { DoubleTakeCommand } from '../../../src-main/doubletake/port';

const PASSWORD = 'S3cret pass#word;';
const login: DtclLogin = { host: 'SRC1', user: 'administrator', password: new DtclSecret(PASSWORD) };

/** Guide 4.3 and 4.4 on one node. */
const GUIDE: readonly DoubleTakeCommand[] = [
  { kind: 'set-option', option: 'AutoReconnect', value: 0 },
  { kind: 'set-option', option: 'ChecksumAll', value: 1 },
  { kind: 'repset-create', replicationSet: 'Exchange' },
  { kind: 'repset-rule-add', replicationSet: 'Exchange', rule: { path: 'E:\\Exchsrvr', mode: 'include', recursive: true } },
  { kind: 'repset-rule-add', replicationSet: 'Exchange', rule: { path: 'E:\\Exchsrvr\\tmp', mode: 'exclude', recursive: false } },
  { kind: 'repset-save' },
];

describe('DTCL script builder', () => {
  it('previews the exact lines, LOGIN first, password masked', () => {
    expect(previewDoubleTakeCommands(login, GUIDE)).toEqual([
      'LOGIN SRC1 administrator ********;',
      'SET AutoReconnect=0;',
      'SET ChecksumAll=1;',
      'REPSET CREATE Exchange;',
      'REPSET RULE ADD "E:\\Exchsrvr" INCLUDE RECURSIVE TO Exchange;',
      'REPSET RULE ADD "E:\\Exchsrvr\\tmp" EXCLUDE TO Exchange;',
      'REPSET SAVE;',
    ]);
  });

  it('keeps the password out of every printable form of the script', () => {
    const script = buildCommandScript(login, GUIDE);
    for (const shown of [script.preview, String(script), `${script}`, JSON.stringify({ script }), inspect(script), inspect({ script })]) {
      expect(shown).not.toContain(PASSWORD);
      expect(shown).not.toContain('S3cret');
    }
  });

  it('reveals the password only in the text for the runner, written so DTCL reads it back exactly', () => {
    const text = buildCommandScript(login, GUIDE).reveal();
    expect(text.split('\r\n')[0]).toBe(`LOGIN SRC1 administrator "${PASSWORD}";`);
    expect(text.endsWith('REPSET SAVE;\r\n')).toBe(true);
    const first = parseDtcl(text)[0];
    expect(first?.kind === 'command' && first.command.kind === 'login' && first.command.password.reveal()).toBe(PASSWORD);
    expect(parseDtcl(text)).toHaveLength(GUIDE.length + 1);
  });

  it('keeps a case-sensitive set name exactly and quotes one that needs it', () => {
    const lines = previewDoubleTakeCommands(login, [
      { kind: 'repset-create', replicationSet: 'ExchangeRS' },
      { kind: 'repset-create', replicationSet: 'Exchange Data' },
    ]);
    expect(lines.slice(1)).toEqual(['REPSET CREATE ExchangeRS;', 'REPSET CREATE "Exchange Data";']);
  });

  it('refuses a password DTCL cannot write without quoting it in the error', () => {
    const bad: DtclLogin = { ...login, password: new DtclSecret('has"quote') };
    expect(() => buildCommandScript(bad, GUIDE).reveal()).toThrow(/double quote/);
    try {
      buildCommandScript(bad, GUIDE).reveal();
    } catch (error) {
      expect(String(error)).not.toContain('has"quote');
    }
  });

  it('parses and formats CONNECTION LIST', () => {
    const [statement] = parseDtcl('connection list\n');
    expect(statement?.kind === 'command' && statement.command).toEqual({ kind: 'connection-list' });
  });
});
