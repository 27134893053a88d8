/**
 * The real Flint server (see flint-app.ts) as a fan-out target. A fan-out goes through
 * `ctx.notifier.notify`, the path every domain uses to notify a user.
 */
import { startFlintApp } from './flint-app.ts';
import { serveTarget } from './server-child.ts';

serveTarget(async (clients) => {
  const { app, baseUrl, userIds, auths, close } = await startFlintApp(clients);
  return {
    baseUrl,
    auths,
    connectedSockets: () => app.io.of('/').sockets.size,
    fanout(notification) {
      for (const id of userIds) app.ctx.notifier.notify(id, notification);
    },
    close,
  };
});
