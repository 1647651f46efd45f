// Keeps the timeline row's title (what the dashboard lists) equal to the doc's meta.title.
import type { TLogger } from "../../log.ts";
import type { TPrisma } from "../../db/client.ts";
import { readMeta } from "../../../lib/timeline/schema.ts";
import { REMOTE_ORIGIN, STORAGE_ORIGIN } from "../origins.ts";
import type { Room } from "../room.ts";
import type { TRoomExtension } from "./types.ts";

/** Titles change as people type: write the row at most this often. */
const TITLE_DEBOUNCE_MS = 1_000;

export function titleIndexExtension(prisma: TPrisma, log: TLogger): TRoomExtension {
  const known = new Map<Room, string>();
  const timers = new Map<Room, NodeJS.Timeout>();

  async function write(room: Room): Promise<void> {
    timers.delete(room);
    const title = readMeta(room.doc).title.trim();
    if (!title || known.get(room) === title) return;
    known.set(room, title);
    await prisma.timeline.updateMany({ where: { id: room.name }, data: { title } }).catch((err: unknown) => {
      known.delete(room);
      log.warn({ room: room.name, err }, "could not index the timeline title");
    });
  }

  return {
    name: "title-index",
    async onLoad(room) {
      known.set(room, readMeta(room.doc).title.trim());
    },
    onUpdate(room, _update, origin) {
      if (origin === STORAGE_ORIGIN || origin === REMOTE_ORIGIN || timers.has(room)) return;
      timers.set(room, setTimeout(() => void write(room), TITLE_DEBOUNCE_MS));
    },
    async onUnload(room) {
      const timer = timers.get(room);
      if (timer) {
        clearTimeout(timer);
        await write(room);
      }
    },
    onDestroy(room) {
      known.delete(room);
    },
    onDiscard(room) {
      clearTimeout(timers.get(room));
      timers.delete(room);
      known.delete(room);
    },
  };
}
