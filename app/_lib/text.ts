// Small wording helpers for the interface.

/** "1 entry", "20 entries"; the plural is `one` + "s" unless given. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A message written to be composed ("sign in first") shown on its own: capitalised, with a full stop. */
export function sentence(message: string): string {
  const text = message.trim();
  if (!text) return text;
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
