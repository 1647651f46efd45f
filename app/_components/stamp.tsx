import { longStamp, shortStamp } from "@/app/_lib/short-stamp";

/** "3 Dec 14:02", with the full date and time on hover. */
export function Stamp({ at }: { at: string }) {
  return (
    <time dateTime={at} title={longStamp(at)}>
      {shortStamp(at)}
    </time>
  );
}
