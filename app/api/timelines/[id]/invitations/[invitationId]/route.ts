import { withUser } from "@/app/_lib/api";
import { cancelInvitation } from "@/server/domain/cancel-invitation";

export const dynamic = "force-dynamic";

export const DELETE = withUser<{ id: string; invitationId: string }>(async ({ user, ctx, params }) => {
  await cancelInvitation(ctx, user.id, params.id, params.invitationId);
  return new Response(null, { status: 204 });
});
