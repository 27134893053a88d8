/** @flint/qa: page objects over Flint's QA contract (README.md). */

export { axeViolations, horizontalOverflow, PHONE, smallTouchTargets } from './accessibility.ts';
export { CallView } from './call-view.ts';
export { droppableNetwork } from './chat-network.ts';
export { seedConversation } from './chat-seed.ts';
export { ChatView } from './chat-view.ts';
export { CHROME_PATH, CHROMIUM_ARGS } from './chromium.ts';
export { type ConnectionInfo, FlintApp, MEDIA, type StoreGlobal } from './flint-app.ts';
export { focusedName, tabTo } from './keyboard.ts';
export { LiveView } from './live-view.ts';
export { appMark, cutServer, deviceData, deviceWithDroppableNetwork, waitOfflineReady } from './offline.ts';
export { PlainPage } from './plain-page.ts';
export { ServerApi } from './server-api.ts';
