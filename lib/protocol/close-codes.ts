// WebSocket close codes shared by the collab server and its clients (PRODUCT.md "Contracts").
export const CLOSE = {
  /** Server going down or room unloading: the client should reconnect. */
  goingAway: 1001,
  /** A frame that does not decode as the y-websocket protocol. */
  protocolError: 1002,
  /** A message type the protocol does not define. */
  unsupportedData: 1003,
  /** A message larger than MAX_MESSAGE_BYTES. */
  messageTooBig: 1009,
  internalError: 1011,
  /** The server cannot keep up with sending to this socket (it reads too slowly): reconnect later. */
  tryAgainLater: 1013,
  /** The user's role changed: reconnect to get a session with the new one. */
  roleChanged: 4000,
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  /** Too many messages: the socket sent faster than MESSAGES_PER_SECOND allows. */
  rateLimited: 4429,
} as const;

export type TCloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** Codes after which reconnecting with the same credentials cannot succeed. */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([CLOSE.unauthenticated, CLOSE.forbidden, CLOSE.notFound]);
