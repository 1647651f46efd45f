import { notFound } from "next/navigation";
import { requireUser } from "@/app/_lib/session";
import { ZTimelineId } from "@/lib/protocol/room-name";
import { TimelineRoom } from "./_components/timeline-room";

export default async function TimelinePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/t/${encodeURIComponent(id)}`);
  if (!ZTimelineId.safeParse(id).success) notFound();
  // Keyed by the timeline: moving to another one mounts a fresh room (doc, threads, role, drafts),
  // so no state of the one before carries over.
  return <TimelineRoom key={id} timelineId={id} user={{ id: user.id, name: user.name }} />;
}
