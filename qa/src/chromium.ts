/**
 * How every browser run here launches Debian's Chromium (docs/decisions.md, "Facts we rely on"): fake media devices, loopback
 * WebRTC, no background traffic to a network this machine does not have. Permissions are granted
 * per context, never with --use-fake-ui-for-media-stream (it would accept even a denial).
 */
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
];
