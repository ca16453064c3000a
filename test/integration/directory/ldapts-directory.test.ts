import { type LdaptsDirectoryOptions, openLdaptsDirectory } from '../../../src-main/directory/ldapts-directory';
import { DEFAULT_SEED_USER_COUNT, seedExchangeOrganization } from '../../../src-main/lab/directory/exchange-seed';
import { writeLdif } from '../../../src-main/lab/directory/ldif';
import { startSlapd } from '../../helpers/slapd/start-slapd';
import { describeDirectoryContract } from './directory-contract';

type Transport = 'ldap' | 'ldaps' | 'starttls';

function contractOver(transport: Transport): void {
  describeDirectoryContract(`ldapts over ${transport} against slapd`, async () => {
    const server = await startSlapd({ ldif: writeLdif(seedExchangeOrganization()), tls: transport !== 'ldap' });
    const options = (password: string): LdaptsDirectoryOptions => ({
      url: transport === 'ldaps' ? (server.ldapsUrl ?? '') : server.url,
      bindDn: server.bindDn,
      password,
      ...(transport === 'starttls' ? { startTls: true } : {}),
      ...(server.caFile === undefined ? {} : { caFile: server.caFile }),
      connections: 4,
      operationTimeoutMs: 30_000,
    });
    const directory = await openLdaptsDirectory(options(server.password));
    return {
      directory,
      userCount: DEFAULT_SEED_USER_COUNT,
      openWithPassword: (password) => openLdaptsDirectory(options(password)),
      async dispose() {
        await directory.close();
        await server.stop();
      },
    };
  }, { binds: true });
}

contractOver('ldap');
contractOver('ldaps');
contractOver('starttls');
