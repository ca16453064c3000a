import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkText, findCitationProblems, formatCitationProblems } from './citations';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** A note's name, assembled so that this file does not cite one itself. */
const note = (name: string): string => `${name}.md`;

describe('the repository', () => {
  it('cites public sources and its own files only', async () => {
    const { files, problems } = await findCitationProblems(repositoryRoot);
    expect(files).toBeGreaterThan(100);
    expect(formatCitationProblems(problems)).toBe('');
  });
});

describe('checkText', () => {
  const ROOT = '/srv/checkout/repo';

  it.each([
    ['src-main/failover/x.ts', ` * patches it (${note('DOMAIN')} §1).`, 'private-note', note('DOMAIN')],
    ['test/e2e/helpers/chromium.ts', `/** The flags (${note('RECIPES')}, Browser tests). */`, 'private-note', note('RECIPES')],
    ['README.md', `See ${note('DESIGN')} and ${note('STYLE')}.`, 'private-note', note('DESIGN')],
    ['README.md', 'as [the notes](../shared/notes.md) say', 'outside-path', '../shared/notes.md'],
    ['src-main/cli/x.ts', '// see ../../../shared/x', 'outside-path', '../../../shared/x'],
    ['vitest.config.ts', "const notes = './../shared';", 'outside-path', './../shared'],
    ['src-main/x.ts', '// kept in /srv/checkout/shared/y', 'outside-path', '/srv/checkout/shared'],
  ])('%s: %s is refused', (file, text, rule, found) => {
    expect(checkText(ROOT, file, `first line\n${text}\n`)).toContainEqual({ file, line: 2, text: found, rule });
  });

  it.each([
    ['src-main/cli/exchfailover.ts', "import { createSecretMask } from '../shared/redaction';"],
    ['test/unit/shared/x.test.ts', "import { a } from '../../../src-main/shared/logger';"],
    ['test/unit/preview/x.test.ts', "expect(await get('/../../etc/passwd')).toBe(403);"],
    ['src-main/x.ts', '// Microsoft KB 251409; RFC 4511; slapd.conf(5); README.md, "The exchfailover command line"'],
    ['test/unit/cli/x.test.ts', "const CWD = '/srv/checkout/site';"],
    ['src-main/x.ts', 'const DOMAIN = LAB.domain.dnsName; // DOMAIN\\user'],
  ])('%s: %s passes', (file, text) => {
    expect(checkText(ROOT, file, text)).toEqual([]);
  });
});

describe('the check can fail', () => {
  let fixture: string | undefined;
  afterEach(async () => {
    if (fixture !== undefined) await rm(fixture, { recursive: true, force: true });
    fixture = undefined;
  });

  it('names file:line of every reference planted in a tree, in sources, tests, scripts, config and the README', async () => {
    fixture = await mkdtemp(join(tmpdir(), 'citations-'));
    const root = join(fixture, 'repo');
    const files: Record<string, string> = {
      'README.md': `# X\n\nDetails in ${note('DESIGN')}.\n`,
      'vitest.config.ts': '// see ../shared\nexport default {};\n',
      'src-main/cli/a.ts': "import { b } from '../shared/b';\n",
      'src-main/shared/b.ts': `export const b = 1;\n// after ${note('DOMAIN')} §2\n`,
      'test/unit/a.test.ts': `\n\n// ${note('RECIPES')}\n`,
      'scripts/build.sh': `cat ${join(fixture, 'shared')}/notes\n`,
      'out/main/index.js': `// ${note('STYLE')} (built output is not read)\n`,
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(dirname(join(root, file)), { recursive: true });
      await writeFile(join(root, file), text);
    }
    const { files: read, problems } = await findCitationProblems(root);
    expect(read).toBe(6);
    expect(formatCitationProblems(problems).split('\n').map((line) => line.split(' ')[0])).toEqual([
      'README.md:3',
      'vitest.config.ts:1',
      'src-main/shared/b.ts:2',
      'test/unit/a.test.ts:3',
      'scripts/build.sh:1',
    ]);
  });
});
