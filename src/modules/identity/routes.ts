import { z } from "zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { App } from "../../server/http.js";
import { SESSION_COOKIE } from "../../server/http.js";
import { DisplayName, IdParams, Login, Otp, PageQuery, Password } from "../../lib/schemas.js";
import * as identity from "./service.js";

const tags = ["identity"];
const meta = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers["user-agent"] });

function setSessionCookie(app: App, reply: FastifyReply, token: string, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true, sameSite: "lax", path: "/", expires: expiresAt, secure: app.secureCookies,
  });
}

export default async function identityRoutes(app: App) {
  // Credential guessing is slowed per IP here and per account in the login operation.
  const authLimit = { max: app.authRateLimit, timeWindow: "1 minute" };

  app.post("/auth/register", {
    config: { permission: "public", rateLimit: authLimit },
    schema: {
      tags, summary: "Register as a buyer (U1: consent recorded with the policy version)",
      body: z.strictObject({ login: Login, password: Password, displayName: DisplayName, acceptPolicyVersion: z.string().min(1).max(40) }),
    },
  }, async (req, reply) => {
    const r = await identity.register(req.ctx, req.body, meta(req), "buyer");
    setSessionCookie(app, reply, r.token, r.expiresAt);
    return reply.code(201).send({ token: r.token, user: r.user });
  });

  app.post("/auth/login", {
    config: { permission: "public", rateLimit: authLimit },
    schema: { tags, summary: "Sign in; returns a bearer token and sets the session cookie", body: z.strictObject({ login: Login, password: Password, otp: Otp.optional() }) },
  }, async (req, reply) => {
    const r = await identity.login(req.ctx, req.body, meta(req));
    setSessionCookie(app, reply, r.token, r.expiresAt);
    return { token: r.token, user: r.user };
  });

  app.get("/auth/me", { config: { permission: "authenticated", allowDuringMfaSetup: true }, schema: { tags, summary: "The signed-in account, its permissions and areas" } },
    (req) => identity.whoAmI(req.ctx));

  app.post("/auth/logout", { config: { permission: "authenticated", allowDuringMfaSetup: true }, schema: { tags, summary: "End this session" } }, async (req, reply) => {
    await identity.logout(req.ctx);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.code(204).send();
  });

  app.post("/auth/logout-all", { config: { permission: "authenticated", allowDuringMfaSetup: true }, schema: { tags, summary: "End every session of this account" } }, async (req, reply) => {
    await identity.logoutEverywhere(req.ctx);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.code(204).send();
  });

  app.get("/auth/sessions", { config: { permission: "authenticated" }, schema: { tags, summary: "My active sessions" } },
    async (req) => ({ items: await identity.listMySessions(req.ctx) }));

  app.delete("/auth/sessions/:id", { config: { permission: "authenticated" }, schema: { tags, summary: "End one of my sessions", params: IdParams } }, async (req, reply) => {
    await identity.revokeMySession(req.ctx, req.params.id);
    return reply.code(204).send();
  });

  app.patch("/auth/profile", { config: { permission: "authenticated" }, schema: { tags, summary: "Change my display name", body: z.strictObject({ displayName: DisplayName }) } },
    async (req) => ({ user: await identity.updateProfile(req.ctx, req.body) }));

  app.post("/auth/password", {
    config: { permission: "authenticated", allowDuringMfaSetup: true },
    schema: { tags, summary: "Change my password (ends my other sessions)", body: z.strictObject({ currentPassword: Password, newPassword: Password }) },
  }, async (req, reply) => {
    await identity.changePassword(req.ctx, req.body);
    return reply.code(204).send();
  });

  app.post("/auth/mfa/enroll", { config: { permission: "authenticated", allowDuringMfaSetup: true }, schema: { tags, summary: "Start TOTP enrolment" } },
    (req) => identity.startMfaEnrolment(req.ctx));
  app.post("/auth/mfa/confirm", { config: { permission: "authenticated", allowDuringMfaSetup: true }, schema: { tags, summary: "Finish TOTP enrolment with a code", body: z.strictObject({ otp: Otp }) } },
    async (req) => ({ user: await identity.confirmMfa(req.ctx, req.body.otp) }));
  app.post("/auth/mfa/disable", { config: { permission: "authenticated" }, schema: { tags, summary: "Turn TOTP off", body: z.strictObject({ otp: Otp }) } },
    async (req) => ({ user: await identity.disableMfa(req.ctx, req.body.otp) }));

  app.get("/admin/users", {
    config: { permission: "user.read.any" },
    schema: { tags, summary: "Accounts", querystring: z.strictObject({ kind: z.enum(["staff", "merchant", "buyer"]).optional(), q: z.string().trim().max(100).optional(), merchantId: z.uuid().optional(), ...PageQuery, cursor: z.uuid().optional() }) },
  }, (req) => identity.listUsers(req.ctx, req.query));

  app.post("/admin/users", {
    config: { permission: "user.manage" },
    schema: {
      tags, summary: "Create a staff or merchant account",
      body: z.strictObject({ kind: z.enum(["staff", "merchant"]), login: Login, password: Password, displayName: DisplayName, merchantId: z.uuid().optional(), roles: z.array(z.string().max(40)).max(20).default([]) }),
    },
  }, async (req, reply) => reply.code(201).send(await identity.createAccount(req.ctx, req.body)));

  app.get("/admin/users/:id", { config: { permission: "user.read.any" }, schema: { tags, summary: "One account", params: IdParams } },
    (req) => identity.getUser(req.ctx, req.params.id));

  app.post("/admin/users/:id/deactivate", { config: { permission: "user.manage" }, schema: { tags, summary: "Deactivate an account and end its sessions", params: IdParams } },
    (req) => identity.deactivateUser(req.ctx, req.params.id));
}
