/**
 * The chat client worker: connects both members of every conversation it is given
 * (client-sockets.ts), then plays rounds. In a round each conversation exchanges `messages`
 * messages, the members taking turns: a member sends the next one as soon as the previous one
 * reaches it, so every conversation keeps one message in flight and all of them run at once.
 * Send and receipt are timestamped on the shared clock (clock.ts).
 *
 * Every message must arrive exactly once, at the other member, in turn, numbered one past the
 * conversation's previous message; every send must be acked with the stored message. Anything else
 * fails the run, as does a round that does not complete in time.
 */

import type { ChatMessage } from '@flint/shared';
import type { Socket } from 'socket.io-client';
import type { BenchPair, ChatWorkerReply, ChatWorkerRequest } from './chat-ipc.ts';
import { closeAll, connectAll } from './client-sockets.ts';
import { nowMs } from './clock.ts';
import { serveRequests } from './ipc.ts';

const ACK_TIMEOUT_MS = 30_000;
/** How long a round may take before the worker reports what it has (the orchestrator then fails). */
const ROUND_TIMEOUT_MS = 60_000;

interface Conversation {
  index: number;
  id: string;
  members: [Socket, Socket];
  /** The seq of the last message received: both servers number a conversation's messages 1, 2, 3 … */
  lastSeq: number;
  /** Every client id received, across rounds, to tell a duplicate from a stray. */
  seen: Set<string>;
  sent: number;
  received: number;
  /** Send time of the message in flight (one at a time per conversation). */
  sentAt: number;
}

interface Round {
  round: number;
  messages: number;
  expected: number;
  received: number;
  acked: number;
  latencies: number[];
  ackLatencies: number[];
  startedAt: number;
  lastAt: number;
  complete(): void;
}

const conversations: Conversation[] = [];
let sockets: Socket[] = [];
let current: Round | null = null;
let failure: string | null = null;

function fail(reason: string): void {
  failure ??= reason;
  current?.complete();
}

const clientIdOf = (round: number, c: Conversation, k: number) => `bench-r${round}-c${c.index}-m${k}`;
/** A typical short chat line; the same text for every server, so the bytes on the wire match. */
const bodyOf = (round: number, k: number) => `Round ${round}, message ${k + 1}: are you free for a staged call tonight?`;

function maybeComplete(r: Round): void {
  if (r.received === r.expected && r.acked === r.expected) r.complete();
}

function send(c: Conversation, r: Round): void {
  const k = c.sent++;
  const clientId = clientIdOf(r.round, c, k);
  const sentAt = nowMs();
  c.sentAt = sentAt;
  const payload = { conversationId: c.id, clientId, body: bodyOf(r.round, k) };
  c.members[k % 2]!.timeout(ACK_TIMEOUT_MS).emit(
    'chat:send',
    payload,
    (err: Error | null, ack: { ok: boolean; data?: ChatMessage; error?: unknown }) => {
      if (err) return fail(`${clientId}: no ack within ${ACK_TIMEOUT_MS} ms`);
      if (!ack.ok) return fail(`${clientId}: refused: ${JSON.stringify(ack.error)}`);
      if (ack.data?.clientId !== clientId || typeof ack.data.id !== 'string')
        return fail(`${clientId}: acked with ${JSON.stringify(ack.data)}`);
      r.ackLatencies.push(nowMs() - sentAt);
      r.acked++;
      maybeComplete(r);
    },
  );
}

function receive(c: Conversation | undefined, member: number, m: ChatMessage): void {
  const at = nowMs();
  if (!c) {
    fail(`${m.clientId} arrived before the conversations started`);
    return;
  }
  if (c.seen.has(m.clientId)) {
    fail(`conversation ${c.index}: ${m.clientId} arrived twice`);
    return;
  }
  c.seen.add(m.clientId);
  const r = current;
  const k = c.received;
  if (!r || m.clientId !== clientIdOf(r.round, c, k)) {
    fail(`conversation ${c.index}: unexpected ${m.clientId}`);
    return;
  }
  if (k % 2 === member) {
    fail(`conversation ${c.index}: ${m.clientId} came back to its sender`);
    return;
  }
  if (m.seq !== c.lastSeq + 1) {
    fail(`conversation ${c.index}: seq ${m.seq} after ${c.lastSeq}`);
    return;
  }
  c.lastSeq = m.seq;
  c.received++;
  r.received++;
  r.latencies.push(at - c.sentAt);
  r.lastAt = at;
  if (c.received < r.messages) send(c, r);
  else maybeComplete(r);
}

async function connect(baseUrl: string, pairs: BenchPair[]): Promise<void> {
  // Socket 2i and 2i + 1 are conversation i's members; chat messages only flow once all are in.
  sockets = await connectAll(
    baseUrl,
    pairs.flatMap((p) => p.members),
    {
      listen: (socket, i) => socket.on('chat:message', (m: ChatMessage) => receive(conversations[i >> 1], i & 1, m)),
      onDisconnect: (reason) => fail(`a client was disconnected during the run: ${reason}`),
    },
  );
  pairs.forEach((p, index) => {
    const members: [Socket, Socket] = [sockets[2 * index]!, sockets[2 * index + 1]!];
    conversations.push({ index, id: p.conversationId, members, lastSeq: 0, seen: new Set(), sent: 0, received: 0, sentAt: 0 });
  });
}

async function play(round: number, messages: number): Promise<ChatWorkerReply> {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ROUND_TIMEOUT_MS);
    current = {
      round,
      messages,
      expected: messages * conversations.length,
      received: 0,
      acked: 0,
      latencies: [],
      ackLatencies: [],
      startedAt: nowMs(),
      lastAt: 0,
      complete: resolve,
    };
  });
  const r = current!;
  for (const c of conversations) {
    c.sent = c.received = 0;
    send(c, r);
  }
  await done;
  clearTimeout(timer);
  current = null;
  if (failure) throw new Error(failure);
  const { expected, received, acked, latencies, ackLatencies, startedAt, lastAt } = r;
  return { type: 'round', round, expected, received, acked, latencies, ackLatencies, startedAt, lastAt };
}

serveRequests<ChatWorkerRequest, ChatWorkerReply>(async (req) => {
  if (failure) throw new Error(failure);
  switch (req.type) {
    case 'connect': {
      const started = nowMs();
      await connect(req.baseUrl, req.pairs);
      return { type: 'connected', ms: nowMs() - started };
    }
    case 'round':
      return play(req.round, req.messages);
    case 'verify':
      return { type: 'verified' };
    case 'close':
      closeAll(sockets);
      setImmediate(() => process.exit(0));
      return { type: 'closed' };
  }
});
