import { Card, Table, Tag } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { Consent } from "../../api";
import { ErrorAlert } from "../../components/errors";
import { formatDateTime } from "../../components/format";
import { emptyText } from "../../components/labels";
import { tx } from "../../components/tx";

/** The policies this account accepted, with version and time (U1). */
export function ConsentsCard() {
  const { t } = useTranslation();
  const consents = useQuery({ queryKey: ["privacy", "consents"], queryFn: () => api<{ items: Consent[] }>("/privacy/consents") });
  return (
    <Card title={t("consents.title")} data-testid="consents-card">
      {consents.isError ? <ErrorAlert error={consents.error} style={{ marginBottom: 16 }} /> : null}
      <Table<Consent>
        rowKey={(c) => `${c.policy}:${c.version}:${c.acceptedAt}`}
        size="small"
        loading={consents.isPending}
        dataSource={consents.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: emptyText(t("consents.empty")) }}
        columns={[
          { title: t("consents.policy"), dataIndex: "policy", render: (p: string) => tx(`consents.policies.${p}`, p) },
          { title: t("consents.version"), dataIndex: "version" },
          { title: t("consents.acceptedAt"), dataIndex: "acceptedAt", render: (v: string) => formatDateTime(v) },
          {
            title: t("consents.status"),
            key: "status",
            render: (_, c) =>
              c.withdrawnAt ? (
                <Tag>{t("consents.withdrawnAt", { date: formatDateTime(c.withdrawnAt) })}</Tag>
              ) : (
                <Tag color="green">{t("consents.valid")}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
