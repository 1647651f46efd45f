// The one parser of collaboration room names: `/collab/<timelineId>`.
import { z } from "zod";

export const COLLAB_PATH_PREFIX = "/collab/";

/** Timeline ids are url-safe tokens; anything else can never name a room. */
export const ZTimelineId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "a timeline id is 1-64 letters, digits, - or _");

/** Returns the timeline id of a collab URL path (query ignored), or null if the path is not one. */
export function parseCollabPath(url: string): string | null {
  const path = url.split("?")[0] ?? "";
  if (!path.startsWith(COLLAB_PATH_PREFIX)) return null;
  const id = decodeURIComponentSafe(path.slice(COLLAB_PATH_PREFIX.length));
  return id !== null && ZTimelineId.safeParse(id).success ? id : null;
}

export function isCollabPath(url: string): boolean {
  return url.startsWith(COLLAB_PATH_PREFIX) || url.split("?")[0] === COLLAB_PATH_PREFIX.slice(0, -1);
}

function decodeURIComponentSafe(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
