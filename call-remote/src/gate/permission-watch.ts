/**
 * Retry without a reload: while a gate failure is shown, watch the Permissions API so that granting
 * access in the browser's site settings re-runs the gate by itself.
 */
import type { StageMedia } from '@flint/shared';

type DeviceName = 'camera' | 'microphone';

const namesFor = (media: StageMedia): DeviceName[] => (media === 'video' ? ['microphone', 'camera'] : ['microphone']);

/**
 * Calls `onGranted` once every permission the stage needs has changed to `granted`. Browsers
 * without these permission names (Firefox lacks `camera`) simply never call it: the "Try again"
 * button still works there. Returns the stop function.
 */
export function watchPermissions(media: StageMedia, onGranted: () => void): () => void {
  let stopped = false;
  const statuses: PermissionStatus[] = [];
  const check = () => {
    if (!stopped && statuses.length === namesFor(media).length && statuses.every((s) => s.state === 'granted')) {
      onGranted();
    }
  };
  for (const name of namesFor(media)) {
    navigator.permissions
      ?.query({ name: name as PermissionName })
      .then((status) => {
        if (stopped) return;
        statuses.push(status);
        status.addEventListener('change', check);
      })
      .catch(() => undefined);
  }
  return () => {
    stopped = true;
    for (const status of statuses) status.removeEventListener('change', check);
  };
}
