import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { world, type World } from "../../../test/support/world.js";
import { recordAudit, verifyAuditChain } from "./index.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

const appendOnlyRefusal = (e: unknown) => /append-only/.test(String((e as { cause?: Error }).cause?.message ?? e));

describe("S3 audit log", () => {
  it("S3 records who did what, with request id and ip, and lists it newest first with filters", async () => {
    const admin = await w.loginAs("admin");
    const r = await w.http("POST", "/api/v1/admin/users", { token: admin, body: { kind: "staff", login: "clerk", password: "Office#Pass2026", displayName: "Clerk", roles: ["auditor"] }, headers: { "x-request-id": "trace-clerk-1" } });
    expect(r.status).toBe(201);
    const list = await w.http("GET", "/api/v1/admin/audit?action=user.create&limit=1", { token: admin });
    expect(list.body.items[0]).toMatchObject({ action: "user.create", entityType: "user", entityId: r.body.id, requestId: "trace-clerk-1", ip: "127.0.0.1", actorLabel: expect.stringContaining("admin") });
    expect(list.body.items[0].summary).toMatchObject({ kind: "staff", roles: ["auditor"] });
    expect(list.body.nextCursor).toBeTruthy();
    const next = await w.http("GET", `/api/v1/admin/audit?action=user.create&limit=1&cursor=${list.body.nextCursor}`, { token: admin });
    expect(next.body.items[0].seq).toBeLessThan(list.body.items[0].seq);
  });

  it("S3 is written in the same transaction as the change: a failed change leaves no audit row", async () => {
    const before = (await verifyAuditChain(w.services.db)).checked;
    await expect(w.services.db.transaction(async (tx) => {
      await recordAudit(tx, w.system, { action: "test.doomed", entityType: "test" });
      throw new Error("the change failed");
    })).rejects.toThrow("the change failed");
    const after = await verifyAuditChain(w.services.db);
    expect(after).toMatchObject({ ok: true, checked: before });
  });

  it("S3 the database refuses to update, delete or truncate audit rows", async () => {
    await expect(w.services.db.execute(sql`update audit_log set action = 'x' where seq = 1`)).rejects.toSatisfy(appendOnlyRefusal);
    await expect(w.services.db.execute(sql`delete from audit_log where seq = 1`)).rejects.toSatisfy(appendOnlyRefusal);
    await expect(w.services.db.execute(sql`truncate audit_log`)).rejects.toSatisfy(appendOnlyRefusal);
  });

  it("S3 the chain verifies, and breaks visibly at the first row altered by hand", async () => {
    const auditor = await w.loginAs("auditor");
    const ok = await w.http("GET", "/api/v1/admin/audit/verify", { token: auditor });
    expect(ok.body).toMatchObject({ ok: true });
    expect(ok.body.checked).toBeGreaterThan(10);

    // What a database superuser could do: switch the guard off and rewrite a row.
    await w.services.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await w.services.db.execute(sql`update audit_log set summary = '{"kind":"staff","roles":["platform_admin"]}' where seq = 5`);
    await w.services.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    const broken = await w.http("GET", "/api/v1/admin/audit/verify", { token: auditor });
    expect(broken.body).toMatchObject({ ok: false, firstBroken: { seq: 5, reason: expect.stringContaining("altered") } });
    expect(broken.body.checked).toBe(4);
  });

  it("S3 a deleted row is reported as a gap in the chain", async () => {
    const w2 = await world({ seed: true });
    try {
      await w2.services.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await w2.services.db.execute(sql`delete from audit_log where seq = 3`);
      await w2.services.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
      expect(await verifyAuditChain(w2.services.db)).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: expect.stringContaining("missing") } });
    } finally {
      await w2.close();
    }
  });

  it("S3 concurrent writers extend one unbroken chain", async () => {
    const w3 = await world();
    try {
      await Promise.all(Array.from({ length: 40 }, (_, i) => w3.services.db.transaction((tx) => recordAudit(tx, w3.system, { action: "test.concurrent", entityType: "test", entityId: String(i) }))));
      expect(await verifyAuditChain(w3.services.db)).toMatchObject({ ok: true, checked: 40 });
    } finally {
      await w3.close();
    }
  });
});
