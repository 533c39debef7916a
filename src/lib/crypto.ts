import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";

// Personal data at rest (U4): AES-256-GCM for what must be read back, a keyed digest
// for what must be looked up (a login), masks for what is shown.
export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
  digest(value: string): string;
}

export function createSealer(secret: string): Sealer {
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", secret, "shangguan", info, 32));
  const encKey = derive("personal-data-encryption");
  const macKey = derive("personal-data-lookup");
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv("aes-256-gcm", encKey, iv);
      const body = Buffer.concat([c.update(plain, "utf8"), c.final()]);
      return ["v1", iv.toString("base64url"), body.toString("base64url"), c.getAuthTag().toString("base64url")].join(".");
    },
    open(sealed) {
      const [v, iv, body, tag] = sealed.split(".");
      if (v !== "v1" || !iv || body === undefined || !tag) throw new Error("not a sealed value");
      const d = createDecipheriv("aes-256-gcm", encKey, Buffer.from(iv, "base64url"));
      d.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([d.update(Buffer.from(body, "base64url")), d.final()]).toString("utf8");
    },
    digest: (value) => createHmac("sha256", macKey).update(value).digest("hex"),
  };
}

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
export const randomToken = (bytes = 32) => randomBytes(bytes).toString("base64url");

export function maskMobile(m: string) {
  return m.length >= 7 ? `${m.slice(0, 3)}****${m.slice(-4)}` : "****";
}
export function maskEmail(e: string) {
  const [local = "", domain = ""] = e.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}
