/**
 * ONE multi-compiler config for the three web apps (ARCHITECTURE §1). `rspack build` builds all;
 * `--config-name host` builds one. Each app is its own deployable: own dist/, own uniqueName,
 * relocatable (`publicPath: 'auto'`), its own mf-manifest.json.
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
 * Where call-remote finds realtime-remote at build time. Only a default: the host rewrites it at
 * run time from its fetched config (host/src/federation/relocate-plugin.ts).
 */
const realtimeDefault = process.env.FLINT_REALTIME_REMOTE_URL ?? 'http://localhost:3002/mf-manifest.json';

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
      path: path.join(dir, 'dist'),
      publicPath: 'auto',
      uniqueName: `flint_${container}`,
      filename: prod ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: prod ? '[name].[contenthash:8].js' : '[name].js',
      clean: true,
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

export default [
  app({ name: 'realtime-remote', container: 'realtime', exposes: { './socket-store': './src/socket-store.ts' } }),
  app({
    name: 'call-remote',
    container: 'call',
    exposes: { './flint-call': './src/flint-call.ts' },
    remotes: { realtime: `realtime@${realtimeDefault}` },
  }),
  app({ name: 'host', container: 'host' }),
];
