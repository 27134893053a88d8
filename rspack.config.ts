/**
 * ONE multi-compiler config for the three web apps (ARCHITECTURE §1) and the embedding loader.
 * `npm run build` builds all (then scripts/version-remotes.mjs files each remote build under its
 * version); `--config-name host` builds one. Each app is its own deployable: own dist/, own
 * uniqueName, relocatable (`publicPath: 'auto'`), its own mf-manifest.json. A remote builds into
 * `dist/.next/`, which the versioning step moves to `dist/versions/<id>/` (immutable).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModuleFederationPlugin } from '@module-federation/enhanced/rspack';
import { type Configuration, rspack } from '@rspack/core';

const root = path.dirname(fileURLToPath(import.meta.url));
const prod = process.env.NODE_ENV !== 'development';

/**
 * Singletons shared by every container. Lit's core packages are listed one by one: sharing only
 * `lit` would evaluate `@lit/reactive-element` twice (docs/decisions.md). The socket store itself is NOT
 * here: an exposed module is never shared, everyone imports it through the realtime remote.
 */
const singleton = { singleton: true, requiredVersion: false as const };
const shared = Object.fromEntries(
  [
    'lit',
    'lit/',
    'lit-html',
    'lit-html/',
    'lit-element/',
    '@lit/reactive-element',
    '@lit/reactive-element/',
    '@lit/context',
    '@lit/task',
    'nanostores',
    '@nanostores/lit',
    'socket.io-client',
    '@flint/shared',
  ].map((name) => [name, singleton]),
);

/**
 * Where call-remote finds realtime-remote at build time. Never used as such: every loader (the host,
 * the embedding loader) rewrites it at run time to the version it resolved (`relocateRemotes`).
 */
const realtimeDefault = 'http://localhost:3002/versions/unresolved/mf-manifest.json';

interface App {
  name: 'host' | 'call-remote' | 'realtime-remote';
  container: string;
  exposes?: Record<string, string>;
  remotes?: Record<string, string>;
}

function app({ name, container, exposes, remotes }: App): Configuration {
  const dir = path.join(root, name);
  return {
    name,
    mode: prod ? 'production' : 'development',
    devtool: prod ? 'source-map' : 'eval-cheap-module-source-map',
    context: dir,
    entry: { main: './src/index.ts' },
    output: {
      path: path.join(dir, 'dist', name === 'host' ? '' : '.next'),
      publicPath: 'auto',
      uniqueName: `flint_${container}`,
      filename: prod ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: prod ? '[name].[contenthash:8].js' : '[name].js',
      // CORS script loads for cross-origin chunks: the service worker caches only readable responses.
      crossOriginLoading: 'anonymous',
      // The host's service worker is its own build (below) into the same dist/.
      clean: name === 'host' ? { keep: /[\\/]sw\.js(\.map)?$/ } : true,
    },
    resolve: { extensions: ['.ts', '.js'], tsConfig: path.join(root, 'tsconfig.json') },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'builtin:swc-loader',
          options: {
            jsc: {
              parser: { syntax: 'typescript', decorators: true },
              transform: { legacyDecorator: true, useDefineForClassFields: false },
              target: 'es2022',
            },
          },
          type: 'javascript/auto',
        },
      ],
    },
    plugins: [
      new ModuleFederationPlugin({
        name: container,
        filename: 'remoteEntry.js',
        exposes,
        remotes,
        shared,
        dts: false,
        manifest: true,
        // Browser-only: drops the runtime's Node loaders (define ENV_TARGET) from every container.
        experiments: { optimization: { target: 'web' } },
      }),
      new rspack.HtmlRspackPlugin({
        template: path.join(dir, 'src/index.html'),
        chunks: ['main'],
        publicPath: name === 'host' ? '/' : 'auto',
      }),
      new rspack.DefinePlugin({ 'process.env.NODE_ENV': JSON.stringify(prod ? 'production' : 'development') }),
    ],
    optimization: { minimize: prod },
    performance: { hints: false },
    lazyCompilation: false,
    stats: 'errors-warnings',
  };
}

/** TypeScript without decorators, for the single-file builds (the embed loader, the service worker). */
const plainTs = {
  test: /\.ts$/,
  loader: 'builtin:swc-loader',
  options: { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } },
  type: 'javascript/auto',
} as const;

/**
 * The embedding kit's loader (docs/embedding.md): ONE ES module a host team imports from the call
 * remote's deploy, with the MF runtime inside; it registers both remotes and configures the store.
 * Not versioned: its address is what host pages name (`dist/embed.js`, served `no-cache`).
 */
function embedLoader(): Configuration {
  const dir = path.join(root, 'call-remote');
  return {
    name: 'embed',
    mode: prod ? 'production' : 'development',
    devtool: false,
    context: dir,
    entry: { embed: './src/embed/embed.ts' },
    output: {
      path: path.join(dir, 'dist'),
      filename: 'embed.js',
      module: true,
      chunkFormat: 'module',
      library: { type: 'module' },
      clean: false,
    },
    resolve: { extensions: ['.ts', '.js'], tsConfig: path.join(root, 'tsconfig.json') },
    module: {
      rules: [plainTs],
    },
    plugins: [new rspack.DefinePlugin({ 'process.env.NODE_ENV': JSON.stringify(prod ? 'production' : 'development') })],
    optimization: { minimize: prod, splitChunks: false },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}

/**
 * The host origin's service worker, `host/dist/sw.js`: a fixed name (its URL is its identity),
 * one file, built for a worker's global scope, without Module Federation (it shares nothing).
 */
function serviceWorker(): Configuration {
  return {
    name: 'host-sw',
    target: 'webworker',
    mode: prod ? 'production' : 'development',
    devtool: prod ? 'source-map' : false,
    context: path.join(root, 'host'),
    entry: { sw: './src/sw/worker/sw.ts' },
    output: { path: path.join(root, 'host', 'dist'), filename: 'sw.js', publicPath: '/', clean: false },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [plainTs],
    },
    optimization: { minimize: prod, splitChunks: false },
    // Workbox logs its routing decisions unless NODE_ENV is production.
    plugins: [new rspack.DefinePlugin({ 'process.env.NODE_ENV': JSON.stringify(prod ? 'production' : 'development') })],
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}

export default [
  app({ name: 'realtime-remote', container: 'realtime', exposes: { './socket-store': './src/socket-store.ts' } }),
  app({
    name: 'call-remote',
    container: 'call',
    exposes: { './flint-call': './src/flint-call.ts' },
    remotes: { realtime: `realtime@${realtimeDefault}` },
  }),
  app({ name: 'host', container: 'host' }),
  embedLoader(),
  serviceWorker(),
];
