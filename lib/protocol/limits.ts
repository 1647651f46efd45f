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

/**
 * Messages one socket may send: a sustained rate and a burst. Typing with presence sends ~20-40 a
 * second; a reconnect after offline work sends a few at once. Beyond this a socket is flooding.
 */
export const MESSAGES_PER_SECOND = 100;
export const MESSAGE_BURST = 300;

/** A read-only session that keeps sending document updates after being told is closed after this many. */
export const READ_ONLY_UPDATES_BEFORE_CLOSE = 20;

/** Outgoing bytes queued for one socket before the server gives up on a reader that cannot keep up. */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

/** Awareness client ids one socket may publish (one per open tab of the doc is normal). */
export const MAX_AWARENESS_CLIENTS_PER_SESSION = 4;

/** Ping interval; a socket that misses one pong is dropped (a dead peer is found within two). */
export const HEARTBEAT_MS = 30_000;

/**
 * Sync step 1 messages one socket may send: answering one with an empty state vector encodes the
 * whole document (~90 ms for 5,000 entries), while a stock provider sends one per connection.
 */
export const SYNC_STEP1_PER_MINUTE = 30;
export const SYNC_STEP1_BURST = 5;

/**
 * Per-entry history records one person's run of edits on an entry as one change: the run ends after
 * this much quiet (so typing a headline is one record, not one per keystroke)...
 */
export const HISTORY_QUIET_MS = 3_000;
/** ...or once it has lasted this long, so history is never far behind a long session. */
export const HISTORY_MAX_RUN_MS = 30_000;

/** Longest comment body: long enough for a fact-check with its quotes; a comment is not a document. */
export const MAX_COMMENT_CHARS = 10_000;

/** Longest note on a verification status: a line of reasoning or a source, not an article. */
export const MAX_STATUS_NOTE_CHARS = 2_000;
