/**
 * Page object for `<flint-call>` over the QA contract: state and stage from its reflected
 * attributes, controls by accessible name. Media checks read the tab's capture tracks (recorded by
 * an init script around getUserMedia) and count the frames a `<video>` decodes from the remote
 * stream; nothing else needs the element's shadow DOM.
 */
import { type Browser, type BrowserContext, expect, type Locator, type Page } from '@playwright/test';
import { FlintApp, MEDIA } from './flint-app.ts';

declare global {
  interface Window {
    __flintTracks?: MediaStreamTrack[];
    __flintPeers?: RTCPeerConnection[];
  }
}

/**
 * Wraps getUserMedia and RTCPeerConnection so the test can see every capture track the page ever
 * got and every connection it opened (for RTP statistics), without any hook in the app.
 */
export function recordMedia() {
  const peers: RTCPeerConnection[] = [];
  window.__flintPeers = peers;
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      peers.push(this);
    }
  };
  const tracks: MediaStreamTrack[] = [];
  window.__flintTracks = tracks;
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    tracks.push(...stream.getTracks());
    return stream;
  };
}

export class CallView {
  /** `page` holds the one `<flint-call>`: Flint's shell (`app`) or any page embedding it. */
  constructor(
    readonly page: Page,
    private readonly shell: FlintApp | null = null,
  ) {}

  /** A new context (device) with camera and microphone as given, whose capture tracks are recorded. */
  static async newContext(browser: Browser, permissions = MEDIA): Promise<BrowserContext> {
    const context = await browser.newContext({ permissions });
    await context.addInitScript(recordMedia);
    return context;
  }

  /** A user signed in to Flint's shell in a new context (device). */
  static async signIn(browser: Browser, username: string, path = '/', permissions = MEDIA): Promise<CallView> {
    const context = await CallView.newContext(browser, permissions);
    const app = new FlintApp(context, await context.newPage());
    await app.open(username, path);
    return new CallView(app.page, app);
  }

  /** Flint's shell around this call (throws for a page that only embeds `<flint-call>`). */
  get app(): FlintApp {
    if (!this.shell) throw new Error("this CallView is not on Flint's shell");
    return this.shell;
  }

  get element(): Locator {
    return this.page.locator('flint-call');
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async expectState(state: string, stage?: number, timeout = 15_000): Promise<void> {
    await expect(this.element).toHaveAttribute('state', state, { timeout });
    if (stage !== undefined) await expect(this.element).toHaveAttribute('stage', String(stage));
  }

  /** Capture tracks the page got so far: how many, and how many are still live. */
  tracks(): Promise<{ total: number; live: number; kinds: string[] }> {
    return this.page.evaluate(() => {
      const all = window.__flintTracks ?? [];
      return { total: all.length, live: all.filter((t) => t.readyState === 'live').length, kinds: all.map((t) => t.kind) };
    });
  }

  async expectAllTracksEnded(timeout = 1_000): Promise<void> {
    await expect.poll(async () => (await this.tracks()).live, { timeout }).toBe(0);
    expect((await this.tracks()).total).toBeGreaterThan(0);
  }

  get remote(): Locator {
    return this.element.locator('video[part=remote-video]');
  }

  /** The remote stream's tracks of `kind`: live and unmuted means media really arrives. */
  remoteTracks(kind: 'audio' | 'video'): Promise<Array<{ readyState: string; muted: boolean }>> {
    return this.remote.evaluate((video: HTMLVideoElement, k) => {
      const stream = video.srcObject as MediaStream | null;
      return (stream?.getTracks() ?? []).filter((t) => t.kind === k).map((t) => ({ readyState: t.readyState, muted: t.muted }));
    }, kind);
  }

  /** RTP packets of `kind` that arrived during `ms` (summed over the page's connections). */
  packetsReceived(kind: 'audio' | 'video', ms = 500): Promise<number> {
    return this.page.evaluate(
      async ([k, duration]) => {
        const total = async () => {
          let sum = 0;
          for (const pc of window.__flintPeers ?? []) {
            if (pc.connectionState === 'closed') continue;
            (await pc.getStats()).forEach((r: { type: string; kind?: string; packetsReceived?: number }) => {
              if (r.type === 'inbound-rtp' && r.kind === k) sum += r.packetsReceived ?? 0;
            });
          }
          return sum;
        };
        const before = await total();
        await new Promise((resolve) => setTimeout(resolve, duration));
        return (await total()) - before;
      },
      [kind, ms] as const,
    );
  }

  /** Frames decoded from the remote stream during `ms`, by a scratch <video> playing the same stream. */
  remoteFrames(ms = 1_000): Promise<number> {
    return this.remote.evaluate((video: HTMLVideoElement, duration) => {
      const stream = video.srcObject as MediaStream | null;
      if (!stream || stream.getVideoTracks().length === 0) return 0;
      const probe = document.createElement('video');
      probe.muted = true;
      probe.playsInline = true;
      probe.style.cssText = 'position:fixed;width:32px;height:24px;left:0;top:0;opacity:0.01';
      probe.srcObject = new MediaStream(stream.getVideoTracks());
      document.body.append(probe);
      let frames = 0;
      const count = () => {
        frames += 1;
        probe.requestVideoFrameCallback(count);
      };
      probe.requestVideoFrameCallback(count);
      void probe.play();
      return new Promise<number>((resolve) =>
        setTimeout(() => {
          probe.remove();
          resolve(frames);
        }, duration),
      );
    }, ms);
  }

  /**
   * The candidate pair the page's live connection is sending on (getStats: the transport's selected
   * pair), with each end's type (`host`, `srflx`, `relay`) and, for a relay, how it reaches TURN.
   * Null while nothing is selected.
   */
  selectedPath(): Promise<{ local: string; remote: string; relayProtocol: string | null } | null> {
    return this.page.evaluate(async () => {
      const pc = (window.__flintPeers ?? []).filter((p) => p.connectionState !== 'closed').at(-1);
      if (!pc) return null;
      const stats = new Map<string, Record<string, unknown>>();
      (await pc.getStats()).forEach((r: Record<string, unknown>) => {
        stats.set(r.id as string, r);
      });
      const transport = [...stats.values()].find((r) => r.type === 'transport' && r.selectedCandidatePairId);
      const pair = transport ? stats.get(transport.selectedCandidatePairId as string) : undefined;
      if (!pair) return null;
      const local = stats.get(pair.localCandidateId as string);
      const remote = stats.get(pair.remoteCandidateId as string);
      return {
        local: String(local?.candidateType),
        remote: String(remote?.candidateType),
        relayProtocol: (local?.relayProtocol as string | undefined) ?? null,
      };
    });
  }

  /**
   * What the page's live connection sends as video: the camera sender's encoding parameters
   * (`maxBitrate`, `scaleResolutionDownBy`, as the app set them with setParameters) and the
   * outbound-rtp figures getStats gives for it. Null while there is no video sender.
   */
  videoSending(): Promise<{ maxBitrate: number | null; scale: number; frameHeight: number | null; targetBitrate: number | null } | null> {
    return this.page.evaluate(async () => {
      const pc = (window.__flintPeers ?? []).filter((p) => p.connectionState !== 'closed').at(-1);
      const sender = pc?.getSenders().find((s) => s.track?.kind === 'video');
      if (!pc || !sender) return null;
      const encoding = sender.getParameters().encodings?.[0];
      let out: Record<string, unknown> | undefined;
      (await sender.getStats()).forEach((r: Record<string, unknown>) => {
        if (r.type === 'outbound-rtp') out = r;
      });
      return {
        maxBitrate: encoding?.maxBitrate ?? null,
        scale: encoding?.scaleResolutionDownBy ?? 1,
        frameHeight: (out?.frameHeight as number | undefined) ?? null,
        targetBitrate: (out?.targetBitrate as number | undefined) ?? null,
      };
    });
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}
