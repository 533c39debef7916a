import { mkdir, readFile, writeFile, rename } from "node:fs/promises";
import { dirname, join, normalize } from "node:path";
import { randomBytes } from "node:crypto";

// Files (merchant documents, later product images) go through this interface; a local
// folder by default, S3-compatible storage can implement the same three calls.
export interface Storage {
  put(key: string, body: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
}

export function localStorage(root: string): Storage {
  const pathOf = (key: string) => {
    const p = normalize(join(root, key));
    if (!p.startsWith(normalize(root + "/")) || !/^[\w/.-]+$/.test(key) || key.includes("..")) throw new Error(`bad storage key ${key}`);
    return p;
  };
  return {
    async put(key, body) {
      const p = pathOf(key);
      await mkdir(dirname(p), { recursive: true });
      // Write then rename: a reader never sees half a file.
      const tmp = `${p}.${randomBytes(4).toString("hex")}.tmp`;
      await writeFile(tmp, body);
      await rename(tmp, p);
    },
    get: (key) => readFile(pathOf(key)),
  };
}
