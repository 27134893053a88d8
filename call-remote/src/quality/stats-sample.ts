/**
 * One StatsSample from two getStats() reports taken an interval apart (counters are totals since the
 * start, so loss, received packets and freezes are differences). Reads only standard fields
 * (w3.org/TR/webrtc-stats): the selected candidate pair's currentRoundTripTime, inbound-rtp
 * packetsReceived / packetsLost / jitter / framesPerSecond / freezeCount, remote-inbound-rtp
 * fractionLost (what the peer lost of ours) and roundTripTime.
 */
import type { StatsSample } from './quality-level.ts';

type Stat = Record<string, unknown> & { id: string; type: string };
/** An RTCStatsReport, or any map of stats objects (tests). */
export type StatsReport = { forEach(cb: (value: Stat) => void): void; get(id: string): Stat | undefined };

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const max = (values: Array<number | null>): number | null =>
  values.reduce<number | null>((m, v) => (v === null ? m : Math.max(m ?? v, v)), null);

function all(report: StatsReport, type: string): Stat[] {
  const out: Stat[] = [];
  report.forEach((s) => {
    if (s.type === type) out.push(s);
  });
  return out;
}

function roundTrip(report: StatsReport): number | null {
  const transport = all(report, 'transport')[0];
  const selected =
    (typeof transport?.selectedCandidatePairId === 'string' ? report.get(transport.selectedCandidatePairId) : undefined) ??
    all(report, 'candidate-pair').find((p) => p.nominated === true && p.state === 'succeeded');
  const pair = num(selected?.currentRoundTripTime);
  if (pair !== null) return pair * 1000;
  return max(all(report, 'remote-inbound-rtp').map((s) => (num(s.roundTripTime) === null ? null : num(s.roundTripTime)! * 1000)));
}

export function sampleOf(prev: StatsReport | null, next: StatsReport): StatsSample {
  let received = 0;
  let lost = 0;
  let freezes = 0;
  const inbound = all(next, 'inbound-rtp');
  for (const s of inbound) {
    const before = prev?.get(s.id);
    received += (num(s.packetsReceived) ?? 0) - (num(before?.packetsReceived) ?? 0);
    lost += Math.max(0, (num(s.packetsLost) ?? 0) - (num(before?.packetsLost) ?? 0));
    if (s.kind === 'video' && (num(before?.framesDecoded) ?? 0) > 0)
      freezes += Math.max(0, (num(s.freezeCount) ?? 0) - (num(before?.freezeCount) ?? 0));
  }
  const theirs = received + lost > 0 ? (100 * lost) / (received + lost) : null;
  const ours = max(all(next, 'remote-inbound-rtp').map((s) => (num(s.fractionLost) === null ? null : num(s.fractionLost)! * 100)));
  // Video counts once it has been decoding for a whole interval: its first second (decoder start,
  // the first key frame) has a low frame rate on any link, and stepping down for it would be wrong.
  const video = inbound.find((s) => s.kind === 'video' && (num(prev?.get(s.id)?.framesDecoded) ?? 0) > 0);
  const audio = inbound.filter((s) => s.kind === 'audio');
  return {
    rttMs: roundTrip(next),
    lossPct: max([theirs, ours]),
    // Audio's jitter: video's is inflated by design (a frame's packets share one timestamp and leave
    // in a burst), and the video's own trouble shows in its frame rate and freezes.
    jitterMs: max((audio.length > 0 ? audio : inbound).map((s) => (num(s.jitter) === null ? null : num(s.jitter)! * 1000))),
    fps: video ? (num(video.framesPerSecond) ?? 0) : null,
    freezes,
    received: prev === null || inbound.length === 0 ? null : received > 0,
  };
}
