import { Alert } from "antd";
import type { FormInstance } from "antd";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import i18n from "../i18n";
import { isApiError, validationIssues } from "../api";
import { formatDateTime } from "./format";

/** Interpolation values derived from an error's details (numbers, strings, dates). */
function detailValues(details: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (!details || typeof details !== "object") return out;
  for (const [k, v] of Object.entries(details as Record<string, unknown>)) {
    if (typeof v === "number") out[k] = v;
    else if (typeof v === "string") out[k] = /^\d{4}-\d{2}-\d{2}T/.test(v) ? formatDateTime(v) : v;
  }
  const retry = (details as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (typeof retry === "number") out.retryAfterMinutes = Math.max(1, Math.ceil(retry / 60));
  return out;
}

/**
 * The text to show for an error: the translation of `errors.<code>` when the
 * dictionary has one, else the server's message.
 */
export function errorText(err: unknown): string {
  if (isApiError(err)) {
    const key = `errors.${err.code}`;
    if (i18n.exists(key)) {
      const text = i18n.t(key as never, detailValues(err.details)) as string;
      if (err.code === "VALIDATION_FAILED") {
        const issues = validationIssues(err).filter((i) => i.message);
        if (issues.length) return `${text} (${issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ")})`;
      }
      return text;
    }
    if (err.message) return err.message;
    return i18n.t("errors.UNKNOWN");
  }
  if (err instanceof Error && err.message) return err.message;
  return i18n.t("errors.UNKNOWN");
}

export function useErrorText(): (err: unknown) => string {
  const { i18n: inst } = useTranslation();
  // Re-created on language change so that callers re-render with the new language.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useCallback((err: unknown) => errorText(err), [inst.language]);
}

export function ErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon title={errorText(error)} style={style} data-testid="error-alert" />;
}

/**
 * Puts the server's validation issues on the matching form fields. `fields` lists the
 * form's field names (matched against the issue path's first part) or maps a dotted
 * server path ("owner.login") to a field name. Returns true when at least one issue
 * matched a field (the caller then need not show a global error).
 */
export function applyFormErrors(form: FormInstance, err: unknown, fields: string[] | Record<string, string>): boolean {
  const target = (path: string[]): string | undefined => {
    if (Array.isArray(fields)) return path[0] !== undefined && fields.includes(path[0]) ? path[0] : undefined;
    return fields[path.join(".")];
  };
  // Errors about one field carry it in details.field (LOGIN_TAKEN, PASSWORD_TOO_WEAK …).
  const field = isApiError(err) ? (err.details as { field?: unknown } | undefined)?.field : undefined;
  if (typeof field === "string") {
    const name = target(field.split("."));
    if (name) {
      form.setFields([{ name, errors: [errorText(err)] }]);
      return true;
    }
  }
  const matched = validationIssues(err).flatMap((i) => {
    const name = target(i.path);
    return name ? [{ name, errors: [i.message || errorText(err)] }] : [];
  });
  if (matched.length === 0) return false;
  form.setFields(matched);
  return true;
}
