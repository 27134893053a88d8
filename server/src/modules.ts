/**
 * The domain modules createApp installs, in order. A new domain (chat, calls, queue) adds its
 * `xModule(ctx)` here: it registers REST routes on `ctx.fastify`, socket events on `ctx.events`,
 * connection hooks and cleanup on the context.
 */
import type { FlintModule } from './app-context.ts';
import { authModule } from './auth/auth.routes.ts';
import { systemModule } from './http/system.routes.ts';

export const defaultModules: FlintModule[] = [systemModule, authModule];
