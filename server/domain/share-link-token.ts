import crypto from "node:crypto";

/** 32 random bytes: the link is the credential, so it must not be guessable. */
export function newLinkToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** Only the hash is stored: a leaked database does not leak working links. */
export function hashLinkToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
