import { z } from 'zod';
import {
  channels,
  isChannelName,
  type ChannelName,
  type JobEvent,
  type ParsedRequestOf,
  type ReplyOf,
} from './channels';
import { ContractErrorCode, err, ok, type Result } from './result';

/** A job event without its id (the dispatcher adds it); distributes over the union's members. */
export type JobEventBody = JobEvent extends infer E ? (E extends JobEvent ? Omit<E, 'jobId'> : never) : never;

/** What a handler gets besides its validated request. */
export interface HandlerContext {
  /** Aborted when the caller cancels the job (job channels) or the transport goes away. */
  readonly signal: AbortSignal;
  /** Streams progress of this job to the caller (no-op for non-job channels). */
  readonly emit: (event: JobEventBody) => void;
}

export type Handler<C extends ChannelName> = (
  request: ParsedRequestOf<C>,
  context: HandlerContext,
) => Promise<Result<ReplyOf<C>>>;

/** `job.cancel` is answered by the dispatcher itself, which owns the running jobs. */
export type Handlers = { [C in Exclude<ChannelName, 'job.cancel'>]: Handler<C> };

/** The envelope every transport carries: which channel, and its request. */
export const envelopeSchema = z.object({ channel: z.string(), payload: z.unknown() }).strict();

export interface Dispatcher {
  /** Validates and runs one message; never throws. `sink` receives the job's progress events. */
  dispatch(message: unknown, sink: (event: JobEvent) => void): Promise<Result<unknown>>;
  /** Aborts every running job (window closed, socket gone). */
  cancelAll(): void;
}

const describeIssues = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(message)'}: ${i.message}`).join('; ');

/**
 * Binds the contract to its handlers. A malformed envelope, an unknown channel or a request that fails its schema
 * gets an error result and the handler never runs.
 */
export function createDispatcher(handlers: Handlers): Dispatcher {
  const jobs = new Map<string, AbortController>();

  async function run(channel: ChannelName, payload: unknown, sink: (event: JobEvent) => void): Promise<Result<unknown>> {
    const spec = channels[channel];
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      return err(ContractErrorCode.InvalidRequest, `The request to ${channel} is not valid.`, describeIssues(parsed.error));
    }
    if (channel === 'job.cancel') {
      const { jobId } = parsed.data as ParsedRequestOf<'job.cancel'>;
      const controller = jobs.get(jobId);
      controller?.abort();
      return ok({ cancelled: controller !== undefined });
    }
    const controller = new AbortController();
    let emit: HandlerContext['emit'] = () => undefined;
    let jobId: string | undefined;
    if (spec.job) {
      jobId = (parsed.data as { jobId: string }).jobId;
      if (jobs.has(jobId)) return err(ContractErrorCode.Busy, `Job ${jobId} is already running.`);
      jobs.set(jobId, controller);
      const id = jobId;
      emit = (event) => sink({ ...event, jobId: id } as JobEvent);
    }
    try {
      const handler = handlers[channel] as Handler<ChannelName>;
      const result = await handler(parsed.data as never, { signal: controller.signal, emit });
      if (!result.ok) return result;
      const reply = spec.reply.safeParse(result.value);
      if (!reply.success) {
        return err(ContractErrorCode.InvalidReply, `The reply of ${channel} did not match the contract.`, describeIssues(reply.error));
      }
      return ok(reply.data);
    } catch (e) {
      if (controller.signal.aborted) return err(ContractErrorCode.Cancelled, 'The job was cancelled.');
      const message = e instanceof Error ? e.message : String(e);
      return err(ContractErrorCode.HandlerFailed, `${channel} failed: ${message}`);
    } finally {
      if (jobId !== undefined) jobs.delete(jobId);
    }
  }

  return {
    async dispatch(message, sink) {
      const envelope = envelopeSchema.safeParse(message);
      if (!envelope.success) {
        return err(ContractErrorCode.InvalidRequest, 'The message is not a contract envelope.', describeIssues(envelope.error));
      }
      const { channel, payload } = envelope.data;
      if (!isChannelName(channel)) {
        return err(ContractErrorCode.UnknownChannel, `There is no channel named ${JSON.stringify(channel.slice(0, 80))}.`);
      }
      return run(channel, payload, sink);
    },
    cancelAll() {
      for (const controller of jobs.values()) controller.abort();
    },
  };
}
