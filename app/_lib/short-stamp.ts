// "3 Dec 14:02": the short time stamp of comments, status and history (issue 13's wording). Built by
// hand rather than with Intl: en-GB writes "3 Dec, 14:02" and, in newer ICU, "Sept".
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const longFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "medium" });

function two(n: number): string {
  return String(n).padStart(2, "0");
}

/** In the reader's time zone; an unreadable stamp is shown as it came. */
export function shortStamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The full date and time, for a `title` on a short stamp. */
export function longStamp(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : longFormat.format(d);
}
