// Limits shared by the server (enforced) and clients (checked before sending).

/**
 * Largest inbound websocket message. A 5,000-entry timeline encodes to ~6 MB, and a client that
 * edited offline sends its whole difference in one sync step 2, so leave room above that.
 */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Largest awareness state one client may publish: presence is a name, a colour and a cursor. */
export const MAX_AWARENESS_BYTES = 4 * 1024;

/** Updates reach the update log within this time (issue 2: "within 1 s"). */
export const PERSIST_MAX_WAIT_MS = 500;

/** Quiet time after an update before the batch is written, unless PERSIST_MAX_WAIT_MS comes first. */
export const PERSIST_DEBOUNCE_MS = 100;

/** Compact the log into the state row after this many logged batches or this long, whichever first. */
export const COMPACT_EVERY_BATCHES = 200;
export const COMPACT_EVERY_MS = 60_000;
