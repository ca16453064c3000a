import { CommandLineRefusedError, printableValue } from './cmd-exe-argument';

/**
 * Names cluster.exe would take for a switch. cluster.exe finds the cluster, group and resource names by position
 * (`cluster [[/cluster:]ClusterName] resourcetype ResourceType_DisplayName /Option`, and likewise for group and
 * resource: Microsoft, "Cluster resourcetype", Windows Server 2003 command-line reference,
 * https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2003/cc736767(v=ws.10)), and the
 * quotes around a name are gone once the line is split, so a name beginning with `/` arrives as a switch:
 * `cluster C res "/delete" /online` is `res /delete /online`. [assumed] cluster.exe, like most Windows tools, takes
 * `-` for `/` as well. A name beginning with an en or em dash is refused too: the console turns those into `-`
 * when the line is pasted (microsoft/terminal, src/interactivity/win32/Clipboard.cpp, `FilterCharacterOnPaste`).
 */

/** The characters a name cannot begin with. */
const SWITCH_START = /^[/\-\u2013\u2014]/;

/** Why `name` cannot be given to cluster.exe by position (it would read as a switch), or undefined. */
export function switchLikeNameProblem(name: string): string | undefined {
  const first = SWITCH_START.exec(name)?.[0];
  if (first === undefined) return undefined;
  const reading =
    first === '/' || first === '-' ? 'which cluster.exe reads as a switch' : `which the console turns into '-' on paste, and cluster.exe reads as a switch`;
  return `'${printableValue(name)}' begins with '${first}', ${reading}; start the name with a letter or a digit.`;
}

/**
 * `name` when cluster.exe can be given it by position; throws CommandLineRefusedError naming it otherwise. `what`
 * says which name it is: `cluster`, `group`, `resource`.
 */
export function positionalName(name: string, what: string): string {
  const problem = switchLikeNameProblem(name);
  if (problem !== undefined) throw new CommandLineRefusedError(`The ${what} name ${problem} No cluster.exe command line can name it.`);
  return name;
}
