import { useEffect, useState } from "react";
import { listMembers, type TMember } from "@/app/_lib/api-client";

/** The timeline's members a comment can mention: everyone but oneself. Read again when `again` goes up. */
export function useMentionable(timelineId: string, selfId: string, again: number): TMember[] {
  const [members, setMembers] = useState<TMember[]>([]);
  useEffect(() => {
    let cancelled = false;
    listMembers(timelineId).then(
      (found) => {
        if (!cancelled) setMembers(found.members.filter((m) => m.userId !== selfId));
      },
      // Without the list the picker stays empty; a mention can still be typed out.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [timelineId, selfId, again]);
  return members;
}
