/** Options and the reproducible command line, shared by the socket benches. */

export function positiveInt(name: string, flag: string | undefined, env: string | undefined, fallback: number): number {
  const text = flag ?? env;
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return n;
}

/** The command as the user typed it (npm script or node), with the `envKeys` they set, so the figures can be reproduced. */
export function command(script: string, envKeys: string[]): string {
  const env = envKeys.filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]} `);
  const args = process.argv.slice(2).join(' ');
  const npmScript = process.env.npm_lifecycle_event;
  const base = npmScript ? `npm run ${npmScript}${args ? ` -- ${args}` : ''}` : `node --import tsx ${script}${args ? ` ${args}` : ''}`;
  return env.join('') + base;
}
