// The route-handler chain: authenticate -> run the use-case -> present, with one error mapper.
import { NextResponse } from "next/server";
import { userFromHeaders, type TSessionUser } from "@/server/auth";
import { getAppContext, type TAppContext } from "@/server/context";
import { AppError } from "@/server/errors";

type TParams = Record<string, string>;
type THandler<P extends TParams> = (args: { req: Request; user: TSessionUser; ctx: TAppContext; params: P }) => Promise<Response>;
type TRouteContext<P extends TParams> = { params: Promise<P> };

export function jsonError(status: number, code: string, message: string, field?: string): Response {
  return NextResponse.json({ error: { code, message, ...(field ? { field } : {}) } }, { status });
}

/** A route handler that runs only for a signed-in user on a same-origin request. */
export function withUser<P extends TParams = TParams>(handler: THandler<P>): (req: Request, route: TRouteContext<P>) => Promise<Response> {
  return async (req, route) => {
    const ctx = getAppContext();
    try {
      // Requests that change state must come from our own pages: a cross-site form cannot post here.
      const changesState = req.method !== "GET" && req.method !== "HEAD";
      if (changesState && !ctx.isAllowedOrigin(req.headers.get("origin") ?? undefined, req.headers.get("host") ?? undefined)) {
        return jsonError(403, "forbidden", "cross-origin request refused");
      }
      const user = await userFromHeaders(ctx.auth, req.headers);
      if (!user) return jsonError(401, "unauthenticated", "sign in first");
      // Routes without dynamic segments get no params from Next.
      const params = ((await route?.params) ?? {}) as P;
      // Postgres refuses a NUL in text: such an id names nothing, and must not reach a query as a 500.
      if (Object.values(params).some((v) => v.includes("\u0000"))) return jsonError(404, "not_found", "not found");
      return await handler({ req, user, ctx, params });
    } catch (err) {
      if (err instanceof AppError) return jsonError(err.status, err.code, err.message, err.field);
      ctx.log.error({ err, url: req.url }, "request failed");
      return jsonError(500, "internal", "internal error");
    }
  };
}

/** The request body as JSON, or a 400 that says so. */
export async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new AppError("bad_request", "the body must be JSON");
  }
}
