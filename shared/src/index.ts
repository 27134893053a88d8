export * from './errors.ts';
export * from './events.ts';
export * from './session.ts';
export type * from './protocol.ts';
export type { ClientPayloads, RestBodies } from './schemas.ts';
