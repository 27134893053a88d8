/**
 * The domain modules createApp installs, in order. A new domain (chat, calls, queue) adds its
 * `xModule(ctx)` here: it registers REST routes on `ctx.fastify`, socket events on `ctx.events`,
 * connection hooks and cleanup on the context. The static module goes last: it owns the 404 handler.
 */

import { adminModule } from './admin/admin.routes.ts';
import type { FlintModule } from './app-context.ts';
import { authModule } from './auth/auth.routes.ts';
import { callsModule } from './calls/calls.handlers.ts';
import { chatModule } from './chat/chat.handlers.ts';
import { staticModule } from './http/static.ts';
import { systemModule } from './http/system.routes.ts';
import { presenceModule } from './presence/presence.handlers.ts';
import { pushModule } from './push/push.handlers.ts';
import { queueModule } from './queue/queue.handlers.ts';
import { safetyModule } from './safety/safety.handlers.ts';
import { swipesModule } from './swipes/swipes.routes.ts';
import { usersModule } from './users/users.routes.ts';

export const defaultModules: FlintModule[] = [
  systemModule,
  authModule,
  usersModule,
  swipesModule,
  adminModule,
  presenceModule,
  chatModule,
  pushModule,
  callsModule,
  queueModule,
  safetyModule,
  staticModule,
];
