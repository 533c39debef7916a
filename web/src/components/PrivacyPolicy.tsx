import { Skeleton, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { PrivacyPolicy } from "../api";
import { pick } from "../i18n";
import { ErrorAlert } from "./errors";
import { Markdown } from "./Markdown";

export const POLICY_KEY = ["privacy", "policy"] as const;

export function usePrivacyPolicy() {
  return useQuery({ queryKey: POLICY_KEY, queryFn: () => api<PrivacyPolicy>("/privacy/policy"), staleTime: 5 * 60_000 });
}

/** The privacy policy text in the current language, as published by the server (U1). */
export function PrivacyPolicyText({ showTitle = true }: { showTitle?: boolean }) {
  const { t, i18n } = useTranslation();
  const policy = usePrivacyPolicy();
  if (policy.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (policy.isError) return <ErrorAlert error={policy.error} />;
  const p = policy.data;
  return (
    <div data-testid="privacy-policy-text">
      {showTitle ? <Typography.Title level={4}>{pick(p.title, i18n.language)}</Typography.Title> : null}
      <Typography.Text type="secondary">{t("privacy.version", { version: p.version })}</Typography.Text>
      {p.sections.map((s) => (
        <Markdown key={s.key} text={pick(s, i18n.language)} style={{ marginTop: 12 }} />
      ))}
    </div>
  );
}
