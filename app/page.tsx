import { requireUser } from "@/app/_lib/session";
import { TimelineDashboard } from "@/app/_components/timeline-dashboard";

export default async function DashboardPage() {
  await requireUser();
  return <TimelineDashboard />;
}
