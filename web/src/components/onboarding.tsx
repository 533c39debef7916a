import { useState } from "react";
import { Empty, Flex, Space, Tag, Timeline, Typography } from "antd";
import { ExportOutlined, FileImageOutlined, FilePdfOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Application, ApplicationDocument, ApplicationProblem, ApplicationStatus } from "../api";
import i18n from "../i18n";
import { formatDate, formatDateTime } from "./format";
import { tx } from "./tx";

// Labels and small views of merchant onboarding (M1, M2, M5), shared by the applicant's
// page in the merchant portal and the reviewers' pages in the admin console.

/** "*" in the table of mandatory documents: any entity type or category. */
const ANY = "*";

export function docKindName(kind: string): string {
  return tx(`onboarding.docKind.${kind}`, kind);
}

export function categoryName(category: string): string {
  if (category === ANY) return i18n.t("onboarding.any");
  return tx(`onboarding.category.${category}`, category);
}

export function entityTypeName(type: string | null | undefined): string {
  if (!type) return "—";
  if (type === ANY) return i18n.t("onboarding.any");
  return tx(`onboarding.entityType.${type}`, type);
}

export function eventName(event: string): string {
  return tx(`onboarding.event.${event}`, event);
}

export function statusName(status: string): string {
  return tx(`onboarding.status.${status}`, status);
}

/** The application's fields in the order the form shows them. */
export const ENTITY_FIELDS = [
  "entityType",
  "name",
  "creditCode",
  "legalRepName",
  "legalRepIdNumber",
  "contactName",
  "contactPhone",
  "contactEmail",
  "address",
  "categories",
] as const;
export type EntityField = (typeof ENTITY_FIELDS)[number];

export function fieldLabel(field: string): string {
  const f = field;
  if (f.startsWith("documents.")) return docKindName(f.slice("documents.".length));
  return tx(`onboarding.fields.${f}`, f);
}

const statusColor: Record<ApplicationStatus, string> = {
  draft: "default",
  submitted: "blue",
  under_review: "gold",
  approved: "green",
  rejected: "red",
};

export function ApplicationStatusTag({ status }: { status: string }) {
  useTranslation();
  return (
    <Tag color={statusColor[status as ApplicationStatus] ?? "default"} data-testid="application-status-tag" data-status={status}>
      {statusName(status)}
    </Tag>
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** How long an application has waited: "5 小时" / "2 天 3 小时". */
export function waitingText(hours: number): string {
  if (hours < 1) return i18n.t("onboarding.waitingLessThanHour");
  if (hours < 48) return i18n.t("units.hours", { count: hours });
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${i18n.t("units.days", { count: days })} ${i18n.t("units.hours", { count: rest })}` : i18n.t("units.days", { count: days });
}

/** Whole hours since an ISO time. */
export function hoursSince(iso: string | null | undefined): number {
  if (!iso) return 0;
  return Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 3_600_000));
}

/** A reviewer's reason with what it is about: a document (its kind), a field, or the application. */
export function reasonSubject(p: ApplicationProblem, documents: ApplicationDocument[]): string | null {
  if (p.documentId) {
    const d = documents.find((x) => x.id === p.documentId);
    return d ? docKindName(d.kind) : i18n.t("onboarding.aDocument");
  }
  if (p.field) return fieldLabel(p.field);
  return null;
}

/** The reviewer's reasons of the last time the application was sent back. */
export function lastRejection(app: Application) {
  for (let i = app.history.length - 1; i >= 0; i--) {
    const h = app.history[i];
    if (h?.event === "reject") return h;
  }
  return null;
}

/** The reviewer's reasons as a list ("食品经营许可证：照片模糊"). */
export function ReasonList({ problems, documents, testId }: { problems: ApplicationProblem[]; documents: ApplicationDocument[]; testId?: string }) {
  useTranslation();
  if (problems.length === 0) return null;
  return (
    <ul style={{ margin: "4px 0 0", paddingInlineStart: 20 }} data-testid={testId}>
      {problems.map((p, i) => {
        const subject = reasonSubject(p, documents);
        return (
          <li key={i}>
            {subject ? <Typography.Text strong>{i18n.t("common.labelColon", { label: subject })}</Typography.Text> : null}
            <span>{p.reason}</span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A document's file: images are shown inline, PDFs open in a new tab (the server's
 * Content-Security-Policy forbids embedding them: frame-ancestors 'none', object-src 'none').
 */
export function DocumentPreview({ doc, url, height = 300 }: { doc: ApplicationDocument; url: string; height?: number }) {
  const { t } = useTranslation();
  const [broken, setBroken] = useState(false);
  const isImage = doc.mime.startsWith("image/");
  if (isImage && !broken) {
    return (
      <a href={url} target="_blank" rel="noopener noreferrer" title={t("onboarding.openFile")} data-testid={`preview-${doc.kind}`} data-preview="image">
        <img
          src={url}
          alt={docKindName(doc.kind)}
          onError={() => setBroken(true)}
          style={{ display: "block", maxWidth: "100%", maxHeight: height, margin: "0 auto", objectFit: "contain", background: "#fafafa", borderRadius: 4 }}
        />
      </a>
    );
  }
  // The whole card opens the file.
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" title={t("onboarding.openFile")} style={{ display: "block", color: "inherit" }}>
      <Flex
        vertical
        align="center"
        justify="center"
        gap={6}
        style={{ minHeight: Math.min(height, 160), background: "#fafafa", border: "1px dashed #d9d9d9", borderRadius: 6, padding: 16, textAlign: "center" }}
        data-testid={`preview-${doc.kind}`}
        data-preview={isImage ? "image-broken" : "pdf"}
      >
        {isImage ? <FileImageOutlined style={{ fontSize: 40, color: "#8c8c8c" }} /> : <FilePdfOutlined style={{ fontSize: 40, color: "#cf1322" }} />}
        <Typography.Text style={{ wordBreak: "break-all" }}>{doc.fileName}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {isImage ? t("onboarding.imageNotShown") : t("onboarding.pdfOpensInTab")} · {formatBytes(doc.size)}
        </Typography.Text>
        <span style={{ fontSize: 13, color: "#1677ff" }}>
          <ExportOutlined /> {t("onboarding.openFile")}
        </span>
      </Flex>
    </a>
  );
}

/** "2026-01-01 至 2030-12-31", or open-ended. */
export function validityText(from: string, until: string | null): string {
  return until
    ? i18n.t("onboarding.doc.validRange", { from: formatDate(from), until: formatDate(until) })
    : i18n.t("onboarding.doc.validOpen", { from: formatDate(from) });
}

/** Number, issuer and validity of a document on one line. */
export function DocumentFacts({ doc }: { doc: ApplicationDocument }) {
  const { t } = useTranslation();
  return (
    <Space size={[12, 2]} wrap style={{ fontSize: 13 }}>
      <span>
        <Typography.Text type="secondary">{t("common.labelColon", { label: t("onboarding.doc.number") })}</Typography.Text>
        {doc.number}
      </span>
      <span>
        <Typography.Text type="secondary">{t("common.labelColon", { label: t("onboarding.doc.issuer") })}</Typography.Text>
        {doc.issuer}
      </span>
      <span>
        <Typography.Text type="secondary">{t("common.labelColon", { label: t("onboarding.doc.validity") })}</Typography.Text>
        {validityText(doc.validFrom, doc.validUntil)}
      </span>
      {doc.expired ? <Tag color="red">{t("onboarding.doc.expired")}</Tag> : null}
    </Space>
  );
}

const eventColor: Record<string, string> = { create: "gray", submit: "blue", resubmit: "blue", startReview: "orange", reject: "red", approve: "green" };

/** The application's history, oldest first. */
export function ApplicationTimeline({ app }: { app: Application }) {
  const { t } = useTranslation();
  if (app.history.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("onboarding.noHistory")} />;
  return (
    <Timeline
      data-testid="application-timeline"
      items={app.history.map((h, i) => ({
        key: `${h.at}-${i}`,
        color: eventColor[h.event] ?? "gray",
        content: (
          <div data-testid={`history-${h.event}`}>
            <Typography.Text strong>{eventName(h.event)}</Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(h.at)}
                {h.actor ? ` · ${h.actor}` : ""}
              </Typography.Text>
            </div>
            <ReasonList problems={h.problems} documents={app.documents} />
            {h.note ? (
              <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0", fontSize: 13 }}>
                {t("onboarding.note", { note: h.note })}
              </Typography.Paragraph>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}

/**
 * What stands between an application and the reviewers (APPLICATION_INCOMPLETE), in
 * the reader's language: the server's reasons are English sentences, but each problem
 * names its field or document, from which the text is made here.
 */
export function completenessText(p: ApplicationProblem, app: Application): string {
  if (p.documentId) {
    const d = app.documents.find((x) => x.id === p.documentId);
    if (d?.problem) return i18n.t("onboarding.check.flagged", { kind: docKindName(d.kind), reason: d.problem });
    if (d?.expired) return i18n.t("onboarding.check.expired", { kind: docKindName(d.kind), number: d.number, date: formatDate(d.validUntil) });
    return p.reason;
  }
  if (!p.field) return p.reason;
  const f = p.field;
  if (f === "agreement") return i18n.t("onboarding.check.agreement", { version: app.currentAgreementVersion });
  if (f === "categories") return i18n.t("onboarding.check.categories");
  if (f.startsWith("documents.")) return i18n.t("onboarding.check.document", { kind: docKindName(f.slice("documents.".length)) });
  if ((ENTITY_FIELDS as readonly string[]).includes(f)) return i18n.t("onboarding.check.field", { field: fieldLabel(f) });
  return p.reason;
}

/** The step of the applicant's flow where a problem is fixed: 0 data, 1 documents, 2 agreement. */
export function problemStep(p: ApplicationProblem): number {
  if (p.documentId || p.field?.startsWith("documents")) return 1;
  if (p.field === "agreement") return 2;
  return 0;
}
