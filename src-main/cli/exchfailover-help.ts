/**
 * What `-?` and `-??` print: the seed's syntax line (Appendix I) with this rewrite's connection options, and with
 * `-??` a description of each option, the exit codes and the seed's examples.
 */
import { OPTION_SPECS } from './exchfailover-options';

const SYNTAX = `Syntax:
  EXCHFAILOVER -FAILOVER | -FAILBACK -s <source> -t <target> [-l <log_filename>] [-norus] [-nospn]
               [-o <options_filename>] [-r [<source_group>][,<source_mail_store>][:[<target_group>][,<target_mail_store>]]]...
               [-SETUP] [-test] [-u <username>:<password>] [-?[?]]
               [--ldap-url <url>] [--bind-dn <dn> --password-file <file>] [--ca-file <pem>] [--starttls]
               [--journal <file>] [--json]
  EXCHFAILOVER --undo <journal> [-test] [-l <log_filename>] [-u <username>:<password>] [--ldap-url <url>]
               [--bind-dn <dn> --password-file <file>] [--ca-file <pem>] [--starttls] [--journal <file>] [--json]
Options are case-insensitive; the password of -u is case-sensitive.`;

const EXIT_CODES = `Exit codes:
  0  done and verified (with -test: planned, nothing changed)
  1  bad usage or bad input (nothing changed)
  2  stopped by a directory error or a conflict (what was done is journalled)
  3  done, but verification failed`;

const EXAMPLES = `Examples:
  exchfailover -failover -s Indy -t ExchSrvr_Bkup
  exchfailover -failover -s Indy -t ExchSrvr_Bkup -r
  exchfailover -failover -s Indy -t ExchSrvr_Bkup -r Sales:Indy_Sales
  exchfailover -failover -s Indy -t ExchSrvr_Bkup -r Sales, Inside:Indy_Sales, Inside -r Sales, Outside:Indy_Sales, Outside
  exchfailover -failover -s Indy -t ExchSrvr_Bkup -r Sales:Indy_Sales -norus -u administrator:password
  exchfailover -failover -s Indy -t ExchSrvr_Bkup -o options_file.txt
  exchfailover -setup -failover -s EXCHVS -t EXCHVS-DR --ldap-url ldaps://dc1.example.com --ca-file ca.pem
  exchfailover --undo ExchFailover-20240101T030000Z.journal -test --ldap-url ldaps://dc1.example.com --ca-file ca.pem
  exchfailover --undo ExchFailover-20240101T030000Z.journal --ldap-url ldaps://dc1.example.com -u admin@example.com:password`;

const NOTES = `Notes:
  With -FAILBACK, -s still names the original source (or what will become the new source if the original had to be
  replaced) and -t the target that is currently standing in for the source.`;

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => `${indent}${l}`).join('\n');
}

/** The text of `-?` (syntax) or `-??` (syntax, every option described, exit codes, examples, notes). */
export function helpText(detailed: boolean): string {
  const heading = 'EXCHFAILOVER - moves Exchange mailboxes, stores and roles between the source and target virtual servers';
  if (!detailed) return `${heading}\n\n${SYNTAX}\n\nType exchfailover -?? for a description of each option.\n`;
  const options = OPTION_SPECS.map((spec) => {
    const head = spec.value === undefined ? spec.name : `${spec.name} ${spec.value}`;
    return `  ${head}\n${wrap(spec.description, 100, '      ')}`;
  }).join('\n');
  return `${heading}\n\n${SYNTAX}\n\nOptions:\n${options}\n\n${EXIT_CODES}\n\n${EXAMPLES}\n\n${NOTES}\n`;
}
