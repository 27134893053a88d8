/** The production ports: the tab's one socket store, the browser's devices, the server-chosen media engine. */
import * as realtime from 'realtime/socket-store';
import { acquire } from '../gate/acquire.ts';
import { watchPermissions } from '../gate/permission-watch.ts';
import { createEngine } from '../media/create-engine.ts';
import { type CallPorts, systemClock } from './ports.ts';

export const defaultPorts = (): CallPorts => ({
  realtime,
  gate: { acquire: (media) => acquire(media), watchPermissions },
  media: createEngine,
  clock: systemClock,
});
