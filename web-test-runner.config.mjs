/**
 * Component tests in a REAL Chromium against the REAL Flint server (started once per run by
 * flintServerPlugin). Node's own unit tests (`*.unit.test.ts`) are run by `npm run test:unit`.
 */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { cjsInterop } from './test-support/wtr/cjs-interop-plugin.mjs';
import { flintServer } from './test-support/wtr/flint-server-plugin.mjs';
import { storageQuota } from './test-support/wtr/storage-quota-plugin.mjs';

/** The tsconfig `paths` for the Module Federation remotes, so tests import them as the apps do. */
const remoteAliases = {
  'realtime/socket-store': '/realtime-remote/src/socket-store.ts',
  'call/flint-call': '/call-remote/src/flint-call.ts',
};

// The server the tests start hands out no public STUN server: the suite runs sealed, on loopback.
process.env.FLINT_STUN_URLS ??= '';
const flint = flintServer();

export default {
  files: ['realtime-remote/src/**/*.test.ts', 'call-remote/src/**/*.test.ts', 'host/src/**/*.test.ts', '!**/*.unit.test.ts'],
  // One page at a time: every file shares one server whose connection mode is global state (an
  // admin mode switch is broadcast to every socket).
  concurrency: 1,
  // `browser` condition, else socket.io-client's Node transport (ws, xmlhttprequest) is pulled in.
  nodeResolve: { browser: true, exportConditions: ['browser'] },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: ['--no-sandbox', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection'],
      },
      // Fake devices answer only where camera and microphone are granted (never with
      // --use-fake-ui-for-media-stream, which would accept even a denial; docs/decisions.md).
      createBrowserContext: ({ browser }) => browser.newContext({ permissions: ['camera', 'microphone'] }),
    }),
  ],
  plugins: [
    { name: 'flint-remote-aliases', resolveImport: ({ source }) => remoteAliases[source] },
    cjsInterop(['@nanostores/lit']),
    // Reads tsconfig.json so esbuild compiles the repo's LEGACY decorators the way tsc does.
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }),
    flint.plugin,
    storageQuota(),
  ],
  // Pages reach the real server's /api and /socket.io at their own origin, as in production.
  middleware: [flint.middleware],
  // nanostores reads process.env.NODE_ENV, which browsers do not have.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html>
  <body>
    <script>globalThis.process = { env: { NODE_ENV: 'development' } };</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  testFramework: { config: { timeout: 20_000 } },
};
