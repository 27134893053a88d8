/** Prometheus metrics, in a registry per app (not prom-client's global one) so tests can run several apps. */
import { Counter, Gauge, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  events: Counter<'event' | 'outcome'>;
  /** Every accepted socket connection; QA flows read it to prove a tab opened exactly one. */
  connections: Counter;
}

export function createMetrics(localSocketCount: () => number): Metrics {
  const registry = new Registry();
  new Gauge({
    name: 'flint_sockets',
    help: 'Socket.IO connections open on this node',
    registers: [registry],
    collect() {
      this.set(localSocketCount());
    },
  });
  const events = new Counter({
    name: 'flint_socket_events_total',
    help: 'Client socket events handled, by event and outcome (ok or error code)',
    labelNames: ['event', 'outcome'] as const,
    registers: [registry],
  });
  const connections = new Counter({
    name: 'flint_socket_connections_total',
    help: 'Socket.IO connections accepted by this node since it started',
    registers: [registry],
  });
  return { registry, events, connections };
}
