import { NextResponse } from "next/server";
import { withUser } from "@/app/_lib/api";
import { decodeImport, ImportError, importKindOf, MAX_IMPORT_BYTES } from "@/lib/formats/import";
import { AppError } from "@/server/errors";
import { importTimeline } from "@/server/domain/import-timeline";

export const dynamic = "force-dynamic";

// A multipart body carries a little more than its file.
const MAX_BODY_BYTES = MAX_IMPORT_BYTES + 64 * 1024;
const tooLarge = () => new AppError("payload_too_large", `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);

// The body, stopped as soon as it passes the limit: a chunked upload declares no length to refuse it by.
async function readBody(req: Request): Promise<Uint8Array<ArrayBuffer>> {
  if (Number(req.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  if (!reader) return new Uint8Array(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

function decoded(bytes: Uint8Array): string {
  try {
    return decodeImport(bytes);
  } catch (err) {
    if (err instanceof ImportError) throw new AppError("validation", `file: ${err.message}`, "file");
    throw err;
  }
}

// Text bodies, or a multipart upload whose `file` part is the file, as PRODUCT.md has it.
async function readFile(req: Request): Promise<{ name?: string; type?: string; text: string }> {
  const type = req.headers.get("content-type") ?? "";
  const multipart = /^multipart\/form-data/i.test(type);
  if (!multipart && !/^(application\/(.+\+)?json|text\/(csv|comma-separated-values|plain))\b/i.test(type)) {
    throw new AppError("validation", "file: send TimelineJS JSON as application/json, a sheet as text/csv, or either as multipart field \"file\"", "file");
  }
  const body = await readBody(req);
  if (multipart) {
    let form: FormData;
    try {
      form = await new Response(body, { headers: { "content-type": type } }).formData();
    } catch {
      throw new AppError("bad_request", "the multipart body could not be read", "file");
    }
    const file = form.get("file");
    if (!(file instanceof File)) throw new AppError("validation", "file: upload the file in a part named \"file\"", "file");
    if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
    return { name: file.name, type: file.type, text: decoded(new Uint8Array(await file.arrayBuffer())) };
  }
  if (body.byteLength > MAX_IMPORT_BYTES) throw tooLarge();
  return { type, text: decoded(body) };
}

export const POST = withUser(async ({ req, user, ctx }) => {
  const file = await readFile(req);
  const kind = importKindOf(file.name, file.type, file.text);
  return NextResponse.json(await importTimeline(ctx, user.id, { kind, text: file.text }), { status: 201 });
});
