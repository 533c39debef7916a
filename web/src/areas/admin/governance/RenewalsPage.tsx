import { useState } from "react";
import { Card, Flex, Select, Table, Tabs, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { formatDate, formatDateTime } from "../../../components/format";
import { emptyText } from "../../../components/labels";
import { docKindName, hoursSince } from "../../../components/onboarding";
import { PageHeader } from "../../../components/PageHeader";
import { AgeingTag } from "../applications/ApplicationsPage";
import { GovErrorAlert, RenewalStatusTag } from "./labels";
import { useRenewals } from "./queries";
import { RENEWAL_STATUSES } from "./types";
import type { Renewal, RenewalStatus } from "../../../types/governance";

/** Renewals and re-verifications: two tabs of the one "qualifications" menu item. */
export function QualificationTabs({ active }: { active: "renewals" | "reverifications" }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Tabs
      activeKey={active}
      onChange={(k) => navigate(`/admin/qualifications/${k}`)}
      items={[
        { key: "renewals", label: <span data-testid="tab-renewals">{t("consoleGov.tabs.renewals")}</span> },
        { key: "reverifications", label: <span data-testid="tab-reverifications">{t("consoleGov.tabs.reverifications")}</span> },
      ]}
      style={{ marginBottom: 8 }}
    />
  );
}

/** Renewed and additional documents that merchants uploaded, oldest first (M3). */
export function RenewalsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [status, setStatus] = useState<RenewalStatus>("pending");
  const renewals = useRenewals(status);
  const pending = status === "pending";
  return (
    <div data-testid="admin-renewals">
      <PageHeader title={t("consoleGov.renewals.title")} />
      <QualificationTabs active="renewals" />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select<RenewalStatus>
            value={status}
            onChange={setStatus}
            style={{ width: 200 }}
            data-testid="renewals-status"
            options={RENEWAL_STATUSES.map((s) => ({ value: s, label: t(`consoleGov.renewalStatus.${s}`) }))}
          />
        </Flex>
        <GovErrorAlert error={renewals.error} style={{ marginBottom: 16 }} />
        <Table<Renewal>
          rowKey="id"
          loading={renewals.isPending}
          dataSource={renewals.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          data-testid="renewals-table"
          locale={{ emptyText: emptyText(pending ? t("consoleGov.renewals.emptyPending") : t("consoleGov.renewals.empty")) }}
          onRow={(r) => ({ onClick: () => navigate(`/admin/qualifications/renewals/${r.id}`), style: { cursor: "pointer" }, "data-testid": `renewal-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t("consoleGov.renewals.merchant"),
              dataIndex: "merchantName",
              render: (v: string | null, r) => (
                <Link to={`/admin/qualifications/renewals/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="renewal-row-link">
                  {v ?? r.merchantId}
                </Link>
              ),
            },
            {
              title: t("consoleGov.renewals.kind"),
              dataIndex: "kind",
              render: (k: string, r) => (
                <span>
                  {docKindName(k)}
                  {r.replacesDocumentId ? null : (
                    <Tag style={{ marginLeft: 6 }} color="cyan">
                      {t("consoleGov.renewal.addition")}
                    </Tag>
                  )}
                </span>
              ),
            },
            { title: t("consoleGov.renewals.number"), dataIndex: "number", render: (v: string) => <Typography.Text style={{ fontFamily: "monospace" }}>{v}</Typography.Text> },
            { title: t("consoleGov.renewals.validUntil"), dataIndex: "validUntil", width: 130, render: (v: string | null) => (v ? formatDate(v) : t("consoleGov.renewal.validOpen")) },
            { title: t("consoleGov.renewals.submittedAt"), dataIndex: "submittedAt", width: 150, render: (v: string) => formatDateTime(v) },
            pending
              ? { title: t("consoleGov.renewals.waiting"), key: "waiting", width: 130, render: (_: unknown, r: Renewal) => <AgeingTag hours={hoursSince(r.submittedAt)} /> }
              : { title: t("consoleGov.renewals.decidedAt"), dataIndex: "decidedAt", width: 150, render: (v: string | null) => formatDateTime(v) },
            { title: t("consoleGov.renewals.status"), dataIndex: "status", width: 120, render: (s: string) => <RenewalStatusTag status={s} /> },
          ]}
        />
      </Card>
    </div>
  );
}
