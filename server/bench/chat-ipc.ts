/**
 * The chat bench's messages between the orchestrator and its children (over ipc.ts's `Child` and
 * `serveRequests`), and the loop a chat server child runs. A pair is one conversation with the
 * handshake `auth` of its two members.
 */
import { serveRequests } from './ipc.ts';

export interface BenchPair {
  conversationId: string;
  members: [Record<string, string>, Record<string, string>];
}

/** Orchestrator → server child. `databaseUrl` (Flint only): PostgreSQL instead of PGlite. */
export type ChatServerRequest = { type: 'start'; pairs: number; databaseUrl?: string } | { type: 'steps' } | { type: 'close' };

export type ChatServerReply =
  | { type: 'started'; baseUrl: string; pairs: BenchPair[] }
  /** Mean ms of each of a send's storage calls (chat-steps.ts), Flint only. */
  | { type: 'steps'; ms: number[] }
  | { type: 'closed' }
  | { type: 'error'; message: string };

/** Orchestrator → client worker. A round: `messages` messages in every conversation. */
export type ChatWorkerRequest =
  | { type: 'connect'; baseUrl: string; pairs: BenchPair[] }
  | { type: 'round'; round: number; messages: number }
  | { type: 'verify' }
  | { type: 'close' };

export type ChatWorkerReply =
  | { type: 'connected'; ms: number }
  | {
      type: 'round';
      round: number;
      expected: number;
      received: number;
      acked: number;
      /** Send → the other member's receipt, ms. */
      latencies: number[];
      /** Send → the sender's ack, ms. */
      ackLatencies: number[];
      startedAt: number;
      lastAt: number;
    }
  | { type: 'verified' }
  | { type: 'closed' }
  | { type: 'error'; message: string };

export interface ChatServer {
  baseUrl: string;
  pairs: BenchPair[];
  /** Flint only: times a send's storage calls (chat-steps.ts). */
  steps?(): Promise<number[]>;
  close(): Promise<void>;
}

/** What a chat server child (bare or Flint) runs: start on request, close and exit on request. */
export function serveChatServer(start: (pairs: number, databaseUrl?: string) => Promise<ChatServer>): void {
  let server: ChatServer | null = null;
  serveRequests<ChatServerRequest, ChatServerReply>(async (req) => {
    switch (req.type) {
      case 'start':
        server = await start(req.pairs, req.databaseUrl);
        return { type: 'started', baseUrl: server.baseUrl, pairs: server.pairs };
      case 'steps':
        if (!server?.steps) throw new Error('this server has no storage steps to time');
        return { type: 'steps', ms: await server.steps() };
      case 'close':
        await server?.close();
        setImmediate(() => process.exit(0));
        return { type: 'closed' };
    }
  });
}
