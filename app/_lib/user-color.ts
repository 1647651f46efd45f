// Presence colours. Derived from the user id so a colleague keeps one colour across tabs, reloads
// and devices without anything being stored. Six-digit hex only: Tiptap's caret rejects other forms.
const PALETTE = [
  "#1f6feb", // blue
  "#c2410c", // burnt orange
  "#15803d", // green
  "#9333ea", // purple
  "#be123c", // crimson
  "#0e7490", // teal
  "#a16207", // ochre
  "#4338ca", // indigo
  "#b91c1c", // red
  "#047857", // emerald
] as const;

export function userColor(userId: string): string {
  // FNV-1a: cheap, and spreads short similar ids across the palette.
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return PALETTE[(hash >>> 0) % PALETTE.length];
}

export const FALLBACK_COLOR = "#6b7280";

export function isHexColor(value: string): boolean {
  return /^#[0-9a-fA-F]{6}$/.test(value);
}
