import { switchLikeNameProblem } from '../cluster/switch-like-name';
import { isValidObjectName } from '../cluster/object-names';
import { joinWindowsPath, parseWindowsPath, WindowsPathError } from '../nodes/windows-path';

/**
 * Checks of one value on its own, each returning why the value is refused (a message that names the value) or
 * undefined. The schema applies them field by field; the wizard's forms can call them directly.
 */

/**
 * NetBIOS names (computer, cluster and virtual server names) are at most 15 characters: MS-CMRP's ApiSetClusterName
 * (protocol version 2, the Windows 2000/2003 cluster) takes at most 16 Unicode characters with the terminating null
 * (https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-cmrp/461a8dba-5791-4ca9-b60c-db67b6f9a263).
 */
export const MAX_NETBIOS_NAME_LENGTH = 15;

const NETBIOS_CHARACTER = /^[A-Za-z0-9_-]$/;

/**
 * Why `name` is not a usable NetBIOS name, or undefined. [assumed] the DNS-compatible subset that cluster setup
 * and the Network Name resource accept without warning: letters, digits, `-` and `_`, not all digits, no leading
 * or trailing `-` (the same subset nodes/node-name.ts uses for node names).
 */
export function netbiosNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'The name is empty; give a NetBIOS name such as EXCHVS.';
  if (name.length > MAX_NETBIOS_NAME_LENGTH) {
    return `'${name}' is ${name.length} characters long; a NetBIOS name has at most ${MAX_NETBIOS_NAME_LENGTH}.`;
  }
  const bad = [...name].find((ch) => !NETBIOS_CHARACTER.test(ch));
  if (bad !== undefined) {
    return `'${name}' contains ${describeCharacter(bad)}; a NetBIOS name has only letters, digits, '-' and '_'.`;
  }
  if (/^[0-9]+$/.test(name)) return `'${name}' is all digits; a NetBIOS name needs a letter.`;
  if (name.startsWith('-') || name.endsWith('-')) return `'${name}' starts or ends with '-'; move the hyphen inside the name.`;
  return undefined;
}

/**
 * The longest group, resource or cluster network name the program accepts. [assumed] The cluster's own protocol sets
 * no maximum for these names (MS-CMRP, ApiCreateGroup and ApiCreateResource:
 * https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-cmrp/ ; only the cluster name itself is bounded,
 * by ApiSetClusterName, to 15 characters); 128 is far beyond any name the guide uses and keeps a cluster.exe line
 * well inside cmd.exe's 8191-character limit (https://learn.microsoft.com/en-us/troubleshoot/windows-client/shell-experience/command-line-string-limitation).
 */
export const MAX_CLUSTER_OBJECT_NAME_LENGTH = 128;

/**
 * Why `name` is not a name the program can use for a group, resource or network, or undefined: the cluster's own
 * rule (not empty, no edge spaces, no control characters), and what a cluster.exe line an administrator pastes into
 * cmd.exe cannot carry plainly: a name beginning with `/` or `-` (cluster.exe reads it as a switch), `"` (cluster.exe
 * quotes names with it), `%` (cmd.exe expands `%NAME%`, even inside quotes), and the curly double quotes the
 * console turns into `"` when pasting (see cluster/cmd-exe-argument.ts for the sources).
 */
export function clusterObjectNameProblem(name: string): string | undefined {
  if (name.length > MAX_CLUSTER_OBJECT_NAME_LENGTH) {
    return `The name is ${name.length} characters long; keep a group, resource or network name to ${MAX_CLUSTER_OBJECT_NAME_LENGTH}.`;
  }
  if (!isValidObjectName(name)) {
    if (name.length === 0) return 'The name is empty.';
    if (name !== name.trim()) return `'${name}' starts or ends with white space; the cluster would keep it, and nobody would type it.`;
    return `'${printable(name)}' contains a control character; use printable characters only.`;
  }
  if (name.includes('\u007f')) return `'${printable(name)}' contains a control character; use printable characters only.`;
  return switchLikeNameProblem(name) ?? commandLineCharacterProblem(name, 'names');
}

/** Why `text` cannot go into a cluster.exe line as a name or value: `"`, `%` or a curly double quote. */
function commandLineCharacterProblem(text: string, what: string): string | undefined {
  if (text.includes('"')) return `'${text}' contains '"', which cluster.exe uses to quote ${what}; leave it out.`;
  if (text.includes('%')) return `'${text}' contains '%', which cmd.exe expands (%NAME%) when a cluster.exe line is pasted; leave it out.`;
  return curlyQuoteProblem(text);
}

/** Why `text` holds a curly double quote, which the console turns into `"` when a line is pasted, or undefined. */
function curlyQuoteProblem(text: string): string | undefined {
  const curly = /[\u201c\u201d]/.exec(text)?.[0];
  if (curly === undefined) return undefined;
  return `'${text}' contains the curly quote ${curly}, which the console turns into '"' when a line is pasted; use a plain apostrophe or leave it out.`;
}

/** The longest group description the program writes (Cluster Administrator's description field). [assumed] */
export const MAX_DESCRIPTION_LENGTH = 256;

/**
 * Why `text` cannot be a group's description: too long, a control character (a line break), `"` (cluster.exe quotes
 * with it) or a curly double quote (the console turns it into `"` when a line is pasted). A `%` is kept: the
 * description is free text, and the cluster.exe line escapes it for cmd.exe (cluster/cmd-exe-argument.ts).
 */
export function descriptionProblem(text: string): string | undefined {
  if (text.length > MAX_DESCRIPTION_LENGTH) return `The description is ${text.length} characters long; keep it to ${MAX_DESCRIPTION_LENGTH}.`;
  if (/[\u0000-\u001f\u007f]/.test(text)) return `'${printable(text)}' contains a control character (a line break or a tab); keep the description on one line.`;
  if (text.includes('"')) return `'${text}' contains '"', which cluster.exe uses to quote the description; leave it out.`;
  return curlyQuoteProblem(text);
}

/**
 * The longest replication set name the program accepts. [assumed] Double-Take's public documentation gives no
 * maximum; the same bound as cluster object names (MAX_CLUSTER_OBJECT_NAME_LENGTH), since the name is also the
 * Source Connection resource's ReplicationSet value on a cluster.exe line.
 */
export const MAX_REPLICATION_SET_NAME_LENGTH = MAX_CLUSTER_OBJECT_NAME_LENGTH;

/**
 * Why `name` cannot be a Double-Take replication set name, or undefined: not empty, no control characters, no `"`
 * (DTCL quotes names with it), and, as the Source Connection resource's ReplicationSet value on a cluster.exe line,
 * no `%` or curly double quote (see clusterObjectNameProblem). Names are case-sensitive and kept exactly as given.
 */
export function replicationSetNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'The replication set name is empty; give the exact, case-sensitive name, such as Exchange.';
  if (name.length > MAX_REPLICATION_SET_NAME_LENGTH) {
    return `The replication set name is ${name.length} characters long; keep it to ${MAX_REPLICATION_SET_NAME_LENGTH}.`;
  }
  if (/[\u0000-\u001f\u007f]/.test(name)) return `'${printable(name)}' contains a control character; use printable characters only.`;
  if (name.includes('"')) return `'${name}' contains '"', which DTCL uses to quote names; remove it.`;
  return commandLineCharacterProblem(name, 'values');
}

/** Why `path` is not a full Windows path of at most 259 characters (nodes/windows-path.ts), or undefined. */
export function windowsPathProblem(path: string): string | undefined {
  try {
    parseWindowsPath(path);
    return undefined;
  } catch (error) {
    if (error instanceof WindowsPathError) return error.message;
    throw error;
  }
}

/** The Double-Take script the guide patches, in every install folder. */
export const ONLINE_SCRIPT_NAME = 'online.dtcl';

/** Why `folder` cannot be a Double-Take install folder: a valid path, and `folder\online.dtcl` must be one too. */
export function installFolderProblem(folder: string): string | undefined {
  const problem = windowsPathProblem(folder);
  if (problem !== undefined) return problem;
  try {
    joinWindowsPath(folder, ONLINE_SCRIPT_NAME);
    return undefined;
  } catch (error) {
    if (error instanceof WindowsPathError) {
      return `'${folder}' leaves no room for ${ONLINE_SCRIPT_NAME}: ${error.message}`;
    }
    throw error;
  }
}

/** Why `drive` is not a drive letter (one letter, C through Z; A and B are floppy drives), or undefined. */
export function driveLetterProblem(drive: string): string | undefined {
  if (/^[C-Zc-z]$/.test(drive)) return undefined;
  if (/^[A-Za-z]:\\?$/.test(drive)) return `'${drive}': give the letter alone (${drive.charAt(0).toUpperCase()}), without colon or backslash.`;
  return `'${printable(drive)}' is not a drive letter; give one letter from C to Z, such as E.`;
}

/** The largest DWORD. */
export const MAX_DWORD = 0xffffffff;

/** Why `signature` is not a disk signature (a non-zero DWORD, as the Physical Disk resource requires), or undefined. */
export function diskSignatureProblem(signature: number): string | undefined {
  if (Number.isInteger(signature) && signature > 0 && signature <= MAX_DWORD) return undefined;
  return `${signature} is not a disk signature; give a non-zero whole number up to ${MAX_DWORD} (0xFFFFFFFF), as cluster.exe /priv shows it.`;
}

function describeCharacter(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f ? `the control character 0x${code.toString(16).padStart(2, '0').toUpperCase()}` : `'${ch}'`;
}

function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
}
