import { Alert, Flex, Tag, Typography } from "antd";
import { CloseCircleFilled, ExclamationCircleFilled } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { API_BASE, isApiError } from "../../../api";
import i18n, { pick } from "../../../i18n";
import { errorText } from "../../../components/errors";
import { formatFen } from "../../../components/format";
import { categoryName, docKindName } from "../../../components/onboarding";
import { tx } from "../../../components/tx";
import type { AttributeDef, Category, Finding, FindingCategory, ProductStatus, Severity, VersionStatus } from "../../../types/catalog";

// Labels and small views of the catalog, shared by the merchant's product pages and the
// admin console's review, category and screening-word pages.

export const ADMIN_CATEGORIES_KEY = ["admin", "categories"] as const;

/** Every node of a tree by id. */
export function flattenCategories<T extends { id: string; children: T[] }>(nodes: T[], into = new Map<string, T>()): Map<string, T> {
  for (const n of nodes) {
    into.set(n.id, n);
    flattenCategories(n.children, into);
  }
  return into;
}

/** "茶叶 / 绿茶". */
export function categoryPathText(c: Pick<Category, "path"> | undefined, lng?: string): string {
  if (!c) return "—";
  return c.path.map((p) => pick(p.name, lng)).join(" / ");
}

export const imageUrl = (id: string, size: "thumb" | "medium" | "large" = "thumb") => `${API_BASE}/images/${encodeURIComponent(id)}/${size}`;

export function priceRange(min: number, max: number): string {
  return min === max ? formatFen(min) : `${formatFen(min)} – ${formatFen(max)}`;
}

/** Basis points as a percentage: 550 → "5.5%". */
export const bpsText = (bps: number) => `${Number((bps / 100).toFixed(2))}%`;

/**
 * An error of the catalog pages: codes of the catalog API are explained here (the shared
 * dictionary does not know them), the rest as everywhere else.
 */
export function catalogErrorText(e: unknown): string {
  if (isApiError(e)) {
    const key = `catalogAdmin.errors.${e.code}`;
    if (i18n.exists(key)) {
      const d = (e.details ?? {}) as { minSide?: unknown; key?: unknown };
      return String(i18n.t(key as never, { minSide: typeof d.minSide === "number" ? d.minSide : 600, key: typeof d.key === "string" ? d.key : "" } as never));
    }
  }
  return errorText(e);
}

export function CatalogErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon title={catalogErrorText(error)} style={style} data-testid="error-alert" />;
}

const productStatusColor: Record<ProductStatus, string> = { draft: "default", pending_review: "blue", listed: "green", rejected: "red", delisted: "orange" };

export function ProductStatusTag({ status }: { status: ProductStatus }) {
  useTranslation();
  return (
    <Tag color={productStatusColor[status] ?? "default"} data-testid="product-status" data-status={status}>
      {tx(`catalogAdmin.productStatus.${status}`, status)}
    </Tag>
  );
}

const versionStatusColor: Record<VersionStatus, string> = { draft: "default", pending_review: "blue", approved: "green", rejected: "red", superseded: "default" };

export function VersionStatusTag({ status }: { status: VersionStatus }) {
  useTranslation();
  return <Tag color={versionStatusColor[status] ?? "default"}>{tx(`catalogAdmin.versionStatus.${status}`, status)}</Tag>;
}

export const delistKindName = (kind: string) => tx(`catalogAdmin.delistKind.${kind}`, kind);
export const keyChangeName = (key: string) => tx(`catalogAdmin.keyChange.${key}`, key);
export const termCategoryName = (c: string) => tx(`catalogAdmin.termCategory.${c}`, c);

export function KeyChangeTags({ changes }: { changes: string[] }) {
  useTranslation();
  if (changes.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex gap={4} wrap>
      {changes.map((c) => (
        <Tag key={c} color="gold" style={{ marginInlineEnd: 0 }}>
          {keyChangeName(c)}
        </Tag>
      ))}
    </Flex>
  );
}

const termCategoryColor: Record<FindingCategory, string> = { absolute: "volcano", medical: "magenta", prohibited: "purple" };

export function TermCategoryTag({ category }: { category: string }) {
  useTranslation();
  return <Tag color={termCategoryColor[category as FindingCategory] ?? "default"}>{termCategoryName(category)}</Tag>;
}

export function SeverityTag({ severity }: { severity: Severity }) {
  useTranslation();
  return (
    <Tag color={severity === "block" ? "red" : "orange"} data-testid="severity-tag">
      {tx(`catalogAdmin.severity.${severity}`, severity)}
    </Tag>
  );
}

// The server's note on a revision that went on sale without review (no key field changed).
const AUTO_APPROVED = "applied without review: no key field changed";

/** A reviewer's reason as shown; the server's own note on an automatic approval is translated. */
export const decisionReason = (reason: string) => (reason === AUTO_APPROVED ? i18n.t("catalogAdmin.editor.autoApproved") : reason);

/** Yes / no of an effective category value. */
export const yesNo = (v: boolean) => i18n.t(v ? "common.yes" : "common.no");

/** The name of a product field a finding or error is about ("标题", "属性「产地」"). */
export function fieldName(field: string, defs: AttributeDef[] = []): string {
  if (field.startsWith("attributes.")) {
    const key = field.slice("attributes.".length);
    const def = defs.find((d) => d.key === key);
    return i18n.t("catalogAdmin.fields.attribute", { name: def ? pick(def.name) : key });
  }
  return tx(`catalogAdmin.fields.${field}`, field);
}

/**
 * What a pre-screening finding means, in the reader's language: the server's message is
 * English, but each finding names its code, field and term, from which the text is made.
 */
export function findingText(f: Finding, category?: Category): { text: string; explain?: string } {
  const defs = category?.attributes ?? [];
  const field = fieldName(f.field, defs);
  if (f.code.startsWith("TERM_") && f.term) {
    const cat = f.category ?? (f.code.slice(5).toLowerCase() as FindingCategory);
    return {
      text: i18n.t("catalogAdmin.finding.term", { field, term: f.term, category: termCategoryName(cat) }),
      explain: tx(`catalogAdmin.termExplain.${cat}`, ""),
    };
  }
  switch (f.code) {
    case "ATTRIBUTE_INVALID": {
      const key = f.field.slice("attributes.".length);
      const def = defs.find((d) => d.key === key);
      if (!def) return { text: i18n.t("catalogAdmin.finding.ATTRIBUTE_UNKNOWN", { key }) };
      const hint =
        def.type === "number"
          ? i18n.t("catalogAdmin.finding.hintNumber", { unit: def.unit ?? "" })
          : def.type === "enum"
            ? i18n.t("catalogAdmin.finding.hintEnum", { options: (def.options ?? []).join(i18n.t("catalogAdmin.listSeparator")) })
            : def.type === "date"
              ? i18n.t("catalogAdmin.finding.hintDate")
              : "";
      return { text: i18n.t("catalogAdmin.finding.ATTRIBUTE_INVALID", { name: pick(def.name), hint }) };
    }
    case "CATEGORY_NOT_APPROVED":
      return { text: i18n.t("catalogAdmin.finding.CATEGORY_NOT_APPROVED", { business: category ? categoryName(category.businessCategory) : "" }) };
    case "PERMIT_MISSING":
      return { text: i18n.t("catalogAdmin.finding.PERMIT_MISSING", { permit: f.permit ? docKindName(f.permit) : "—" }) };
    case "IMAGES_TOO_FEW":
      return { text: i18n.t("catalogAdmin.finding.IMAGES_TOO_FEW", { count: f.min ?? 1 }) };
    default: {
      const key = `catalogAdmin.finding.${f.code}`;
      return { text: i18n.exists(key) ? String(i18n.t(key as never)) : f.message };
    }
  }
}

/** Pre-screening findings as a list: what, where, and why the rule exists. */
export function FindingList({ findings, category, onField, testId }: { findings: Finding[]; category?: Category; onField?: (field: string) => void; testId?: string }) {
  useTranslation();
  if (findings.length === 0) return null;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 0, listStyle: "none" }} data-testid={testId ?? "finding-list"}>
      {findings.map((f, i) => {
        const { text, explain } = findingText(f, category);
        return (
          <li key={`${f.code}-${f.field}-${i}`} style={{ display: "flex", alignItems: "flex-start", gap: 8, padding: "4px 0" }} data-testid="finding" data-code={f.code} data-field={f.field} data-term={f.term ?? ""}>
            {f.severity === "block" ? (
              <CloseCircleFilled style={{ color: "#cf1322", marginTop: 5, flex: "none" }} />
            ) : (
              <ExclamationCircleFilled style={{ color: "#d48806", marginTop: 5, flex: "none" }} />
            )}
            <div style={{ minWidth: 0 }}>
              <div>
                {onField && f.field !== "merchant" ? (
                  <Typography.Link onClick={() => onField(f.field)} data-testid="finding-field">
                    {fieldName(f.field, category?.attributes)}
                  </Typography.Link>
                ) : (
                  <Typography.Text strong>{fieldName(f.field, category?.attributes)}</Typography.Text>
                )}
                <Typography.Text>{i18n.t("catalogAdmin.colon")}{text}</Typography.Text>
              </div>
              {explain ? (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {explain}
                </Typography.Text>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
