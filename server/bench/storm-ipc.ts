/** Messages of the reconnect-storm bench (storm.bench.ts) between the orchestrator and its children. */

/** Orchestrator → storm server child. */
export type StormServerRequest =
  | { type: 'start'; clients: number }
  | { type: 'drop' }
  | { type: 'settled'; clients: number }
  | { type: 'close' };

export type StormServerReply =
  | { type: 'started'; baseUrl: string; auths: Record<string, string>[] }
  /** `droppedAt`: when the server began ending every transport (clock.ts). */
  | { type: 'dropped'; droppedAt: number; dropped: number }
  /** `at`: when every socket was connected and authenticated and presence matched them exactly. */
  | { type: 'settled'; at: number; sockets: number }
  | { type: 'closed' }
  | { type: 'error'; message: string };

/** Orchestrator → storm client worker. */
export type StormWorkerRequest =
  | { type: 'connect'; baseUrl: string; auths: Record<string, string>[] }
  | { type: 'arm' }
  | { type: 'back' }
  | { type: 'close' };

export type StormWorkerReply =
  | { type: 'connected'; ms: number }
  | { type: 'armed' }
  /** Every socket of the worker dropped and came back; `lastBackAt` when the last one did. */
  | { type: 'back'; lastBackAt: number; reconnects: number }
  | { type: 'closed' }
  | { type: 'error'; message: string };
