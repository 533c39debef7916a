import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "otplib";
import { sql } from "drizzle-orm";
import { world, type World } from "../../../test/support/world.js";
import { rowsOf } from "../../lib/db-types.js";
import { publishRule } from "../settings/index.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

const register = (body: Record<string, unknown>) =>
  w.http("POST", "/api/v1/auth/register", { body: { displayName: "New Buyer", password: "Strong#Pass2026", acceptPolicyVersion: "2026-01", ...body } });

const otpNow = (secret: string) => generate({ secret, epoch: Math.floor(w.clock.now().getTime() / 1000) });

describe("registration", () => {
  it("U1 registers a buyer by e-mail and records consent with the policy version", async () => {
    const r = await register({ login: "New.Person@Example.com" });
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ kind: "buyer", roles: ["buyer"], login: "n***@example.com" });
    expect(String(r.headers["set-cookie"])).toMatch(/sg_session=.*HttpOnly/i);
    const consents = await w.http("GET", "/api/v1/privacy/consents", { token: r.body.token });
    expect(consents.body.items).toEqual([expect.objectContaining({ policy: "privacy", version: "2026-01" })]);
  });

  it("U1 refuses registration without accepting the current policy version", async () => {
    const r = await register({ login: "13912345678", acceptPolicyVersion: "2020-01" });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("POLICY_VERSION_OUTDATED");
    expect((await w.http("POST", "/api/v1/auth/login", { body: { login: "13912345678", password: "Strong#Pass2026" } })).status).toBe(401);
  });

  it("S1 registers by mainland mobile number, tolerating +86 and spaces", async () => {
    const r = await register({ login: "+86 139 1234 5670" });
    expect(r.status).toBe(201);
    expect(r.body.user.login).toBe("139****5670");
    expect((await w.http("POST", "/api/v1/auth/login", { body: { login: "13912345670", password: "Strong#Pass2026" } })).status).toBe(200);
  });

  it("S1 enforces the password policy and login formats", async () => {
    for (const [login, password, code] of [
      ["weak@example.com", "short1A!", "PASSWORD_TOO_WEAK"],
      ["weak@example.com", "alllowercaseletters", "PASSWORD_TOO_WEAK"],
      ["weakling@example.com", "Weakling#2026x", "PASSWORD_TOO_WEAK"],
      ["12345", "Strong#Pass2026", "LOGIN_INVALID"],
      ["admin2", "Strong#Pass2026", "LOGIN_INVALID"],
    ]) {
      const r = await register({ login, password });
      expect(r.status, `${login} / ${password}`).toBe(400);
      expect(r.body.error.code).toBe(code);
    }
  });

  it("S1 refuses a second account with the same login, whatever its spelling", async () => {
    const r = await register({ login: "BUYER@example.com" });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("LOGIN_TAKEN");
  });

  it("U4 stores logins encrypted and looked up by digest, never in plain text", async () => {
    const rows = rowsOf<Record<string, string>>(await w.services.db.execute(sql`select login_digest, login_cipher, login_masked from users`));
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain("buyer@example.com");
    expect(dump).not.toContain("13800138000");
    expect(dump).toContain("138****8000");
  });
});

describe("sessions", () => {
  it("S1 login returns a token that works as Bearer and sets an httpOnly cookie", async () => {
    const r = await w.http("POST", "/api/v1/auth/login", { body: { login: "buyer@example.com", password: "Shangguan@2026" } });
    expect(r.status).toBe(200);
    expect(r.body.user.kind).toBe("buyer");
    const me = await w.http("GET", "/api/v1/auth/me", { token: r.body.token });
    expect(me.body).toMatchObject({ user: { kind: "buyer" }, areas: ["shop"] });
    const cookie = String(r.headers["set-cookie"]).split(";")[0]!;
    const viaCookie = await w.http("GET", "/api/v1/auth/me", { headers: { cookie } });
    expect(viaCookie.status).toBe(200);
  });

  it("S1 stores only a hash of the session token", async () => {
    const token = await w.loginAs("service");
    const rows = rowsOf<{ token_hash: string }>(await w.services.db.execute(sql`select token_hash from sessions`));
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
  });

  it("S1 logout revokes the session server-side", async () => {
    const token = await w.loginAs("finance");
    expect((await w.http("POST", "/api/v1/auth/logout", { token })).status).toBe(204);
    const me = await w.http("GET", "/api/v1/auth/me", { token });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("S1 log out everywhere ends every session of the account", async () => {
    const a = await w.loginAs("quality");
    const b = await w.loginAs("quality");
    const list = await w.http("GET", "/api/v1/auth/sessions", { token: a });
    expect(list.body.items.length).toBeGreaterThanOrEqual(2);
    expect((await w.http("POST", "/api/v1/auth/logout-all", { token: b })).status).toBe(204);
    expect((await w.http("GET", "/api/v1/auth/me", { token: a })).status).toBe(401);
    expect((await w.http("GET", "/api/v1/auth/me", { token: b })).status).toBe(401);
  });

  it("S1 sessions expire after the idle timeout and the maximum lifetime", async () => {
    const token = await w.loginAs("warehouse");
    w.clock.advance({ minutes: 119 });
    expect((await w.http("GET", "/api/v1/auth/me", { token })).status).toBe(200);
    w.clock.advance({ minutes: 121 });
    expect((await w.http("GET", "/api/v1/auth/me", { token })).status).toBe(401);
    const t2 = await w.loginAs("warehouse");
    for (let i = 0; i < 13; i++) {
      w.clock.advance({ hours: 1 });
      await w.http("GET", "/api/v1/auth/me", { token: t2 });
    }
    expect((await w.http("GET", "/api/v1/auth/me", { token: t2 })).status).toBe(401);
  });

  it("S1 changing the password ends the other sessions", async () => {
    const r = await register({ login: "changer@example.com" });
    const other = await w.loginAs("changer@example.com", "Strong#Pass2026");
    const wrong = await w.http("POST", "/api/v1/auth/password", { token: r.body.token, body: { currentPassword: "nope", newPassword: "Another#Pass2026" } });
    expect(wrong.body.error.code).toBe("CURRENT_PASSWORD_WRONG");
    expect((await w.http("POST", "/api/v1/auth/password", { token: r.body.token, body: { currentPassword: "Strong#Pass2026", newPassword: "Another#Pass2026" } })).status).toBe(204);
    expect((await w.http("GET", "/api/v1/auth/me", { token: other })).status).toBe(401);
    expect((await w.http("GET", "/api/v1/auth/me", { token: r.body.token })).status).toBe(200);
    await w.loginAs("changer@example.com", "Another#Pass2026");
  });

  it("S1 a cookie-authenticated change from another site is refused", async () => {
    const r = await w.http("POST", "/api/v1/auth/login", { body: { login: "auditor", password: "Shangguan@2026" } });
    const cookie = String(r.headers["set-cookie"]).split(";")[0]!;
    const forged = await w.http("POST", "/api/v1/auth/logout", { headers: { cookie, origin: "https://evil.example", host: "localhost:80" } });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe("CSRF_REJECTED");
  });
});

describe("lockout", () => {
  it("S1 locks an account after repeated failures with 429 and Retry-After, then lets it in later", async () => {
    const bad = () => w.http("POST", "/api/v1/auth/login", { body: { login: "operations", password: "Wrong#Pass2026" } });
    for (let i = 0; i < 4; i++) expect((await bad()).status).toBe(401);
    const fifth = await bad();
    expect(fifth.status).toBe(401);
    const locked = await w.http("POST", "/api/v1/auth/login", { body: { login: "operations", password: "Shangguan@2026" } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("LOGIN_LOCKED");
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(800);
    w.clock.advance({ minutes: 16 });
    // One more failure after the lock doubles the wait.
    expect((await bad()).status).toBe(401);
    const again = await w.http("POST", "/api/v1/auth/login", { body: { login: "operations", password: "Shangguan@2026" } });
    expect(again.status).toBe(429);
    expect(Number(again.headers["retry-after"])).toBeGreaterThan(1700);
    w.clock.advance({ minutes: 31 });
    expect((await w.http("POST", "/api/v1/auth/login", { body: { login: "operations", password: "Shangguan@2026" } })).status).toBe(200);
  });

  it("S1 unknown logins are throttled the same way and answer like wrong passwords", async () => {
    const r = await w.http("POST", "/api/v1/auth/login", { body: { login: "ghost@example.com", password: "Whatever#2026" } });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("INVALID_CREDENTIALS");
  });

  it("S1 a disabled account cannot sign in and its sessions end at once", async () => {
    const admin = await w.loginAs("admin");
    const created = await w.http("POST", "/api/v1/admin/users", { token: admin, body: { kind: "staff", login: "leaver", password: "Goodbye#Pass2026", displayName: "Leaver", roles: ["operations"] } });
    expect(created.status).toBe(201);
    const leaver = await w.loginAs("leaver", "Goodbye#Pass2026");
    const off = await w.http("POST", `/api/v1/admin/users/${created.body.id}/deactivate`, { token: admin });
    expect(off.body.status).toBe("disabled");
    expect((await w.http("GET", "/api/v1/auth/me", { token: leaver })).status).toBe(401);
    expect((await w.http("POST", "/api/v1/auth/login", { body: { login: "leaver", password: "Goodbye#Pass2026" } })).status).toBe(401);
  });
});

describe("MFA", () => {
  it("S1 staff enrol in TOTP; afterwards login needs the code", async () => {
    const token = await w.loginAs("auditor");
    const start = await w.http("POST", "/api/v1/auth/mfa/enroll", { token });
    expect(start.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await w.http("POST", "/api/v1/auth/mfa/confirm", { token, body: { otp: "000000" } });
    expect(wrong.body.error.code).toBe("INVALID_OTP");
    const ok = await w.http("POST", "/api/v1/auth/mfa/confirm", { token, body: { otp: await otpNow(start.body.secret) } });
    expect(ok.body.user.mfaEnabled).toBe(true);

    const noCode = await w.http("POST", "/api/v1/auth/login", { body: { login: "auditor", password: "Shangguan@2026" } });
    expect(noCode.status).toBe(401);
    expect(noCode.body.error.code).toBe("MFA_REQUIRED");
    const badCode = await w.http("POST", "/api/v1/auth/login", { body: { login: "auditor", password: "Shangguan@2026", otp: "123456" } });
    expect(badCode.body.error.code).toBe("INVALID_OTP");
    // The code used to enrol is spent: replaying it within its window fails.
    const enrolCode = await otpNow(start.body.secret);
    const replay = await w.http("POST", "/api/v1/auth/login", { body: { login: "auditor", password: "Shangguan@2026", otp: enrolCode } });
    expect(replay.body.error.code).toBe("INVALID_OTP");
    w.clock.advance({ seconds: 90 });
    const code = await otpNow(start.body.secret);
    const good = await w.http("POST", "/api/v1/auth/login", { body: { login: "auditor", password: "Shangguan@2026", otp: code } });
    expect(good.status).toBe(200);
    const again = await w.http("POST", "/api/v1/auth/login", { body: { login: "auditor", password: "Shangguan@2026", otp: code } });
    expect(again.body.error.code).toBe("INVALID_OTP");
  });

  it("S1 the rule security.staffMfaRequired forces enrolment before any other staff work", async () => {
    await publishRule(w.system, { key: "security.staffMfaRequired", value: true, reason: "policy: all staff use MFA" });
    const token = await w.loginAs("warehouse");
    const me = await w.http("GET", "/api/v1/auth/me", { token });
    expect(me.body.mfaEnrollmentRequired).toBe(true);
    const blocked = await w.http("GET", "/api/v1/admin/roles", { token: await w.loginAs("operations") });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe("MFA_ENROLLMENT_REQUIRED");
    const start = await w.http("POST", "/api/v1/auth/mfa/enroll", { token });
    await w.http("POST", "/api/v1/auth/mfa/confirm", { token, body: { otp: await otpNow(start.body.secret) } });
    expect((await w.http("GET", "/api/v1/auth/me", { token })).body.mfaEnrollmentRequired).toBe(false);
    // Buyers and merchants are not affected by the staff rule.
    const buyer = await w.loginAs("buyer@example.com");
    expect((await w.http("GET", "/api/v1/auth/me", { token: buyer })).body.mfaEnrollmentRequired).toBe(false);
    await publishRule(w.system, { key: "security.staffMfaRequired", value: false, reason: "restore for other tests" });
  });
});

describe("per-IP limit", () => {
  it("S6 limits sign-in attempts per IP with 429 and Retry-After", async () => {
    const small = await (await import("../../../test/support/world.js")).world({ authRateLimit: 3 });
    try {
      const attempt = () => small.http("POST", "/api/v1/auth/login", { body: { login: "nobody@example.com", password: "Whatever#2026" } });
      for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
      const limited = await attempt();
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe("RATE_LIMITED");
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });
});
