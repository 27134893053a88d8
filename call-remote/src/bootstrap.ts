/** Standalone page of call-remote: the element is consumed through ./flint-call by a host. */
export {};
