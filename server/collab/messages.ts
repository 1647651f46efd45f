// The y-websocket protocol: encoders for what the server sends, and the handler table for what it
// receives. Unlike y-websocket, a frame that does not decode, or a type the protocol does not
// define, closes the socket instead of being skipped.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import * as authProtocol from "y-protocols/auth";
import * as awarenessProtocol from "y-protocols/awareness";
import { CLOSE } from "../../lib/protocol/close-codes.ts";
import { MAX_AWARENESS_BYTES, MAX_AWARENESS_CLIENTS_PER_SESSION } from "../../lib/protocol/limits.ts";
import { MESSAGE, SYNC } from "../../lib/protocol/messages.ts";
import type { Session } from "./session.ts";

export class ProtocolError extends Error {
  constructor(
    readonly closeCode: number,
    message: string,
  ) {
    super(message);
  }

  /** What the client is told: fixed words per close code, never the client's own bytes. */
  get publicReason(): string {
    return PUBLIC_REASONS[this.closeCode] ?? "protocol error";
  }
}

const PUBLIC_REASONS: Record<number, string> = {
  [CLOSE.protocolError]: "malformed message",
  [CLOSE.unsupportedData]: "unsupported message type",
  [CLOSE.messageTooBig]: "message too big",
};

function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    encoding.writeVarUint(e, SYNC.step1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
}

export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    encoding.writeVarUint(e, SYNC.step2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    encoding.writeVarUint(e, SYNC.update);
    encoding.writeVarUint8Array(e, update);
  });
}

/** y-protocols' auth message: a stock provider reports it as "Permission denied". */
export function encodePermissionDenied(reason: string): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MESSAGE.auth);
    authProtocol.writePermissionDenied(e, reason);
  });
}

export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MESSAGE.awareness);
    encoding.writeVarUint8Array(e, update);
  });
}

type THandler = (session: Session, decoder: decoding.Decoder) => void;

function handleSync(session: Session, decoder: decoding.Decoder): void {
  const type = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  const { doc } = session.room;
  switch (type) {
    case SYNC.step1:
      if (session.allowSyncStep1()) session.send(encodeSyncStep2(doc, payload));
      return;
    case SYNC.step2:
      session.receiveUpdate(payload, "step2");
      return;
    case SYNC.update:
      session.receiveUpdate(payload, "update");
      return;
    default:
      throw new ProtocolError(CLOSE.unsupportedData, `unknown sync message type ${type}`);
  }
}

function handleAwareness(session: Session, decoder: decoding.Decoder): void {
  const update = decoding.readVarUint8Array(decoder);
  if (update.byteLength > MAX_AWARENESS_BYTES) {
    throw new ProtocolError(CLOSE.messageTooBig, `awareness update of ${update.byteLength} bytes exceeds ${MAX_AWARENESS_BYTES}`);
  }
  awarenessProtocol.applyAwarenessUpdate(session.room.awareness, sanitizeAwareness(session, update), session);
}

const COLOR = /^#[0-9a-fA-F]{3,8}$/;

/**
 * Presence says who someone is, so the server writes that part: `user.id` and `user.name` come from
 * the session, whatever the client sent. A socket may only publish its own client ids (never
 * overwrite or remove a colleague's presence), and only a few of them.
 */
export function sanitizeAwareness(session: Session, update: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: { clientID: number; clock: number; state: string }[] = [];
  let fresh = 0;
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    const owner = session.room.awarenessOwners.get(clientID);
    if (owner && owner !== session) continue;
    // New ids in this frame count too: the session's set is only updated once the frame is applied.
    if (!owner && session.awarenessIds.size + fresh >= MAX_AWARENESS_CLIENTS_PER_SESSION) continue;
    if (!owner) fresh++;
    kept.push({ clientID, clock, state: JSON.stringify(withSessionIdentity(session, JSON.parse(raw) as unknown)) });
  }
  return encode((e) => {
    encoding.writeVarUint(e, kept.length);
    for (const k of kept) {
      encoding.writeVarUint(e, k.clientID);
      encoding.writeVarUint(e, k.clock);
      encoding.writeVarString(e, k.state);
    }
  });
}

function withSessionIdentity(session: Session, state: unknown): unknown {
  if (state === null) return null;
  if (typeof state !== "object" || Array.isArray(state)) throw new ProtocolError(CLOSE.protocolError, "an awareness state must be an object or null");
  const claimed = (state as { user?: unknown }).user;
  const color = typeof claimed === "object" && claimed !== null ? (claimed as { color?: unknown }).color : undefined;
  return {
    ...state,
    user: { id: session.user.id, name: session.user.name, ...(typeof color === "string" && COLOR.test(color) ? { color } : {}) },
  };
}

function handleQueryAwareness(session: Session): void {
  const { awareness } = session.room;
  const ids = [...awareness.getStates().keys()];
  if (ids.length > 0) session.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, ids)));
}

const handlers: Record<number, THandler | undefined> = {
  [MESSAGE.sync]: handleSync,
  [MESSAGE.awareness]: handleAwareness,
  [MESSAGE.queryAwareness]: handleQueryAwareness,
};

/** Decodes and handles one frame; throws ProtocolError for anything the protocol does not allow. */
export function dispatchMessage(session: Session, data: Uint8Array): void {
  const decoder = decoding.createDecoder(data);
  let type: number;
  try {
    type = decoding.readVarUint(decoder);
  } catch {
    throw new ProtocolError(CLOSE.protocolError, "empty or truncated frame");
  }
  const handler = handlers[type];
  if (!handler) throw new ProtocolError(CLOSE.unsupportedData, `unknown message type ${type}`);
  try {
    handler(session, decoder);
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(CLOSE.protocolError, `malformed message of type ${type}: ${(err as Error).message}`);
  }
}
