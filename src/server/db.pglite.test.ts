import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "./db.js";
import { rowsOf } from "../lib/db-types.js";

describe("embedded database", () => {
  it("keeps its data in the data folder across restarts, migrating once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sg-pglite-"));
    try {
      const first = await openDatabase({ dataDir: dir });
      await first.migrate();
      await first.db.execute(sql`insert into merchants (id, name, created_at) values ('0193a7e0-0000-7000-8000-000000000001', '持久化 Durable', now())`);
      await first.close();
      const second = await openDatabase({ dataDir: dir });
      await second.migrate();
      const rows = rowsOf<{ name: string }>(await second.db.execute(sql`select name from merchants`));
      expect(rows).toEqual([{ name: "持久化 Durable" }]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
