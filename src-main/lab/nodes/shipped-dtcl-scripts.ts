/**
 * The DTCL scripts Double-Take installs for its Source Connection cluster resource, as the lab ships them on every
 * node. online.dtcl is the file the guide (section 4.5 step 9) patches; it is shipped UNPATCHED here so the setup
 * step has work to do. The real files are not public: these are reconstructions around the section the guide
 * quotes, which is reproduced exactly. [assumed] `#` starts a comment; `if (...) then` ... `endif` blocks; the
 * resource sets $source, $target and $repset before running the script and reads $exitcode after.
 */

const ONLINE_DTCL_LINES: readonly string[] = [
  '#',
  '# online.dtcl',
  '#',
  '# Run by the Double-Take Source Connection cluster resource when it is brought',
  '# online on this node. It connects the replication set to the Double-Take target',
  '# and starts a difference mirror so the target catches up with this node.',
  '#',
  '# Set by the resource before this script runs:',
  '#   $source  - this node',
  '#   $target  - the Double-Take Target address (resource parameter)',
  '#   $repset  - the replication set name (resource parameter, case-sensitive)',
  '#',
  '# $exitcode tells the resource whether it came online: 0 success, otherwise failed.',
  '#',
  '',
  '$exitcode = 0;',
  '$conid = 0;',
  '',
  'SOURCE $source;',
  '',
  '# Connect the replication set to the target, mapping every path to itself.',
  'WRITE "Connecting replication set " + $repset + " to " + $target;',
  '$conid = CONNECT $repset TO $target MAP EXACT;',
  'if ($conid = 0) then',
  '    WRITE "Unable to connect replication set " + $repset + " to " + $target;',
  '    $exitcode = 1;',
  'endif',
  '',
  '# Bring the target up to date: send only blocks whose checksums differ.',
  'if ($exitcode = 0) then',
  '    WRITE "Starting block checksum mirror";',
  '    $mirror = MIRROR START $conid DIFFERENT,CHECKSUM;',
  '    if ($mirror <> 0) then',
  '        WRITE "Unable to start the mirror on connection " + $conid;',
  '        $exitcode = 2;',
  '    endif',
  'endif',
  '',
  'if ($exitcode = 0) then',
  '    WRITE "Replication set " + $repset + " is connected as connection " + $conid;',
  'endif',
  '',
  'RETURN $exitcode;',
];

const OFFLINE_DTCL_LINES: readonly string[] = [
  '#',
  '# offline.dtcl',
  '#',
  '# Run by the Double-Take Source Connection cluster resource when it is taken',
  '# offline on this node. It disconnects the replication set from the target;',
  '# the target keeps the data it has received.',
  '#',
  '# Set by the resource before this script runs:',
  '#   $source  - this node',
  '#   $conid   - the connection the online script made',
  '#',
  '',
  '$exitcode = 0;',
  '',
  'SOURCE $source;',
  '',
  'WRITE "Disconnecting connection " + $conid;',
  '$result = DISCONNECT $conid;',
  'if ($result <> 0) then',
  '    WRITE "Unable to disconnect connection " + $conid;',
  '    $exitcode = 1;',
  'endif',
  '',
  'RETURN $exitcode;',
];

/** The exact line the guide tells the administrator to find (before) and what it becomes (after). */
export const GUIDE_MIRROR_LINE = {
  before: '    $mirror = MIRROR START $conid DIFFERENT,CHECKSUM;',
  after: '    $mirror = MIRROR START $conid DIFFERENT,CHECKSUM ORPHANS;',
} as const;

/** online.dtcl as installed: CRLF line endings, no byte-order mark, the mirror line not yet patched. */
export function shippedOnlineDtcl(): Buffer {
  return Buffer.from(`${ONLINE_DTCL_LINES.join('\r\n')}\r\n`, 'utf8');
}

/** offline.dtcl as installed (CRLF). */
export function shippedOfflineDtcl(): Buffer {
  return Buffer.from(`${OFFLINE_DTCL_LINES.join('\r\n')}\r\n`, 'utf8');
}
