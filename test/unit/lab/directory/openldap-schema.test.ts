import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTES, BUILT_IN_ATTRIBUTES, CLASSES } from '../../../../src-main/lab/directory/schema';
import { renderOpenLdapSchema } from '../../../helpers/slapd/openldap-schema';

describe('the slapd schema file', () => {
  it('is exactly what the lab schema renders (regenerate: npx tsx test/helpers/slapd/openldap-schema.ts)', async () => {
    const committed = await readFile(new URL('../../../helpers/slapd/exchange.schema', import.meta.url), 'utf8');
    expect(committed).toBe(renderOpenLdapSchema());
  });

  it('gives servicePrincipalName an equality rule and names every attribute a class uses', () => {
    expect(renderOpenLdapSchema()).toMatch(/NAME 'servicePrincipalName'\n {2}EQUALITY caseIgnoreMatch/);
    const known = new Set([...ATTRIBUTES, ...BUILT_IN_ATTRIBUTES].map((a) => a.name));
    const classes = new Set(['top', ...CLASSES.map((c) => c.name)]);
    for (const definition of CLASSES) {
      expect(classes.has(definition.superior), definition.name).toBe(true);
      for (const name of [...definition.must, ...definition.may]) expect(known.has(name), `${definition.name}: ${name}`).toBe(true);
    }
    const oids = [...ATTRIBUTES, ...CLASSES].map((d) => d.oid);
    expect(new Set(oids).size).toBe(oids.length);
  });
});
