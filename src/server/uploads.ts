import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { ValidationError } from "./errors.js";

// One file and its described fields from a multipart form; the fields are validated like a JSON body.
export async function readUpload<S extends z.ZodType>(req: FastifyRequest, fields: S, what = "the scanned document (PDF, JPEG, PNG or WebP)") {
  if (!req.isMultipart()) throw new ValidationError("MULTIPART_REQUIRED", "Send the document as multipart/form-data with a file and its fields.");
  const values: Record<string, string> = {};
  let file: { body: Buffer; fileName: string } | null = null;
  for await (const part of req.parts()) {
    if (part.type === "file") file = { body: await part.toBuffer(), fileName: part.filename || "document" };
    else values[part.fieldname] = String(part.value);
  }
  if (!file) throw new ValidationError("FILE_REQUIRED", `Attach ${what}.`, { field: "file" });
  const parsed = fields.safeParse(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: `body.${i.path.join(".")}`, message: i.message }));
    throw new ValidationError("VALIDATION_FAILED", `Some fields are not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}.`, { issues });
  }
  return { input: parsed.data as z.infer<S>, file };
}

// Qualification documents are personal and commercial data: never cached by anyone. Only
// the platform's own pages may frame them, so reviewers see a document beside its data.
export function sendPrivateFile(reply: FastifyReply, f: { body: Buffer; mime: string; fileName: string }) {
  return reply.type(f.mime)
    .header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .header("cache-control", "private, no-store")
    .header("content-security-policy", "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'")
    .header("x-frame-options", "SAMEORIGIN")
    .send(f.body);
}
