import { Alert, Card, Descriptions, Empty, Skeleton, Space, Table, Tag, Typography } from "antd";
import { ArrowLeftOutlined, ExportOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { isApiError } from "../../../api";
import { formatDate, formatDateTime } from "../../../components/format";
import { emptyText } from "../../../components/labels";
import { categoryName, docKindName, entityTypeName, validityText } from "../../../components/onboarding";
import { DocStateTag, GovErrorAlert, govErrorText, RenewalStatusTag, ReverificationStatusTag, StandingTag } from "./labels";
import { documentFileUrl, useMerchantDetail, useQualifications } from "./queries";
import type { QualificationDocument, Renewal, Reverification } from "../../../types/governance";

/** /admin/merchants/:id/qualifications: a merchant's qualification file in full (M3). */
export function QualificationFilePage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const merchant = useMerchantDetail(id);
  return (
    <div data-testid="qualification-file-page">
      <div style={{ marginBottom: 12 }}>
        <Link to="/admin/merchants">
          <ArrowLeftOutlined /> {t("consoleGov.qualFile.back")}
        </Link>
      </div>
      <Space size={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("consoleGov.qualFile.title")}
          {merchant.data ? ` · ${merchant.data.name}` : ""}
        </Typography.Title>
        {merchant.data ? <StandingTag status={merchant.data.status} /> : null}
      </Space>
      <QualificationFile merchantId={id} />
    </div>
  );
}

/** The documents in force with their expiry, renewals and re-verifications; `compact` for the merchant drawer. */
export function QualificationFile({ merchantId, compact = false }: { merchantId: string; compact?: boolean }) {
  const { t } = useTranslation();
  const file = useQualifications(merchantId);
  if (file.isPending) return <Skeleton active paragraph={{ rows: compact ? 3 : 8 }} />;
  if (file.isError) {
    if (isApiError(file.error) && file.error.code === "QUALIFICATION_FILE_NOT_FOUND") {
      return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={govErrorText(file.error)} data-testid="qualification-file-none" />;
    }
    return <GovErrorAlert error={file.error} />;
  }
  const q = file.data;
  const alerts = (
    <>
      {q.holdSince ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t("consoleGov.qualFile.hold", { since: formatDateTime(q.holdSince) })} data-testid="qualification-hold" /> : null}
      {q.missingMandatory.length ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t("consoleGov.qualFile.missing", { kinds: q.missingMandatory.map(docKindName).join("、") })} />
      ) : null}
    </>
  );
  const documents = (
    <Table<QualificationDocument>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={q.documents}
      scroll={compact ? undefined : { x: 900 }}
      locale={{ emptyText: emptyText(t("review.noDocuments")) }}
      onRow={(d) => ({ "data-testid": `qdoc-${d.kind}`, "data-state": d.state }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t("consoleGov.qualFile.kind"),
          dataIndex: "kind",
          render: (k: string, d) => (
            <Space size={4} wrap>
              <span>{docKindName(k)}</span>
              {d.mandatory ? <Tag color="orange">{t("consoleGov.qualFile.mandatory")}</Tag> : null}
            </Space>
          ),
        },
        ...(compact
          ? []
          : [
              { title: t("consoleGov.qualFile.number"), dataIndex: "number", render: (v: string) => <Typography.Text style={{ fontFamily: "monospace" }}>{v}</Typography.Text> },
              { title: t("consoleGov.qualFile.issuer"), dataIndex: "issuer" },
            ]),
        {
          title: t("consoleGov.qualFile.validity"),
          key: "validity",
          render: (_: unknown, d: QualificationDocument) =>
            compact ? (
              <span data-testid={`qdoc-valid-until-${d.kind}`}>{d.validUntil ? formatDate(d.validUntil) : t("consoleGov.renewal.validOpen")}</span>
            ) : (
              <span data-testid={`qdoc-valid-until-${d.kind}`}>{validityText(d.validFrom, d.validUntil)}</span>
            ),
        },
        { title: t("consoleGov.qualFile.state"), key: "state", render: (_: unknown, d: QualificationDocument) => <DocStateTag doc={d} /> },
        ...(compact
          ? []
          : [
              {
                title: t("consoleGov.qualFile.file"),
                key: "file",
                width: 90,
                render: (_: unknown, d: QualificationDocument) => (
                  <Typography.Link href={documentFileUrl(d.id)} target="_blank" rel="noopener noreferrer" title={d.fileName}>
                    <ExportOutlined /> {t("consoleGov.qualFile.open")}
                  </Typography.Link>
                ),
              },
            ]),
      ]}
    />
  );
  if (compact) {
    return (
      <div data-testid="qualification-file">
        {alerts}
        {documents}
      </div>
    );
  }
  return (
    <div data-testid="qualification-file">
      {alerts}
      <Card size="small" title={t("consoleGov.qualFile.entity")} style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("consoleGov.qualFile.name")}>{q.name}</Descriptions.Item>
          <Descriptions.Item label={t("consoleGov.qualFile.creditCode")}>
            <Typography.Text copyable style={{ fontFamily: "monospace" }}>
              {q.creditCode}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("consoleGov.qualFile.entityType")}>{entityTypeName(q.entityType)}</Descriptions.Item>
          <Descriptions.Item label={t("consoleGov.qualFile.categories")}>
            <Space size={[4, 4]} wrap>
              {q.categories.map((c) => (
                <Tag key={c}>{categoryName(c)}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t("consoleGov.qualFile.approvedAt")}>{formatDateTime(q.approvedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t("consoleGov.qualFile.documents")}
        extra={<Typography.Text type="secondary">{t("consoleGov.qualFile.warningDays", { days: q.warningDays })}</Typography.Text>}
        style={{ marginBottom: 16 }}
      >
        {documents}
      </Card>
      <Card size="small" title={t("consoleGov.qualFile.renewals")} style={{ marginBottom: 16 }}>
        <Table<Renewal>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={q.renewals}
          scroll={{ x: 700 }}
          locale={{ emptyText: emptyText(t("consoleGov.qualFile.noRenewals")) }}
          columns={[
            {
              title: t("consoleGov.renewals.kind"),
              dataIndex: "kind",
              render: (k: string, r) => <Link to={`/admin/qualifications/renewals/${r.id}`}>{docKindName(k)}</Link>,
            },
            { title: t("consoleGov.renewals.number"), dataIndex: "number" },
            { title: t("consoleGov.qualFile.validity"), key: "validity", render: (_: unknown, r) => validityText(r.validFrom, r.validUntil) },
            { title: t("consoleGov.renewals.submittedAt"), dataIndex: "submittedAt", render: (v: string) => formatDateTime(v) },
            { title: t("consoleGov.renewals.status"), dataIndex: "status", render: (s: string) => <RenewalStatusTag status={s} /> },
          ]}
        />
      </Card>
      <Card size="small" title={t("consoleGov.qualFile.reverifications")}>
        <Table<Reverification>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={q.reverifications}
          scroll={{ x: 700 }}
          locale={{ emptyText: emptyText(t("consoleGov.qualFile.noReverifications")) }}
          columns={[
            { title: t("consoleGov.reverifications.dueAt"), dataIndex: "dueAt", render: (v: string) => formatDate(v) },
            { title: t("consoleGov.reverifications.status"), dataIndex: "status", render: (s: string) => <ReverificationStatusTag status={s} /> },
            { title: t("consoleGov.reverifications.note"), dataIndex: "merchantNote", render: (v: string | null) => v ?? "—" },
            {
              title: t("consoleGov.penalty.decision"),
              key: "decision",
              render: (_: unknown, r) =>
                r.decidedAt ? (
                  <span>
                    {r.reason ? `${r.reason} · ` : ""}
                    <Typography.Text type="secondary">{t("consoleGov.qualFile.decidedBy", { at: formatDateTime(r.decidedAt), by: r.decidedBy ?? "" })}</Typography.Text>
                  </span>
                ) : (
                  "—"
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
