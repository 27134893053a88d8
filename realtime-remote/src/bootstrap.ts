/** Standalone page of realtime-remote: nothing runs here; the store is consumed through ./socket-store. */
export {};
