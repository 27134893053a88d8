/**
 * Chooses the media engine the server asked for (`CallPrepare.engine`). WebRTC is the default and
 * ships in the element's bundle; the Agora engine and its SDK are dynamic imports, so the SDK is
 * its own chunk, fetched only by a call the server routes through Agora.
 */

import type { AgoraSdk } from './agora/sdk.ts';
import type { MediaEngineFactory } from './media-engine.ts';

/** The WebRTC engine's chunk: fetched when a call begins (`preloadEngine`), not with the page. */
const loadWebrtc = () => import('./webrtc/webrtc-engine.ts');

/** Starts fetching the default engine while the call rings or dials, so prepare never waits for it. */
export const preloadEngine = (): void => void loadWebrtc().catch(() => undefined);

export interface EngineLoaders {
  loadAgoraSdk(): Promise<AgoraSdk>;
}

/** A factory with its SDK loader injected (tests pass a fake SDK). */
export function createEngineFactory(loaders: EngineLoaders): MediaEngineFactory {
  return async (kind, { signaling, callbacks }) => {
    if (kind !== 'agora') return (await loadWebrtc()).createWebrtcEngine({ signaling, callbacks });
    const { createAgoraEngine } = await import('./agora/agora-engine.ts');
    return createAgoraEngine({ loadSdk: loaders.loadAgoraSdk, callbacks });
  };
}

/** The SDK's default export is checked here against the types the engine relies on. */
const loadAgoraSdk = async (): Promise<AgoraSdk> => (await import('agora-rtc-sdk-ng')).default;

export const createEngine: MediaEngineFactory = createEngineFactory({ loadAgoraSdk });
