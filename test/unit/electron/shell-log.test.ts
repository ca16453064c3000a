import { describe, expect, it } from 'vitest';
import { createConsoleLog } from '../../../src-main/electron/shell-log';
import { REDACTED } from '../../../src-main/shared/redaction';

describe('createConsoleLog', () => {
  it('writes one redacted JSON line per entry, from the shell subsystem', () => {
    const lines: string[] = [];
    const log = createConsoleLog((line) => lines.push(line));
    log.warn('bind failed', { password: 'hunter2', url: 'ldap://dc1', detail: 'LOGIN TGT1 admin hunter2' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(lines[0]).not.toContain('hunter2');
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'warn', subsystem: 'shell', msg: 'bind failed', password: REDACTED, url: 'ldap://dc1' });
  });
});
