// The y-websocket protocol: encoders for what the server sends, and the handler table for what it
// receives. Unlike y-websocket, a frame that does not decode, or a type the protocol does not
// define, closes the socket instead of being skipped.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { CLOSE } from "../../lib/protocol/close-codes.ts";
import { MAX_AWARENESS_BYTES } from "../../lib/protocol/limits.ts";
import { MESSAGE, SYNC } from "../../lib/protocol/messages.ts";
import type { Session } from "./session.ts";

export class ProtocolError extends Error {
  constructor(
    readonly closeCode: number,
    message: string,
  ) {
    super(message);
  }
}

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
      session.send(encodeSyncStep2(doc, payload));
      return;
    case SYNC.step2:
    case SYNC.update:
      session.receiveUpdate(payload);
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
  awarenessProtocol.applyAwarenessUpdate(session.room.awareness, update, session);
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
