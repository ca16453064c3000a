/**
 * A throwaway certificate authority and a server certificate for 127.0.0.1 (subjectAltName IP:127.0.0.1), made
 * with the openssl command line, so the tests exercise ldaps:// and StartTLS with real certificate checking.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCertificates {
  readonly caFile: string;
  readonly certificateFile: string;
  readonly keyFile: string;
}

/** Writes ca.pem, server.pem and server.key into `folder`. */
export async function createTestCertificates(folder: string): Promise<TestCertificates> {
  const caKey = join(folder, 'ca.key');
  const caFile = join(folder, 'ca.pem');
  const keyFile = join(folder, 'server.key');
  const csr = join(folder, 'server.csr');
  const certificateFile = join(folder, 'server.pem');
  const extensions = join(folder, 'server.ext');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', [
    'req', '-x509', ...ec, '-keyout', caKey, '-out', caFile, '-days', '2', '-subj', '/CN=Exchange HA Wizard test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await run('openssl', ['req', ...ec, '-keyout', keyFile, '-out', csr, '-subj', '/CN=127.0.0.1']);
  await writeFile(
    extensions,
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n',
  );
  await run('openssl', [
    'x509', '-req', '-in', csr, '-CA', caFile, '-CAkey', caKey, '-CAcreateserial', '-out', certificateFile, '-days', '2',
    '-extfile', extensions,
  ]);
  return { caFile, certificateFile, keyFile };
}
