import { NextResponse } from "next/server";
import { withUser } from "@/app/_lib/api";
import { importKindOf, MAX_IMPORT_BYTES } from "@/lib/formats/import";
import { AppError } from "@/server/errors";
import { importTimeline } from "@/server/domain/import-timeline";

export const dynamic = "force-dynamic";

// Text bodies, or a multipart upload whose `file` part is the file, as PRODUCT.md has it.
async function readFile(req: Request): Promise<{ name?: string; type?: string; text: string }> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  // A multipart body carries a little more than its file.
  if (declared > MAX_IMPORT_BYTES + 64 * 1024) throw new AppError("payload_too_large", `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  const type = req.headers.get("content-type") ?? "";
  if (/^multipart\/form-data/i.test(type)) {
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      throw new AppError("bad_request", "the multipart body could not be read", "file");
    }
    const file = form.get("file");
    if (!(file instanceof File)) throw new AppError("validation", "file: upload the file in a part named \"file\"", "file");
    if (file.size > MAX_IMPORT_BYTES) throw new AppError("payload_too_large", `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    return { name: file.name, type: file.type, text: await file.text() };
  }
  if (!/^(application\/(.+\+)?json|text\/(csv|comma-separated-values|plain))\b/i.test(type)) {
    throw new AppError("validation", "file: send TimelineJS JSON as application/json, a sheet as text/csv, or either as multipart field \"file\"", "file");
  }
  const text = await req.text();
  if (text.length > MAX_IMPORT_BYTES) throw new AppError("payload_too_large", `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  return { type, text };
}

export const POST = withUser(async ({ req, user, ctx }) => {
  const file = await readFile(req);
  const kind = importKindOf(file.name, file.type, file.text);
  return NextResponse.json(await importTimeline(ctx, user.id, { kind, text: file.text }), { status: 201 });
});
