import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dnEquals } from '../../../src-main/directory/dn';
import { singleText } from '../../../src-main/directory/entry-values';
import { escapeFilter } from '../../../src-main/directory/filter-escape';
import { openLdaptsDirectory } from '../../../src-main/directory/ldapts-directory';
import type { DirectoryEntry } from '../../../src-main/directory/port';
import { exchangeDns } from '../../../src-main/lab/directory/exchange-names';
import { LAB_DIRECTORY_FILE, openLabDirectory } from '../../../src-main/lab/directory/lab-directory';
import { LAB } from '../../../src-main/lab/topology';
import { startSlapd } from '../../helpers/slapd/start-slapd';

describe("the lab's directory.ldif", () => {
  it('loads into a real slapd with slapadd, changes and all', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'exchha-lab-'));
    try {
      const lab = await openLabDirectory(folder);
      const dns = exchangeDns();
      const target = dns.store(LAB.target.virtualServer, 'Boston', 'Sales');
      const first: DirectoryEntry[] = [];
      for await (const entry of lab.search(dns.users, { scope: 'one', filter: '(objectClass=user)', attributes: ['mailNickname'] })) {
        first.push(entry);
        if (first.length === 3) break;
      }
      for (const entry of first) await lab.modify(entry.dn, [{ operation: 'replace', attribute: 'homeMDB', values: [target] }]);
      await lab.add(`CN=Added in the lab,${dns.users}`, { objectClass: ['top', 'container'], cn: ['Added in the lab'] });
      let labCount = 0;
      for await (const _ of lab.search(LAB.domain.dn, { scope: 'sub', attributes: ['1.1'] })) labCount += 1;
      await lab.close();

      const server = await startSlapd({ ldif: await readFile(join(folder, LAB_DIRECTORY_FILE), 'utf8') });
      try {
        const ldap = await openLdaptsDirectory({ url: server.url, bindDn: server.bindDn, password: server.password });
        let count = 0;
        for await (const _ of ldap.search(LAB.domain.dn, { scope: 'sub', attributes: ['1.1'], pageSize: 200 })) count += 1;
        expect(count).toBe(labCount);
        const moved: DirectoryEntry[] = [];
        for await (const entry of ldap.search(dns.users, { scope: 'one', filter: escapeFilter`(homeMDB=${target})`, attributes: ['mailNickname'] })) {
          moved.push(entry);
        }
        expect(moved.map((entry) => singleText(entry, 'mailNickname')).sort()).toEqual(first.map((entry) => singleText(entry, 'mailNickname')).sort());
        expect(moved.every((entry) => first.some((original) => dnEquals(original.dn, entry.dn)))).toBe(true);
        await ldap.close();
      } finally {
        await server.stop();
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('the harness says how to install slapd when it is missing', async () => {
    await expect(startSlapd({ ldif: '', slapd: '/nonexistent/slapd' })).rejects.toThrow(/npm run test:system-deps/);
  });
});
