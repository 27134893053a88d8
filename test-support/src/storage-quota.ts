import { executeServerCommand } from '@web/test-runner-commands';

/** Caps this page's origin storage quota in Chromium (a real quota: writes past it fail); no argument lifts the cap. */
export const setStorageQuota = (bytes?: number) => executeServerCommand('storage-quota', bytes ? { bytes } : {});
