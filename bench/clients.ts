// Raw y-protocols clients, cheap enough that one process can drive hundreds of them. A client keeps
// a small Y.Doc of its own only to produce real updates (one Y.Map key per client, so writers never
// conflict). It does not apply what it receives: it finds the edits in each frame by their markers,
// which carry the sender and the send time, so the load generator measures the server, not Yjs.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import type { TProtocol } from "./servers/process.ts";

export type TEndpoint = { url: string; cookie: string | undefined; protocol: TProtocol };

const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_AUTH = 2;
/** Hocuspocus's reply to a sync step 1: a sync message that does not ask for another step 1. */
const MSG_SYNC_REPLY = 4;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

// An edit's value: "~T", the sender (4 digits), the send time in µs of performance.now() (13 digits).
// Yjs writes strings as UTF-8 in one piece, so the marker is found as is inside any (merged) update.
const MARKER = Buffer.from("~T");
const SENDER_DIGITS = 4;
const TIME_DIGITS = 13;

export class BenchClient {
  readonly ws: WebSocket;
  readonly synced: Promise<void>;
  openedAt = 0;
  /** Awareness messages received: the idle scenario waits for presence to settle. */
  awarenessReceived = 0;
  private doc: Y.Doc | null = null;
  private awarenessClock = 0;
  private step2Waiters: ((payload: Uint8Array) => void)[] = [];
  private readonly prefix: Uint8Array | null;

  constructor(
    endpoint: TEndpoint,
    readonly room: string,
    readonly index: number,
    /** Called for each edit of another client found in a frame, with the time it arrived. */
    private readonly onDelivery?: (sender: number, sentAt: number, now: number) => void,
  ) {
    this.prefix = endpoint.protocol === "hocuspocus" ? encodeString(room) : null;
    this.ws = new WebSocket(`${endpoint.url}/${room}`, {
      perMessageDeflate: false,
      maxPayload: 256 * 1024 * 1024,
      headers: endpoint.cookie ? { cookie: endpoint.cookie } : {},
    });
    this.ws.binaryType = "nodebuffer";
    this.synced = new Promise((resolve, reject) => {
      this.step2Waiters.push(() => resolve());
      this.ws.once("error", reject);
      this.ws.once("close", (code, reason) => reject(new Error(`socket closed before sync: ${code} ${reason.toString()}`)));
    });
    this.synced.catch(() => undefined);
    this.ws.on("open", () => {
      this.openedAt = performance.now();
      // Hocuspocus opens a document only after an auth message; it accepts any token by default.
      if (this.prefix) this.send((e) => (encoding.writeVarUint(e, MSG_AUTH), encoding.writeVarUint(e, 0), encoding.writeVarString(e, "bench")));
      this.sendStep1(new Uint8Array([0]));
    });
    this.ws.on("message", (data: Buffer) => this.receive(data));
    this.ws.on("error", () => undefined);
  }

  /** The next sync step 2 the server sends (the whole room's doc for a client that has nothing). */
  nextStep2(): Promise<Uint8Array> {
    return new Promise((resolve) => this.step2Waiters.push(resolve));
  }

  sendStep1(stateVector: Uint8Array): void {
    this.send((e) => (encoding.writeVarUint(e, MSG_SYNC), encoding.writeVarUint(e, SYNC_STEP1), encoding.writeVarUint8Array(e, stateVector)));
  }

  sendUpdate(update: Uint8Array): void {
    this.send((e) => (encoding.writeVarUint(e, MSG_SYNC), encoding.writeVarUint(e, SYNC_UPDATE), encoding.writeVarUint8Array(e, update)));
  }

  /** One edit: sets this client's key to a fresh marker, as a user changing a field would. Returns its send time. */
  edit(): number {
    if (!this.doc) {
      this.doc = new Y.Doc();
      this.doc.on("update", (update: Uint8Array) => this.sendUpdate(update));
    }
    const time = Math.round(performance.now() * 1000);
    this.doc.getMap("bench").set(String(this.index), `~T${pad(this.index, SENDER_DIGITS)}${pad(time, TIME_DIGITS)}`);
    return time / 1000;
  }

  /** Publishes presence the way a Tiptap collaboration caret does: a user name and colour. */
  setAwareness(state: object): void {
    const clientId = this.doc?.clientID ?? this.index + 1;
    const update = encoding.encode((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, clientId);
      encoding.writeVarUint(e, ++this.awarenessClock);
      encoding.writeVarString(e, JSON.stringify(state));
    });
    this.send((e) => (encoding.writeVarUint(e, MSG_AWARENESS), encoding.writeVarUint8Array(e, update)));
  }

  close(): void {
    this.ws.terminate();
    this.doc?.destroy();
  }

  private send(write: (e: encoding.Encoder) => void): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const e = encoding.createEncoder();
    if (this.prefix) encoding.writeUint8Array(e, this.prefix);
    write(e);
    this.ws.send(encoding.toUint8Array(e));
  }

  private receive(data: Buffer): void {
    const now = performance.now();
    const decoder = decoding.createDecoder(data);
    if (this.prefix) decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === MSG_AWARENESS) {
      this.awarenessReceived++;
      return;
    }
    if (type !== MSG_SYNC && type !== MSG_SYNC_REPLY) return;
    const sub = decoding.readVarUint(decoder);
    if (sub === SYNC_STEP1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      const update = this.doc ? Y.encodeStateAsUpdate(this.doc, stateVector) : Uint8Array.of(0, 0);
      this.send((e) => (encoding.writeVarUint(e, MSG_SYNC), encoding.writeVarUint(e, SYNC_STEP2), encoding.writeVarUint8Array(e, update)));
    } else if (sub === SYNC_STEP2) {
      const payload = decoding.readVarUint8Array(decoder);
      for (const resolve of this.step2Waiters.splice(0)) resolve(payload);
    } else if (sub === SYNC_UPDATE && this.onDelivery) {
      this.findEdits(data, decoder.pos, now);
    }
  }

  private findEdits(data: Buffer, from: number, now: number): void {
    for (let at = data.indexOf(MARKER, from); at !== -1; at = data.indexOf(MARKER, at + 2)) {
      const sender = readDigits(data, at + 2, SENDER_DIGITS);
      if (sender === this.index) continue;
      this.onDelivery!(sender, readDigits(data, at + 2 + SENDER_DIGITS, TIME_DIGITS) / 1000, now);
    }
  }
}

/** Opens `count` clients spread over `rooms` (client i in room i % rooms.length), a batch at a time, all synced. */
export async function connectClients(
  endpoint: TEndpoint,
  rooms: string[],
  count: number,
  onDelivery?: (sender: number, sentAt: number, now: number) => void,
): Promise<BenchClient[]> {
  // Enough in flight to be quick, few enough not to queue hundreds of upgrades on the server.
  const BATCH = 50;
  const clients: BenchClient[] = [];
  try {
    for (let i = 0; i < count; i += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => new BenchClient(endpoint, rooms[(i + j) % rooms.length]!, i + j, onDelivery));
      clients.push(...batch);
      await Promise.all(batch.map((c) => c.synced));
    }
  } catch (err) {
    for (const c of clients) c.close();
    throw err;
  }
  return clients;
}

function encodeString(s: string): Uint8Array {
  return encoding.encode((e) => encoding.writeVarString(e, s));
}

function pad(n: number, digits: number): string {
  return String(n).padStart(digits, "0");
}

function readDigits(data: Buffer, at: number, digits: number): number {
  let n = 0;
  for (let i = at; i < at + digits; i++) n = n * 10 + data[i]! - 48;
  return n;
}
