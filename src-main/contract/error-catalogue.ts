import { z } from 'zod';

/**
 * Every error code a reply may carry, and for each what the user reads: a title, a plain explanation, and what to
 * do next. The GUI (src-renderer/components/error-bar.tsx) and both command lines print this same text for the same
 * code; the reply's own message says what happened this time (which cluster, which step, what the tool printed).
 *
 * "Unreachable" and "refused" are told apart: an unreachable system did not answer at all (Win32 1722 "The RPC
 * server is unavailable", 1753 "There are no more endpoints available from the endpoint mapper", 5 "Access is
 * denied" when opening the cluster, a network error, a tool that could not be started or did not finish), so
 * nothing was decided there; a refusal is an answer: the system looked at the request and said no.
 * Win32 codes: https://learn.microsoft.com/windows/win32/debug/system-error-codes
 */
export const ERROR_CODES = [
  'contract/unknown-channel',
  'contract/invalid-request',
  'contract/invalid-reply',
  'contract/untrusted-sender',
  'contract/handler-failed',
  'transport/failed',
  'job/cancelled',
  'job/busy',
  'environment/lab-only',
  'lab/power',
  'lab/failure',
  'incident/busy',
  'incident/refused',
  'incident/no-run',
  'incident/no-question',
  'incident/reason-needed',
  'incident/damaged',
  'pair/invalid',
  'pair/location',
  'pair/exists',
  'pair/not-a-pair-document',
  'pair/cancelled',
  'setup/unknown-step',
  'setup/manual-step',
  'setup/note',
  'setup/no-handwork',
  'setup/prerequisite',
  'setup/busy',
  'setup/cluster-unreachable',
  'setup/cluster-refused',
  'setup/doubletake-unreachable',
  'setup/doubletake-refused',
  'setup/node-files',
  'setup/failed',
  'directory/unreachable',
  'directory/refused',
  'failover/busy',
  'failover/input',
  'credentials/missing',
  'credentials/unavailable',
  'setup/confirmation-needed',
  'profile/invalid',
  'profile/exists',
  'profile/location',
  'profile/cancelled',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** What the user reads for one code. */
export interface ErrorExplanation {
  /** A few words, shown as the heading. */
  readonly title: string;
  /** What it means, in plain words. */
  readonly explanation: string;
  /** What to do about it. */
  readonly nextStep: string;
}

export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, ErrorExplanation>> = {
  'contract/unknown-channel': {
    title: 'Unknown request',
    explanation: 'The window asked the program for something it does not offer; the window and the program do not match.',
    nextStep: 'Close the program and start it again; if it persists, reinstall it.',
  },
  'contract/invalid-request': {
    title: 'Request not understood',
    explanation: 'The window sent a request the program could not accept, so nothing was done.',
    nextStep: 'Try again; if it persists, restart the program and report the detail shown.',
  },
  'contract/invalid-reply': {
    title: 'Reply not understood',
    explanation: 'The program answered with something the window could not read, so the answer was not used.',
    nextStep: 'Restart the program; if it persists, report the detail shown.',
  },
  'contract/untrusted-sender': {
    title: 'Request ignored',
    explanation: 'A request did not come from the program’s own window, so it was ignored.',
    nextStep: 'Use the program’s own window.',
  },
  'contract/handler-failed': {
    title: 'Unexpected failure',
    explanation: 'The program failed while handling the request; what it was doing may be half done.',
    nextStep: 'Check the step’s state (Verify) before trying again, and report the message shown.',
  },
  'transport/failed': {
    title: 'The program did not answer',
    explanation: 'The window lost its connection to the program, or the program stopped.',
    nextStep: 'Reload the window, or restart the program (with the preview: run npm run preview again).',
  },
  'job/cancelled': {
    title: 'Cancelled',
    explanation: 'The job was cancelled before it finished; what ran before the cancel stays done.',
    nextStep: 'Plan the step again to see where it stands, then apply what is still needed.',
  },
  'job/busy': {
    title: 'Already running',
    explanation: 'A job with the same id is already running.',
    nextStep: 'Wait for it to finish, then try again.',
  },
  'environment/lab-only': {
    title: 'Only in the lab',
    explanation: 'This is available only in the lab (emulated clusters), not on a real pair.',
    nextStep: 'Open a lab to try it.',
  },
  'lab/power': {
    title: 'The lab refused',
    explanation: 'The lab could not power the node on or off as asked.',
    nextStep: 'Read the message, then check the lab’s clusters and nodes.',
  },
  'lab/failure': {
    title: 'The lab could not do that',
    explanation: 'The failure could not be pulled or restored as asked.',
    nextStep: 'Read the message, then check the lab panel’s clusters, nodes and failures.',
  },
  'incident/busy': {
    title: 'A guided run is already going on',
    explanation: 'Only one failover or failback runs at a time for a pair, in this program or another one.',
    nextStep: 'Wait for it to end (the message names where and since when it runs), or stop it there.',
  },
  'incident/refused': {
    title: 'The run cannot start',
    explanation: 'A check before the run found something that makes it unsafe (the source still running, the queue not empty, …).',
    nextStep: 'Do what the message says, then plan the run again.',
  },
  'incident/no-run': {
    title: 'Nothing to resume',
    explanation: 'There is no unfinished run of this kind in the last incident.',
    nextStep: 'Start a new run instead.',
  },
  'incident/no-question': {
    title: 'Nothing is waiting for an answer',
    explanation: 'No prompt is pending and no run is waiting for a person.',
    nextStep: 'Look at the panel again: the question may have been answered elsewhere.',
  },
  'incident/reason-needed': {
    title: 'A reason is needed',
    explanation: 'A failover so soon after a failback asks for an explicit reason, so that a flapping source does not bounce Exchange back and forth.',
    nextStep: 'Give the reason, and run again.',
  },
  'incident/damaged': {
    title: 'An incident file is damaged',
    explanation: 'A file the incident keeps (the prompt, a run’s state, the timeline) cannot be read; nothing was changed.',
    nextStep: 'The message names the file and line: move it away or repair it, then try again.',
  },
  'pair/invalid': {
    title: 'The pair document is not valid',
    explanation: 'The pair document has problems, so no step can be planned or applied from it.',
    nextStep: 'Fix each field named on the pair document page, then save it.',
  },
  'pair/location': {
    title: 'That file cannot be used',
    explanation: 'The file or folder given for the pair document cannot be used (missing, not allowed, or not a .json file).',
    nextStep: 'Choose another file.',
  },
  'pair/exists': {
    title: 'The file exists already',
    explanation: 'Saving would replace a file that is already there.',
    nextStep: 'Choose to replace it, or choose another name.',
  },
  'pair/not-a-pair-document': {
    title: 'Not a pair document',
    explanation: 'The file chosen cannot be read, is not JSON, or is not a valid pair document, so it was not opened; the document open before stays open.',
    nextStep: 'Choose another file, or fix that one (exchange-ha pair check FILE lists its problems by field) and open it again.',
  },
  'pair/cancelled': {
    title: 'No file chosen',
    explanation: 'The file dialog was closed without choosing a file; nothing changed.',
    nextStep: 'Choose a file when you are ready.',
  },
  'setup/unknown-step': {
    title: 'No such step',
    explanation: 'The guide has no step with that number.',
    nextStep: 'Use one of the step numbers listed.',
  },
  'setup/manual-step': {
    title: 'Done by hand',
    explanation: 'This step is done outside the program, so it cannot be applied.',
    nextStep: 'Do it as the guide says, then confirm it with a note.',
  },
  'setup/note': {
    title: 'The note is too short',
    explanation: 'A confirmation needs a note saying what was done and where the evidence is.',
    nextStep: 'Write a note of at least 3 characters.',
  },
  'setup/no-handwork': {
    title: 'Nothing to confirm',
    explanation: 'This step has no part done by hand to confirm.',
    nextStep: 'Confirm only the steps that ask for it.',
  },
  'setup/prerequisite': {
    title: 'An earlier step comes first',
    explanation: 'This step builds on steps that are not verified or done by hand yet.',
    nextStep: 'Apply and verify the steps named first.',
  },
  'setup/busy': {
    title: 'Another step is being applied',
    explanation: 'One step is applied at a time.',
    nextStep: 'Wait for it to finish, then try again.',
  },
  'setup/cluster-unreachable': {
    title: 'The cluster could not be reached',
    explanation:
      'cluster.exe got no answer from the cluster (the RPC server is unavailable, the access was denied, or the tool could not run or did not finish), so nothing was decided there.',
    nextStep:
      'Check that the cluster name is right, that a node of the cluster is up and reachable from this computer, that the Cluster service runs, and that your account may administer the cluster; then try again.',
  },
  'setup/cluster-refused': {
    title: 'The cluster refused',
    explanation: 'The cluster answered and refused the command (the system error says why).',
    nextStep: 'Read the reason, fix what it names (a resource, group, node or its state), and plan the step again.',
  },
  'setup/doubletake-unreachable': {
    title: 'Double-Take could not be reached',
    explanation: 'dtcl.exe got no answer from the Double-Take server on the node, or could not run or did not finish.',
    nextStep: 'Check that the node is up and reachable, that the Double-Take service runs on it, and the path of dtcl.exe; then try again.',
  },
  'setup/doubletake-refused': {
    title: 'Double-Take refused',
    explanation: 'The Double-Take server answered and refused the login or the command.',
    nextStep: 'Check the Double-Take login (user name and password) and the reason shown, then plan the step again.',
  },
  'setup/node-files': {
    title: 'A node’s files could not be used',
    explanation: 'A file on a node (such as online.dtcl in the Double-Take folder) could not be read or written as needed.',
    nextStep: 'Check that the node’s share is reachable, the file exists and your account may write it; then plan again.',
  },
  'setup/failed': {
    title: 'The step failed',
    explanation: 'The step stopped with an error; what ran before it stays done.',
    nextStep: 'Read the message, then plan the step again to see what is still needed.',
  },
  'directory/unreachable': {
    title: 'The directory could not be reached',
    explanation: 'The domain controller did not answer, closed the connection, did not finish in time, or the TLS handshake failed.',
    nextStep: 'Check the directory’s address and port, that this computer reaches it, and that its certificate is trusted (the CA file); then try again.',
  },
  'directory/refused': {
    title: 'The directory refused',
    explanation: 'The domain controller answered and refused: the bind (user name or password), the access, or the change.',
    nextStep: 'Check the bind account and its password, and that the account may change the Exchange objects; then try again.',
  },
  'failover/busy': {
    title: 'A failover is running',
    explanation: 'A failover or failback is already running; only one runs at a time.',
    nextStep: 'Wait for it to finish.',
  },
  'failover/input': {
    title: 'The failover was refused',
    explanation: 'The request cannot be run as given; nothing was changed.',
    nextStep: 'Fix what the message names and run it again.',
  },
  'credentials/missing': {
    title: 'A password is needed',
    explanation: 'The program needs a password it does not hold yet (the directory bind password or the Double-Take password); nothing was sent.',
    nextStep: 'Enter the password the message names on the Connections page (the command line: its password file or environment variable), then try again.',
  },
  'credentials/unavailable': {
    title: 'Passwords cannot be remembered here',
    explanation: 'This host has no protected store for secrets (no operating-system encryption available), so a password is kept only for this session.',
    nextStep: 'Enter the password without "remember"; it is asked again at the next start.',
  },
  'setup/confirmation-needed': {
    title: 'Confirm the changes',
    explanation: 'This is a real pair: applying this plan changes production systems, so it runs only once you have confirmed what it changes. Nothing was changed.',
    nextStep: 'Read what the plan changes, then confirm and apply it.',
  },
  'profile/invalid': {
    title: 'The connection profile is not valid',
    explanation: 'The connection profile has problems, so the program cannot reach the real pair with it.',
    nextStep: 'Fix each field named, then open the profile again.',
  },
  'profile/exists': {
    title: 'The profile file exists already',
    explanation: 'Saving the connection profile would replace a file that is already there, so nothing was written.',
    nextStep: 'Choose to replace it, or choose another name.',
  },
  'profile/location': {
    title: 'The profile cannot be saved there',
    explanation: 'The file chosen for the connection profile cannot be used (outside the folder allowed, a file of the program\'s own, or a folder that cannot be written), so nothing was written.',
    nextStep: 'Choose another file name or folder and save again.',
  },
  'profile/cancelled': {
    title: 'No file chosen',
    explanation: 'The dialog was closed without choosing a file, so the connection profile was not saved.',
    nextStep: 'Save again and choose a file when you are ready.',
  },
};

/** The catalogue's text for a code. */
export function explainError(code: ErrorCode): ErrorExplanation {
  return ERROR_CATALOGUE[code];
}

/**
 * What a command line prints after an error's message (which it prints where it reports it): the catalogue's title
 * with its explanation, and what to do next, as the GUI shows them under the message.
 */
export function catalogueLines(code: ErrorCode, indent = '  '): readonly string[] {
  const { title, explanation, nextStep } = explainError(code);
  return [`${indent}${title}: ${explanation}`, `${indent}What to do: ${nextStep}`];
}
