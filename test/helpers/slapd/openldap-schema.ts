/**
 * Renders the lab's AD/Exchange schema (src-main/lab/directory/schema.ts) in slapd's schema-file syntax. The
 * committed `exchange.schema` is this text; a unit test keeps the two equal, so slapd and the lab directory
 * enforce the same attributes, single-valuedness and matching rules (servicePrincipalName has caseIgnoreMatch, so
 * one SPN can be deleted, unlike in Debian's msuser.schema).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ATTRIBUTES, type AttributeDefinition, type AttributeSyntax, CLASSES, type ClassDefinition } from '../../../src-main/lab/directory/schema';

const RULES: Record<AttributeSyntax, string> = {
  dn: 'EQUALITY distinguishedNameMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.12',
  string: 'EQUALITY caseIgnoreMatch ORDERING caseIgnoreOrderingMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15',
  ia5: 'EQUALITY caseIgnoreIA5Match SUBSTR caseIgnoreIA5SubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.26',
  octets: 'EQUALITY octetStringMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.40',
  boolean: 'EQUALITY booleanMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.7',
  integer: 'EQUALITY integerMatch ORDERING integerOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27',
};

function attributeType(definition: AttributeDefinition): string {
  const note = definition.note === undefined ? '' : `# ${definition.note}\n`;
  const single = definition.singleValued ? '\n  SINGLE-VALUE' : '';
  return `${note}attributetype ( ${definition.oid} NAME '${definition.name}'\n  ${RULES[definition.syntax]}${single} )`;
}

function list(names: readonly string[]): string {
  return names.length === 1 ? (names[0] ?? '') : `( ${names.join(' $ ')} )`;
}

function objectClass(definition: ClassDefinition): string {
  const must = definition.must.length > 0 ? `\n  MUST ${list(definition.must)}` : '';
  const may = definition.may.length > 0 ? `\n  MAY ${list(definition.may)}` : '';
  return `objectclass ( ${definition.oid} NAME '${definition.name}'\n  SUP ${definition.superior} ${definition.kind}${must}${may} )`;
}

/** The text of exchange.schema. */
export function renderOpenLdapSchema(): string {
  return [
    '# Exchange HA Wizard: the small Active Directory / Exchange 2003 schema of the test directory.',
    '# GENERATED from src-main/lab/directory/schema.ts by test/helpers/slapd/openldap-schema.ts - do not edit.',
    '# cn, name, description, distinguishedName and objectClass are built into slapd.',
    '',
    ...ATTRIBUTES.map(attributeType),
    '',
    ...CLASSES.map(objectClass),
    '',
  ].join('\n');
}

/** `npx tsx test/helpers/slapd/openldap-schema.ts` rewrites exchange.schema after a change to the lab schema. */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(fileURLToPath(new URL('./exchange.schema', import.meta.url)), renderOpenLdapSchema());
}
