import crypto from "node:crypto";

/** Url-safe random ids (timelines, snapshots): 16 bytes, unguessable. */
export function newId(): string {
  return crypto.randomBytes(16).toString("base64url");
}
