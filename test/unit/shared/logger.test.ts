import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevel, openLogFile, SECRET_LOG_PATHS } from '../../../src-main/shared/logger';
import { REDACTED } from '../../../src-main/shared/redaction';

const SECRET = 'hunter2-Xq9';

function recording(level?: LogLevel) {
  const lines: string[] = [];
  const logger = createLogger({ destination: { write: (line) => lines.push(line) }, ...(level === undefined ? {} : { level }) });
  const entries = (): Record<string, unknown>[] => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries, text: () => lines.join('') };
}

/** `value` placed under `path` (object keys, or array positions for numbers). */
const nestUnder = (path: readonly (string | number)[], value: unknown): unknown =>
  path.reduceRight<unknown>((inner, step) => (typeof step === 'number' ? [...Array<unknown>(step).fill(0), inner] : { [step]: inner }), value);

describe('the logger', () => {
  it('writes one JSON line per entry with the level, the time and the message', () => {
    const { logger, lines, entries } = recording();
    logger.warn('the directory did not answer', { url: 'ldaps://dc1.example.com', attempt: 2 });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(entries()[0]).toMatchObject({ level: 'warn', msg: 'the directory did not answer', url: 'ldaps://dc1.example.com', attempt: 2 });
    expect(Date.parse(String(entries()[0]?.time))).not.toBeNaN();
  });

  it('writes nothing below its level', () => {
    const { logger, lines } = recording('warn');
    logger.info('chatty');
    logger.debug('chattier');
    logger.error('kept');
    expect(lines).toHaveLength(1);
  });

  it.each([
    ['password', { password: SECRET }],
    ['bindPassword', { bindPassword: SECRET }],
    ['secret', { secret: SECRET }],
    ['token', { token: SECRET }],
    ['credentials.*', { credentials: { user: 'EXAMPLE\\dtadmin', password: SECRET } }],
    ['credentials (a text)', { credentials: `dtadmin:${SECRET}` }],
    ['request.password', { request: { channel: 'credentials.set', password: SECRET } }],
    ['request.payload.bindPassword', { request: { payload: { bindPassword: SECRET } } }],
    ['a list of targets', { targets: [{ node: 'TGT1' }, { node: 'TGT2', dtPassword: SECRET }] }],
    ['DT_PASSWORD (any case)', { env: { DT_PASSWORD: SECRET } }],
  ])('never writes the secret in %s', (_what, fields) => {
    const { logger, text, entries } = recording();
    logger.info('applying', fields);
    expect(text()).not.toContain(SECRET);
    expect(text()).toContain(REDACTED);
    expect(entries()[0]).toMatchObject({ msg: 'applying' });
  });

  it('censors a secret field however deep it is nested, in objects and lists', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('request', 'payload', 'world', 'node', 'a'), fc.nat({ max: 3 })), { maxLength: 9 }),
        fc.constantFrom('password', 'bindPassword', 'secret', 'token', 'credentials', 'apiKey', 'Password'),
        fc.stringMatching(/^[A-Za-z0-9!#%&]{6,20}$/),
        (path, key, secret) => {
          const planted = `${SECRET}${secret}`;
          const { logger, text } = recording();
          logger.error('failed', { outer: nestUnder(path, { [key]: planted, node: 'SRC1' }) });
          expect(text()).not.toContain(planted);
          expect(text()).toContain('SRC1');
        },
      ),
    );
  });

  it('redacts secrets in free text: the message, a text field, an error and its cause', () => {
    const { logger, text } = recording();
    const error = new Error(`bind to ldaps://admin:${SECRET}@dc1 failed`, { cause: new Error(`LOGIN TGT1 dtadmin ${SECRET}`) });
    logger.error(`dtcl ran: password=${SECRET}`, { error, line: `exchfailover -failover -u admin:${SECRET} -r x` });
    expect(text()).not.toContain(SECRET);
    expect(text()).toContain('ldaps://admin:********@dc1');
    expect(text()).toContain('LOGIN TGT1 dtadmin ********');
    expect(text()).toContain('Error: bind to');
  });

  it('writes a circular object without throwing', () => {
    const { logger, entries } = recording();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    logger.info('loop', { loop });
    expect(entries()[0]).toMatchObject({ loop: { name: 'loop', self: '[circular]' } });
  });

  it('gives each subsystem a child that carries its name, and censors secrets in bindings too', () => {
    const { logger, entries } = recording();
    const shell = logger.child({ subsystem: 'shell' });
    const preview = logger.child({ subsystem: 'preview', token: SECRET });
    shell.warn('dropped a message');
    preview.info('served');
    shell.child({ subsystem: 'shell.ipc', jobId: 'job-1' }).info('job ended');
    logger.info('root');
    const [first, second, third, fourth] = entries();
    expect(first).toMatchObject({ subsystem: 'shell', msg: 'dropped a message' });
    expect(second).toMatchObject({ subsystem: 'preview', token: REDACTED });
    expect(third).toMatchObject({ subsystem: 'shell.ipc', jobId: 'job-1' });
    expect(fourth).not.toHaveProperty('subsystem');
  });

  it('declares pino redact paths for every secret field at the top and nested', () => {
    for (const key of ['password', 'bindPassword', 'secret', 'token', 'credentials']) {
      expect(SECRET_LOG_PATHS).toEqual(expect.arrayContaining([key, `*.${key}`, `*.*.${key}`]));
    }
  });

  it('appends to a log file, creating its folder', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'logger-'));
    try {
      const path = join(folder, 'logs', 'main.log');
      const file = openLogFile(path);
      const logger = createLogger({ destination: file, homeDir: folder }).child({ subsystem: 'shell' });
      logger.info('started', { labFolder: join(folder, 'lab'), password: SECRET });
      logger.flush();
      file.end();
      const written = await readFile(path, 'utf8');
      expect(written.trim().split('\n')).toHaveLength(1);
      expect(written).not.toContain(SECRET);
      expect(JSON.parse(written) as unknown).toMatchObject({ subsystem: 'shell', msg: 'started', labFolder: '~/lab' });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
