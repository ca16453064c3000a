import { z } from 'zod';
import { jsonValueSchema, pairFilePathSchema, pairStatusSchema } from './pair';
import {
  sha256HexSchema,
  stepApplyOutcomeSchema,
  stepDetailSchema,
  stepIdSchema,
  stepNoteSchema,
  stepPlanSchema,
  stepSummarySchema,
  stepVerificationSchema,
} from './steps';
import { failoverOutcomeSchema, failoverRequestSchema } from './failover';
import { preflightReportSchema } from './preflight';
import {
  incidentAnswerSchema,
  incidentRunRequestSchema,
  incidentStateSchema,
  labFailureSchema,
  monitorViewSchema,
  runPlanViewSchema,
  runbookKindSchema,
  runViewSchema,
} from './incident';
import { profileCheckReplySchema, profileCheckRequestSchema, profileSaveAsRequestSchema, profileSaveReplySchema, profileTemplateSchema } from './profile';

/** A job id is chosen by the caller so it can cancel and match progress events before the reply arrives. */
export const jobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a job id of 8-64 letters, digits, - or _');

const empty = z.object({}).strict();

const clusterSummarySchema = z.object({
  name: z.string(),
  nodes: z.array(
    z.object({
      name: z.string(),
      up: z.boolean(),
      /** The node's Double-Take connections (the lab knows them; absent where nobody asked Double-Take). */
      replication: z
        .array(
          z.object({
            replicationSet: z.string(),
            target: z.string(),
            state: z.enum(['connected', 'paused']),
            mirror: z.enum(['idle', 'started', 'complete']),
            queuedBytes: z.number().int().min(0),
          }),
        )
        .optional(),
    }),
  ),
  up: z.boolean(),
  groups: z.array(
    z.object({
      name: z.string(),
      state: z.string(),
      owner: z.string().optional(),
      resources: z.array(z.object({ name: z.string(), type: z.string(), state: z.string() })),
    }),
  ),
});
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;

export const environmentSchema = z.object({
  kind: z.enum(['lab', 'real']),
  /** What the environment is called: "Lab", or the connection profile's name ("Production"). */
  name: z.string(),
  /** The title and status bar text, from the pair document: "Production — SRCCLUS → TGTCLUS" (follows the document). */
  title: z.string(),
  /** Shown every time the environment is described, e.g. plain LDAP with a password allowed by the profile. */
  warnings: z.array(z.string()),
  /** Where the lab keeps its state; shown so the user knows what "reset" would remove. */
  labFolder: z.string().optional(),
  /** The connection profile a real environment was opened with. */
  profileFile: z.string().optional(),
  /** What that profile says, shown read-only on the Connections page (it never holds a secret). */
  profile: z
    .object({
      directory: z.object({
        url: z.string(),
        /** How the directory is protected: TLS from the start, StartTLS, or none (the password in clear). */
        security: z.enum(['ldaps', 'starttls', 'plain']),
        caFile: z.string().optional(),
        bindDn: z.string().optional(),
      }),
      clusterExe: z.string(),
      dtclExe: z.string(),
      doubleTakeUser: z.string(),
      /** Where a node's drive is reached, as the profile's template (`\\{node}\{drive}$`). */
      nodeFilesRoot: z.string(),
    })
    .optional(),
  sourceCluster: z.string(),
  targetCluster: z.string(),
  appVersion: z.string(),
  /**
   * How the pair document's files are chosen: `dialog` (the desktop program: the shell's native dialogs decide, the
   * renderer sends no path), or `lab-folder` (the browser preview: a file name in the lab folder, typed in the
   * wizard). Absent: `lab-folder`.
   */
  fileChoice: z.enum(['dialog', 'lab-folder']).optional(),
});
export type Environment = z.infer<typeof environmentSchema>;

/** The secrets the program may hold for a session: the directory bind password and the Double-Take password. */
export const credentialIdSchema = z.enum(['directory', 'doubleTake']);
export type CredentialId = z.infer<typeof credentialIdSchema>;

/** Where each secret stands; never the secret itself. */
export const credentialsStatusSchema = z.object({
  items: z.array(
    z.object({
      id: credentialIdSchema,
      /** "Directory bind password", "Double-Take password". */
      label: z.string(),
      /** Whose password it is (the bind DN, the Double-Take user); empty when none is configured. */
      account: z.string(),
      /** Whether the environment needs it (the lab never does; an anonymous directory does not). */
      needed: z.boolean(),
      /** Whether the program holds it for this session. */
      held: z.boolean(),
      /** Whether it is kept in the system's protected store for the next session. */
      remembered: z.boolean(),
    }),
  ),
  /** Whether this host can remember a secret (Electron's safeStorage with encryption available). */
  canRemember: z.boolean(),
});
export type CredentialsStatus = z.infer<typeof credentialsStatusSchema>;

/**
 * Every channel between renderer and main: one place, one schema per request and reply.
 * `job: true` channels take a caller-chosen `jobId`, stream `job.progress` events and can be cancelled.
 */
export const channels = {
  'environment.describe': { request: empty, reply: environmentSchema, job: false },
  'steps.list': { request: empty, reply: z.array(stepSummarySchema), job: false },
  'step.get': {
    request: z.object({ stepId: stepIdSchema }).strict(),
    reply: stepDetailSchema,
    job: false,
  },
  /** Reads the world and the pair document and returns the exact commands and edits the step would make. */
  'step.plan': {
    request: z.object({ stepId: stepIdSchema }).strict(),
    reply: stepPlanSchema,
    job: false,
  },
  /**
   * Applies the plan the administrator saw, named by its digest: the step is planned again and, when the digest is
   * the same, exactly that plan's needed actions run, then the step is verified (`applied`); when it differs (the
   * world or the pair document changed), nothing runs and the reply is the new plan with what changed
   * (`plan-changed`). Progress and a log line per change are streamed.
   */
  'step.apply': {
    /**
     * `confirmed`: the administrator confirmed the changes the plan names. In a real environment a plan with needed
     * changes is refused without it (`setup/confirmation-needed`, naming the clusters, node files and directory it
     * would change); the lab ignores it.
     */
    request: z.object({ jobId: jobIdSchema, stepId: stepIdSchema, planDigest: sha256HexSchema, confirmed: z.boolean().optional() }).strict(),
    reply: stepApplyOutcomeSchema,
    job: true,
  },
  'step.verify': {
    request: z.object({ stepId: stepIdSchema }).strict(),
    reply: stepVerificationSchema,
    job: false,
  },
  /** Marks a step done by hand (or confirms a manual step such as the backups) with the administrator's note. */
  'step.markDone': {
    request: z.object({ stepId: stepIdSchema, note: stepNoteSchema }).strict(),
    reply: stepDetailSchema,
    job: false,
  },
  /**
   * Confirms, with the administrator's note, the part of an automated step only they can do (step 6: the monitor
   * entered on each target node). The step's state does not change (it is not "done by hand"); its verification
   * checks the confirmation. Refused (`setup/no-handwork`) for a step without such a part.
   */
  'step.confirm': {
    request: z.object({ stepId: stepIdSchema, note: stepNoteSchema }).strict(),
    reply: stepDetailSchema,
    job: false,
  },
  /** The pair document the setup steps work from: where it lives, its content and its problems. */
  'pair.get': { request: empty, reply: pairStatusSchema, job: false },
  /** Checks a document without saving it: the problems, each naming its field. */
  'pair.check': {
    request: z.object({ document: jsonValueSchema }).strict(),
    reply: z.object({ problems: pairStatusSchema.shape.problems }),
    job: false,
  },
  /** Saves the document when it has no problems (nothing is written otherwise). */
  'pair.save': {
    request: z.object({ document: jsonValueSchema }).strict(),
    reply: pairStatusSchema,
    job: false,
  },
  /**
   * Works from another, existing pair document from now on (the wizard's "Open"); remembered for the next start.
   * The main process chooses the file (environment `fileChoice`): the native dialog, where `path` is ignored, or in
   * the preview the file named by `path` in the lab folder. Refused (`pair/location`) for a file that cannot be
   * chosen or is not there, (`pair/not-a-pair-document`) for one that cannot be read, is not JSON or is not a valid
   * pair document (the reason never quotes the file); `pair/cancelled` when the dialog was closed. Nothing changes
   * then: the document open stays, and so does the one remembered.
   */
  'pair.open': {
    request: z.object({ path: pairFilePathSchema.optional() }).strict(),
    reply: pairStatusSchema,
    job: false,
  },
  /**
   * Writes a new document to fill in (every site value empty) to a file that does not exist yet and works from it
   * from now on ("New"); the file is chosen as for `pair.open`. Refused (`pair/location`) for a file that cannot be
   * chosen or exists; `pair/cancelled` when the dialog was closed.
   */
  'pair.new': {
    request: z.object({ path: pairFilePathSchema.optional() }).strict(),
    reply: pairStatusSchema,
    job: false,
  },
  /**
   * Saves the document to another file and works from it from now on ("Save as"); the file is chosen as for
   * `pair.open`. Refused when the document has problems (`saved` false), the file cannot be chosen or its folder
   * used (`pair/location`), or, in the preview, the file exists and `replace` is false (`pair/exists`; the native
   * dialog asks before replacing a file itself); nothing is written then. `pair/cancelled` when the dialog was closed.
   */
  'pair.saveAs': {
    request: z.object({ path: pairFilePathSchema.optional(), document: jsonValueSchema, replace: z.boolean() }).strict(),
    reply: pairStatusSchema,
    job: false,
  },
  /**
   * The connection profile to start the wizard's form from: the profile in use in a real environment, else a
   * template (TLS to the domain controller, the tools on PATH, the nodes' administrative shares). Never a secret.
   */
  'profile.template': { request: empty, reply: profileTemplateSchema, job: false },
  /** Checks a connection profile without saving it: the problems, each naming its field (`directory.url`). */
  'profile.check': { request: profileCheckRequestSchema, reply: profileCheckReplySchema, job: false },
  /**
   * Writes a connection profile (atomically) to a file chosen as for `pair.saveAs` (the native dialog; in the preview
   * a name in the lab folder, never one of the lab's own files or the pair document). `saved` false with the
   * problems when it is invalid; refused (`profile/location`) when the file cannot be chosen or written,
   * (`profile/exists`) in the preview when the file exists and `replace` is false, `profile/cancelled` when the
   * dialog was closed; nothing is written then. The reply names the file and the commands that use it. The program
   * running now keeps the profile it started with.
   */
  'profile.saveAs': { request: profileSaveAsRequestSchema, reply: profileSaveReplySchema, job: false },
  /** Which passwords the environment needs and holds (never a password). */
  'credentials.status': { request: empty, reply: credentialsStatusSchema, job: false },
  /**
   * Gives the program a password for this session, sent once and never sent back; with `remember` it is also kept in
   * the system's protected store (`credentials/unavailable` when `canRemember` is false; nothing is held then).
   */
  'credentials.set': {
    request: z.object({ id: credentialIdSchema, password: z.string().min(1).max(1024), remember: z.boolean() }).strict(),
    reply: credentialsStatusSchema,
    job: false,
  },
  /** Forgets a password: from the session and from the protected store. */
  'credentials.forget': {
    request: z.object({ id: credentialIdSchema }).strict(),
    reply: credentialsStatusSchema,
    job: false,
  },
  /**
   * "Check connections": reads every outside system of the pair (directory, both clusters, Double-Take on every
   * node, every node's files) and reports each check; changes nothing. Progress names each check as it finishes.
   * Refused (`pair/invalid`) while the pair document open has problems: the checks need its names.
   */
  'preflight.run': {
    request: z.object({ jobId: jobIdSchema }).strict(),
    reply: preflightReportSchema,
    job: true,
  },
  'job.cancel': {
    request: z.object({ jobId: jobIdSchema }).strict(),
    reply: z.object({ cancelled: z.boolean() }),
    job: false,
  },
  /** Runs the ExchFailover engine on the environment's directory (lab: the lab directory), as a job. */
  'failover.run': {
    request: z.object({ jobId: jobIdSchema, request: failoverRequestSchema }).strict(),
    reply: failoverOutcomeSchema,
    job: true,
  },
  /** The failover panel's state: the monitor, the pending prompt, the run going on (or the last), the last incident. */
  'incident.state': { request: empty, reply: incidentStateSchema, job: false },
  /** Starts or stops the monitor (it runs in the main process until stopped or the program ends). */
  'incident.monitor': { request: z.object({ on: z.boolean() }).strict(), reply: monitorViewSchema, job: false },
  /** Answers the monitor's manual intervention prompt, or the question the running runbook waits on. */
  'incident.answer': { request: incidentAnswerSchema, reply: incidentStateSchema, job: false },
  /** The whole plan of a runbook, read from the world now; changes nothing. */
  'incident.plan': { request: z.object({ runbook: runbookKindSchema }).strict(), reply: runPlanViewSchema, job: false },
  /** Runs (or resumes) a guided failover or failback as a job; the reply is the run as it ended. */
  'incident.run': {
    request: z.object({ jobId: jobIdSchema, run: incidentRunRequestSchema }).strict(),
    reply: runViewSchema,
    job: true,
  },
  'lab.clusters': { request: empty, reply: z.array(clusterSummarySchema), job: false },
  /** Pulls (restore false) or restores a lab failure: a cluster, a node, the replication link, a split. */
  'lab.failure': {
    request: z.object({ failure: labFailureSchema, restore: z.boolean() }).strict(),
    reply: z.object({ clusters: z.array(clusterSummarySchema), failures: z.array(z.string()), message: z.string() }),
    job: false,
  },
  'lab.power': {
    request: z
      .object({
        /** A cluster name (every node of it) or a node name. */
        target: z.string().regex(/^[A-Za-z0-9-]{1,15}$/, 'a cluster or node name'),
        on: z.boolean(),
      })
      .strict(),
    reply: z.array(clusterSummarySchema),
    job: false,
  },
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ReplyOf<C extends ChannelName> = z.output<Channels[C]['reply']>;

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);

/** Progress of a long job, throttled by the sender before it crosses the boundary. */
export const jobEventSchema = z.discriminatedUnion('kind', [
  z.object({
    jobId: jobIdSchema,
    kind: z.literal('progress'),
    value: z.number().min(0).max(1),
    title: z.string(),
    description: z.string().optional(),
  }),
  z.object({ jobId: jobIdSchema, kind: z.literal('log'), level: z.enum(['info', 'warn', 'error']), line: z.string() }),
]);
export type JobEvent = z.infer<typeof jobEventSchema>;

export { INVOKE_CHANNEL, JOB_EVENT_CHANNEL } from './channel-names';
