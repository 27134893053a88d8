// In-page instrumentation for the call bench (see probe.ts). Plain JavaScript on purpose: it is
// injected as it is, so no TypeScript transform can add helpers the page does not have.

/** Runs in every page of the bench before the page's own scripts. */
// biome-ignore lint/correctness/noUnusedVariables: called by the init script probe.ts appends to this source.
function instrument(audioPollMs) {
  const wall = (t) => performance.timeOrigin + t;
  const probe = { frames: [], audioFirst: null, states: [], peers: [], now: () => wall(performance.now()) };
  window.__bench = probe;
  // <flint-call>'s public event (bubbles, composed): where a Flint call spends its time.
  window.addEventListener('flint-call-state-change', ({ detail }) => {
    probe.states.push({ state: detail.state, stage: detail.stage, t: probe.now() });
  });

  function watchVideo(track) {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.style.cssText = 'position:fixed;left:0;top:0;width:32px;height:24px;opacity:0.01;pointer-events:none';
    video.srcObject = new MediaStream([track]);
    const onFrame = (now, meta) => {
      probe.frames.push(wall(meta.presentationTime ?? now));
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    // A sender cleared at an intermission and refilled later: make sure the probe plays again.
    track.addEventListener('unmute', () => void video.play().catch(() => {}));
    document.documentElement.append(video);
    void video.play().catch(() => {});
  }

  function watchAudio(pc) {
    const poll = async () => {
      if (probe.audioFirst !== null || pc.connectionState === 'closed') return;
      let packets = 0;
      (await pc.getStats()).forEach((r) => {
        if (r.type === 'inbound-rtp' && r.kind === 'audio') packets += r.packetsReceived ?? 0;
      });
      if (packets > 0) probe.audioFirst ??= probe.now();
      else setTimeout(poll, audioPollMs);
    };
    void poll();
  }

  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config) {
      super(config);
      probe.peers.push(this);
      let audioWatched = false;
      this.addEventListener('track', ({ track }) => {
        if (track.kind === 'video') watchVideo(track);
        else if (!audioWatched) {
          audioWatched = true;
          watchAudio(this);
        }
      });
    }
  };
}
