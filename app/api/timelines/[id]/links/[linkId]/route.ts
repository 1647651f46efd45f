import { withUser } from "@/app/_lib/api";
import { revokeShareLink } from "@/server/domain/revoke-share-link";

export const dynamic = "force-dynamic";

export const DELETE = withUser<{ id: string; linkId: string }>(async ({ user, ctx, params }) => {
  await revokeShareLink(ctx, user.id, params.id, params.linkId);
  return new Response(null, { status: 204 });
});
