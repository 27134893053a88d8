/**
 * How soon the other person hears that someone left: `call:leaving` (a closed page, issue 10)
 * against the plain drop path (the socket goes away and the server's disconnect hook finds the
 * participant gone), both ending in `call:peer-state {connected: false}` at the peer, in the same
 * run on the same app (PGlite). Rounds alternate; each resumes the call before the next.
 *   node --import tsx server/bench/leave.bench.ts [--rounds 20]
 */
import { authModule } from '../src/auth/auth.routes.ts';
import { connectCall, createCallPair, ok, person, startStage, TEST_ENV } from '../src/calls/calls.fixtures.ts';
import { installCalls } from '../src/calls/calls.handlers.ts';
import { createTestApp, waitFor } from '../src/test-support/harness.ts';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 20;
const t = await createTestApp({
  dbKind: 'pglite',
  modules: [authModule, (ctx) => installCalls(ctx, { prepareTimeoutS: 600 })],
  env: { ...TEST_ENV, FLINT_STAGE_PLAN: 'audio:600', FLINT_RECONNECT_GRACE_S: '600', FLINT_LEAVE_GRACE_S: '600' },
});
const pair = await createCallPair(t);
const sessionId = await connectCall(t, pair);
await startStage(t, pair, sessionId, 1);
const times = { leaving: [] as number[], drop: [] as number[] };
let caller = pair.caller;
for (let i = 0; i < rounds * 2; i++) {
  const kind = i % 2 === 0 ? 'leaving' : 'drop';
  const told = waitFor(pair.callee.socket, 'call:peer-state');
  const start = performance.now();
  if (kind === 'leaving') t.emit(caller.socket, 'call:leaving', { sessionId }).catch(() => {});
  else caller.socket.disconnect();
  await told;
  times[kind].push(performance.now() - start);
  if (kind === 'leaving') caller.socket.disconnect();
  caller = await person(t, pair.caller);
  const back = waitFor(pair.callee.socket, 'call:peer-state');
  await ok(t, caller.socket, 'call:resume', {});
  await back;
}
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!.toFixed(1);
for (const [kind, xs] of Object.entries(times))
  console.log(`${kind.padEnd(8)} n=${xs.length} p50=${pct(xs, 50)} ms p90=${pct(xs, 90)} ms max=${pct(xs, 100)} ms`);
await t.close();
