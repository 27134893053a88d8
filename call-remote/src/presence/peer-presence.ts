/**
 * The other person's presence around a call, wired into `<flint-call>` as one piece: this tab says
 * when its page goes away (`LeaveOnPagehide`) and when its gate is being fixed (`GateReport`), and
 * shows what the other side said (`PeerNotices`).
 */
import type { ReactiveControllerHost } from 'lit';
import type { RealtimePort } from '../controller/ports.ts';
import { GateReport } from './gate-report.ts';
import { LeaveOnPagehide } from './leave-on-pagehide.ts';
import { type PeerNoticeSource, PeerNotices } from './peer-notice.ts';

export { peerNoticeStyles } from './peer-notice.ts';

export class PeerPresence {
  readonly notices: PeerNotices;

  constructor(host: ReactiveControllerHost, source: PeerNoticeSource, realtime: () => RealtimePort | null) {
    new LeaveOnPagehide(host, () => source.snapshot(), realtime);
    new GateReport(host, source, realtime);
    this.notices = new PeerNotices(host, source, realtime);
  }

  render() {
    return this.notices.render();
  }
}
