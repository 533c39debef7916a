import { existsSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import helmet from "@fastify/helmet";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import fastifyStatic from "@fastify/static";
import { Redis } from "ioredis";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { isPermission, type RoutePermission } from "../modules/access/index.js";
import { resolveSession } from "../modules/identity/index.js";
import { AppError, TooManyRequests } from "./errors.js";
import { anonymousActor, ctxFor, type Ctx, type Services } from "./context.js";
import type { Metrics } from "./metrics.js";
import { projectRoot } from "./config.js";

declare module "fastify" {
  interface FastifyContextConfig {
    // Every /api route must say who may call it; start-up fails otherwise.
    permission?: RoutePermission;
    // Reachable by staff who still have to enrol in MFA (security.staffMfaRequired).
    allowDuringMfaSetup?: boolean;
  }
  interface FastifyInstance { secureCookies: boolean; authRateLimit: number }
  interface FastifyRequest {
    ctx: Ctx;
    authVia: "cookie" | "bearer" | null;
  }
}

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;
export type RouteModule = (app: App) => Promise<void>;

export const SESSION_COOKIE = "sg_session";

export interface HttpOptions {
  services: Services;
  modules: RouteModule[];
  metrics: Metrics;
  logLevel?: string;
  bodyLimit?: number;
  redisUrl?: string;
  secureCookies?: boolean;
  // Sign-in and registration attempts per IP per minute.
  authRateLimit?: number;
  webDir?: string | null;
  health?: () => Promise<Record<string, unknown>>;
}

export async function buildHttp(opts: HttpOptions): Promise<App> {
  const app = Fastify({
    logger: { level: opts.logLevel ?? "info", redact: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]'] },
    bodyLimit: opts.bodyLimit ?? 1_048_576,
    trustProxy: process.env.TRUST_PROXY === "true",
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  const { metrics } = opts;

  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api")) return;
    // The API documentation pages are public by nature.
    if (route.url.startsWith("/api/docs")) route.config = { ...route.config, permission: "public" };
    const permission = route.config?.permission;
    if (!permission) throw new Error(`Route ${route.method} ${route.url} declares no permission: set config.permission (a permission, "authenticated" or "public").`);
    if (permission !== "public" && permission !== "authenticated" && !isPermission(permission)) {
      throw new Error(`Route ${route.method} ${route.url} declares unknown permission "${permission}".`);
    }
    const schema = (route.schema ??= {}) as Record<string, unknown>;
    schema["x-permission"] = permission;
    schema.security = permission === "public" ? [] : [{ bearerAuth: [] }, { cookieAuth: [] }];
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"], fontSrc: ["'self'", "data:"], objectSrc: ["'none'"], frameAncestors: ["'none'"], upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 12, fieldSize: 2000 } });
  await app.register(rateLimit, {
    global: false,
    ...(opts.redisUrl ? { redis: new Redis(opts.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false }), nameSpace: "sg-rl:" } : {}),
    errorResponseBuilder: (_req, c) => new TooManyRequests("RATE_LIMITED", `Too many requests. Wait ${Math.ceil(c.ttl / 1000)} seconds and try again.`, c.ttl / 1000),
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Shangguan API", version: "1", description: "E-commerce platform management: storefront, merchant portal and admin console over one API." },
      components: {
        securitySchemes: {
          bearerAuth: { type: "http", scheme: "bearer", description: "The token returned by POST /api/v1/auth/login" },
          cookieAuth: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", uiConfig: { docExpansion: "list" } });
  app.get("/api/openapi.json", { config: { permission: "public" }, schema: { hide: true } }, async () => app.swagger());

  app.decorate("secureCookies", opts.secureCookies ?? false);
  app.decorate("authRateLimit", opts.authRateLimit ?? 30);
  app.decorateRequest("ctx", null as unknown as Ctx);
  app.decorateRequest("authVia", null);

  // Authentication and the route's permission check, in one place for every route.
  app.addHook("onRequest", async (req) => {
    req.ctx = ctxFor(opts.services, anonymousActor, { requestId: req.id, ip: req.ip });
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const token = bearer ?? req.cookies[SESSION_COOKIE];
    if (token) {
      const actor = await resolveSession(opts.services, token);
      if (actor) {
        req.ctx = ctxFor(opts.services, actor, { requestId: req.id, ip: req.ip });
        req.authVia = bearer ? "bearer" : "cookie";
      }
    }
    const permission = req.routeOptions.config?.permission;
    if (!permission || permission === "public" || !req.routeOptions.url?.startsWith("/api")) return;
    const actor = req.ctx.actor;
    if (!actor.userId) throw new AppError(401, "UNAUTHENTICATED", "Sign in to continue. Your session may have expired.");
    // A cookie rides along on cross-site requests; an Origin that is not ours is refused.
    if (req.authVia === "cookie" && !["GET", "HEAD", "OPTIONS"].includes(req.method)) {
      const origin = req.headers.origin;
      if (origin && safeHost(origin) !== req.headers.host) throw new AppError(403, "CSRF_REJECTED", "This request came from another site and was refused.");
    }
    if (actor.mfaPending && !req.routeOptions.config.allowDuringMfaSetup) {
      throw new AppError(403, "MFA_ENROLLMENT_REQUIRED", "Platform rules require staff to use two-step verification. Enrol an authenticator app in your profile first.");
    }
    if (permission !== "authenticated" && !actor.permissions.has(permission)) {
      throw new AppError(403, "FORBIDDEN", `Your account lacks the permission "${permission}" needed here. Ask an administrator if your work requires it.`, { permission });
    }
  });

  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });

  app.addHook("onResponse", async (req, reply) => {
    const route = req.routeOptions.url ?? "unmatched";
    metrics.requests.inc({ method: req.method, route, status: reply.statusCode });
    metrics.duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  app.get("/api/health", { config: { permission: "public" }, schema: { tags: ["platform"], summary: "Liveness and database check" } }, async () => ({
    status: "ok", database: opts.services.dbKind, time: opts.services.clock.now().toISOString(), ...(await opts.health?.()),
  }));
  app.get("/metrics", { config: { permission: "public" }, schema: { hide: true } }, async (_req, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  await app.register(async (api) => {
    for (const m of opts.modules) await m(api as App);
  }, { prefix: "/api/v1" });

  const webDir = opts.webDir === undefined ? join(projectRoot, "web", "dist") : opts.webDir;
  const hasWeb = !!webDir && existsSync(join(webDir, "index.html"));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir!, wildcard: false, index: false, cacheControl: false, setHeaders: staticCache });

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith("/api") || req.url === "/metrics" || req.method !== "GET" || !hasWeb) {
      return reply.code(404).send({ error: { code: "ROUTE_NOT_FOUND", message: `There is no ${req.method} ${req.url.split("?")[0]}. See /api/docs for the API.` } });
    }
    // The single-page app owns every other path (/, /merchant/…, /admin/…).
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });

  return app as App;
}

function staticCache(reply: FastifyReply, path: string) {
  reply.header("cache-control", /[\\/]assets[\\/]/.test(path) ? "public, max-age=31536000, immutable" : "no-cache");
}

function safeHost(origin: string) {
  try { return new URL(origin).host; } catch { return null; }
}

function errorHandler(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  const send = (status: number, code: string, message: string, details?: unknown) =>
    reply.code(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
  if (err instanceof AppError) {
    if (err.headers) reply.headers(err.headers);
    return send(err.status, err.code, err.message, err.details);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: [err.validationContext, ...String(v.instancePath ?? "").split("/").filter(Boolean)].join("."),
      message: v.message ?? "invalid",
      ...(v.params && "keys" in (v.params as object) ? { keys: (v.params as { keys: unknown }).keys } : {}),
    }));
    return send(400, "VALIDATION_FAILED", `Some fields are not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}.`, { issues });
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err }, "response did not match its schema");
    return send(500, "INTERNAL", "Something went wrong on our side. It has been logged; try again later.");
  }
  const fe = err as FastifyError;
  const known: Record<string, [number, string, string]> = {
    FST_ERR_CTP_INVALID_JSON_BODY: [400, "MALFORMED_JSON", "The request body is not valid JSON."],
    FST_ERR_CTP_EMPTY_JSON_BODY: [400, "MALFORMED_JSON", "The request body is empty; send a JSON object or no Content-Type."],
    FST_ERR_CTP_BODY_TOO_LARGE: [413, "BODY_TOO_LARGE", "The request body is too large."],
    FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json."],
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, "BAD_CONTENT_LENGTH", "The Content-Length header does not match the body."],
    FST_REQ_FILE_TOO_LARGE: [413, "FILE_TOO_LARGE", "The file is larger than allowed (10 MB)."],
    FST_FILES_LIMIT: [413, "TOO_MANY_FILES", "Send one file per request."],
    FST_PARTS_LIMIT: [413, "TOO_MANY_PARTS", "The form has too many fields."],
    FST_INVALID_MULTIPART_CONTENT_TYPE: [415, "UNSUPPORTED_MEDIA_TYPE", "Send the file as multipart/form-data."],
  };
  const k = fe.code ? known[fe.code] : undefined;
  if (k) return send(...k);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return send(fe.statusCode, fe.statusCode === 429 ? "RATE_LIMITED" : "BAD_REQUEST", fe.message);
  }
  // Database refusals that reach here unhandled still say what happened (the query layer
  // wraps the driver's error in `cause`).
  const sqlState = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  if (sqlState === "22P02" || sqlState === "22003") return send(400, "BAD_VALUE", "A value in the request is out of range or malformed.");
  if (sqlState === "23505") return send(409, "ALREADY_EXISTS", "The same thing was just created or changed by someone else. Reload and try again.");
  if (sqlState === "40001" || sqlState === "40P01") return send(409, "CONCURRENT_CHANGE", "Another change to the same data happened at the same moment. Try again.");
  req.log.error({ err }, "unhandled error");
  return send(500, "INTERNAL", "Something went wrong on our side. It has been logged; try again later.");
}
