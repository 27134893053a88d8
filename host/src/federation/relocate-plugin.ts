/**
 * A remote's own build-time remotes (call-remote → realtime-remote) carry a default URL baked in at
 * build. This global runtime plugin rewrites every registration of a known remote name to the URL
 * from the host's run-time config, so each remote can be deployed anywhere without a rebuild, and
 * both host and call-remote end up on the SAME realtime container (one store, one socket).
 */
import type { ModuleFederationRuntimePlugin } from '@module-federation/enhanced/runtime';

export function relocateRemotes(entries: Record<string, string>): ModuleFederationRuntimePlugin {
  return {
    name: 'flint-relocate-remotes',
    beforeRegisterRemote(args) {
      const entry = entries[args.remote.name];
      if (entry && 'entry' in args.remote) args.remote.entry = entry;
      return args;
    },
  };
}
