import {
  channels,
  jobEventSchema,
  type ChannelName,
  type JobEvent,
  type ReplyOf,
  type RequestOf,
} from './channels';
import { ContractErrorCode, err, resultSchema, type Result } from './result';

/** What a transport (Electron preload, preview WebSocket) offers the renderer: one invoke, one event stream. */
export interface ContractTransport {
  invoke(message: { channel: string; payload: unknown }): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
}

export interface ContractClient {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ReplyOf<C>>>;
  /** Subscribes to one job's progress; returns the unsubscribe function. */
  onJobEvent(jobId: string, listener: (event: JobEvent) => void): () => void;
}

/** The renderer's only way to reach the main process: typed by the contract, replies checked at run time. */
export function createClient(transport: ContractTransport): ContractClient {
  return {
    async invoke(channel, request) {
      let raw: unknown;
      try {
        raw = await transport.invoke({ channel, payload: request });
      } catch (e) {
        return err('transport/failed', 'The program did not answer.', e instanceof Error ? e.message : String(e));
      }
      const parsed = resultSchema(channels[channel].reply).safeParse(raw);
      if (!parsed.success) return err(ContractErrorCode.InvalidReply, `The reply of ${channel} did not match the contract.`);
      return parsed.data as Result<ReplyOf<typeof channel>>;
    },
    onJobEvent(jobId, listener) {
      return transport.onEvent((raw) => {
        const parsed = jobEventSchema.safeParse(raw);
        if (parsed.success && parsed.data.jobId === jobId) listener(parsed.data);
      });
    },
  };
}

/** A job id the caller can cancel by; random enough not to collide within a session. */
export function newJobId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
