import { notFound } from "next/navigation";
import { requireUser } from "@/app/_lib/session";
import { ZTimelineId } from "@/lib/protocol/room-name";
import { TimelineRoom } from "./_components/timeline-room";

export default async function TimelinePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/t/${encodeURIComponent(id)}`);
  if (!ZTimelineId.safeParse(id).success) notFound();
  return <TimelineRoom timelineId={id} user={{ id: user.id, name: user.name }} />;
}
