export * from './chat.ts';
export type * from './contract.ts';
export * from './device-failure.ts';
export * from './errors.ts';
export * from './events.ts';
export type * from './protocol.ts';
export * from './protocol-version.ts';
export * from './push.ts';

export * from './quality.ts';
export * from './remotes.ts';
export type { ClientPayloads, RestBodies } from './schemas.ts';
export * from './session.ts';
export * from './text.ts';
