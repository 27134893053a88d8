/**
 * web-test-runner plugin: serves CommonJS-only packages (e.g. @nanostores/lit 0.2, which ships only
 * CommonJS) to the browser as ES modules with named exports. Bundlers (rspack) do this interop
 * themselves; the dev server does not. Only for self-contained packages: the export names are read
 * by requiring the package in Node.
 */
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const PREFIX = '/__cjs/';

export function cjsInterop(packages) {
  return {
    name: 'cjs-interop',
    resolveImport: ({ source }) => (packages.includes(source) ? `${PREFIX}${source}.js` : undefined),
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const name = context.path.slice(PREFIX.length, -'.js'.length);
      if (!packages.includes(name)) return undefined;
      const names = Object.keys(require(name)).filter((n) => n !== 'default' && n !== '__esModule');
      const entry = `import * as m from ${JSON.stringify(name)}; export const { ${names.join(', ')} } = m;`;
      const out = await build({
        stdin: { contents: entry, resolveDir: process.cwd() },
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
      });
      return { body: out.outputFiles[0].text, type: 'js' };
    },
  };
}
