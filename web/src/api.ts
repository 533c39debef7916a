// A small fetch wrapper for the Shangguan API (/api/v1). The session lives in the
// httpOnly cookie the server sets; the client never stores a token.

export const API_BASE = "/api/v1";

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Extra request headers (an Idempotency-Key, for instance). */
  headers?: Record<string, string>;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const url = path.startsWith("/api/") ? path : `${API_BASE}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = "GET", body, query, signal } = options;
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "NETWORK_ERROR", "The server could not be reached.");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const err = (data as { error?: Partial<ApiErrorBody> } | undefined)?.error;
    throw new ApiError(
      response.status,
      typeof err?.code === "string" ? err.code : `HTTP_${response.status}`,
      typeof err?.message === "string" ? err.message : response.statusText || `HTTP ${response.status}`,
      err?.details,
    );
  }
  return data as T;
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** Validation issues in `details.issues` as `[{ path, message }]`, path normalised to field names. */
export function validationIssues(e: unknown): { path: string[]; message: string }[] {
  if (!isApiError(e)) return [];
  const issues = (e.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue) => {
    if (!issue || typeof issue !== "object") return [];
    const { path, message } = issue as { path?: unknown; message?: unknown };
    let parts: string[] = [];
    if (Array.isArray(path)) parts = path.map(String);
    else if (typeof path === "string") parts = path.split(/[./]/).filter(Boolean);
    if (parts[0] === "body" || parts[0] === "query" || parts[0] === "params") parts = parts.slice(1);
    return [{ path: parts, message: typeof message === "string" ? message : "" }];
  });
}

// ---- API types -------------------------------------------------------------

export type Area = "shop" | "merchant" | "admin";
export type UserKind = "staff" | "merchant" | "buyer";

export interface User {
  id: string;
  kind: UserKind;
  login: string;
  displayName: string;
  merchantId: string | null;
  roles: string[];
  mfaEnabled: boolean;
  status: "active" | "disabled";
  createdAt: string;
}

export interface Me {
  user: User;
  permissions: string[];
  areas: Area[];
  mfaEnrollmentRequired: boolean;
}

export interface AuthResult {
  token: string;
  user: User;
}

export interface PrivacyPolicy {
  version: string;
  title: { zh: string; en: string };
  sections: { key: string; zh: string; en: string }[];
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export interface Consent {
  policy: string;
  version: string;
  acceptedAt: string;
  withdrawnAt?: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface RoleInfo {
  key: string;
  scope: "platform" | "merchant" | "buyer";
  zh: string;
  en: string;
  permissions: string[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  /** A short object of facts (or text) describing the action. */
  summary: unknown;
  requestId: string | null;
  ip: string | null;
  hash: string;
}

export type AuditVerify =
  | { ok: true; checked: number; lastSeq: number | null }
  | { ok: false; checked: number; firstBroken: { seq: number; reason: string } };

export type RuleValue = number | boolean;

export interface RuleVersion {
  version: number;
  value: RuleValue;
  effectiveFrom: string;
  publishedAt?: string;
  publishedBy?: string | null;
  publishedByName?: string | null;
  reason?: string | null;
}

export interface Rule {
  key: string;
  requirement: string;
  notice: "public" | "internal";
  unit?: string | null;
  type: "integer" | "boolean";
  zh: string;
  en: string;
  default: RuleValue;
  value: RuleValue;
  /** 0 and null while the rule still has its built-in default. */
  version: number;
  effectiveFrom: string | null;
  upcoming: RuleVersion[];
}

export interface Merchant {
  id: string;
  name: string;
  status: string;
  createdAt: string;
}

/**
 * Sends a multipart form with XMLHttpRequest, whose upload progress fetch cannot report.
 * `onProgress` gets 0…100. Errors are ApiErrors exactly like api()'s.
 */
export function upload<T>(path: string, form: FormData, onProgress?: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", buildUrl(path));
    xhr.withCredentials = true;
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onerror = () => reject(new ApiError(0, "NETWORK_ERROR", "The server could not be reached."));
    xhr.onabort = () => reject(new DOMException("Upload aborted", "AbortError"));
    xhr.onload = () => {
      let data: unknown = undefined;
      if (xhr.responseText) {
        try {
          data = JSON.parse(xhr.responseText);
        } catch {
          data = undefined;
        }
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(100);
        resolve(data as T);
        return;
      }
      const err = (data as { error?: Partial<ApiErrorBody> } | undefined)?.error;
      reject(
        new ApiError(
          xhr.status,
          typeof err?.code === "string" ? err.code : `HTTP_${xhr.status}`,
          typeof err?.message === "string" ? err.message : xhr.statusText || `HTTP ${xhr.status}`,
          err?.details,
        ),
      );
    };
    xhr.send(form);
  });
}

// ---- Merchant onboarding (M1, M2, M5) --------------------------------------

export type ApplicationStatus = "draft" | "submitted" | "under_review" | "approved" | "rejected";
export type EntityType = "enterprise" | "individual";

/** What a qualification document says: its kind, number, issuer and validity. */
export interface DocumentFacts {
  kind: string;
  number: string;
  issuer: string;
  validFrom: string;
  validUntil: string | null;
}

export interface ApplicationDocument extends DocumentFacts {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  uploadedAt: string;
  /** The reviewer's reason when the document was sent back. */
  problem: string | null;
  /** Replaced by a newer upload, or removed. */
  replaced: boolean;
  expired: boolean;
}

/** One problem of an application: the reviewer's reasons, or what is missing before submission. */
export interface ApplicationProblem {
  documentId?: string;
  field?: string;
  reason: string;
}

export interface ApplicationEvent {
  event: string;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  actor: string | null;
  at: string;
  problems: ApplicationProblem[];
  note: string | null;
}

export interface Application {
  id: string;
  status: ApplicationStatus;
  entityType: EntityType | null;
  name: string | null;
  creditCode: string | null;
  legalRepName: string | null;
  /** Masked (110***********002X). */
  legalRepIdNumber: string | null;
  contactName: string | null;
  /** Masked (139****0000). */
  contactPhone: string | null;
  contactEmail: string | null;
  address: string | null;
  categories: string[];
  agreementVersion: string | null;
  agreementAcceptedAt: string | null;
  currentAgreementVersion: string;
  submittedAt: string | null;
  decidedAt: string | null;
  merchantId: string | null;
  createdAt: string;
  updatedAt: string;
  requiredDocuments: string[];
  missingDocuments: string[];
  documents: ApplicationDocument[];
  history: ApplicationEvent[];
}

export interface DocumentRequirement {
  entityType: string;
  category: string;
  documentKind: string;
}

export interface OnboardingOptions {
  categories: string[];
  documentKinds: string[];
  requirements: DocumentRequirement[];
}

export interface MerchantAgreement {
  version: string;
  title: { zh: string; en: string };
  sections: { key: string; zh: string; en: string }[];
}

export interface ApplicationQueueItem {
  id: string;
  status: ApplicationStatus;
  name: string | null;
  entityType: EntityType | null;
  creditCode: string | null;
  categories: string[];
  submittedAt: string | null;
  waitingHours: number | null;
}
