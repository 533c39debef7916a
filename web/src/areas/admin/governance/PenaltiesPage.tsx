import { useState } from "react";
import { Button, Card, Flex, Select, Space, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { useSession } from "../../../auth/session";
import { formatDateTime } from "../../../components/format";
import { emptyText } from "../../../components/labels";
import { PageHeader } from "../../../components/PageHeader";
import { useMerchants } from "../queries";
import { IssuePenaltyModal } from "./IssuePenaltyModal";
import { GovErrorAlert, PenaltyKindTag, penaltyPeriod, PenaltyStatusTag } from "./labels";
import { usePenalties } from "./queries";
import { PENALTY_STATUSES } from "./types";
import type { Penalty, PenaltyStatus } from "../../../types/governance";

/** Every penalty, newest first, filtered by merchant and status (M6). */
export function PenaltiesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  // Filters live in the address so that a merchant's detail can link to its penalties.
  const [params, setParams] = useSearchParams();
  const merchantId = params.get("merchantId") ?? undefined;
  const status = (params.get("status") as PenaltyStatus | null) ?? undefined;
  const penalties = usePenalties({ merchantId, status });
  const merchants = useMerchants();
  const [issuing, setIssuing] = useState(false);
  const setFilter = (key: string, value: string | undefined) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );

  return (
    <div data-testid="admin-penalties">
      <PageHeader title={t("consoleGov.penalties.title")}>
        {can("merchant.penalize") ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)} data-testid="penalty-issue">
            {t("consoleGov.penalties.issue")}
          </Button>
        ) : null}
      </PageHeader>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select<string>
            value={merchantId}
            onChange={(v) => setFilter("merchantId", v)}
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("consoleGov.penalties.allMerchants")}
            loading={merchants.isPending}
            style={{ width: 260 }}
            data-testid="penalties-merchant"
            options={(merchants.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
          />
          <Select<PenaltyStatus>
            value={status}
            onChange={(v) => setFilter("status", v)}
            allowClear
            placeholder={t("consoleGov.penalties.allStatuses")}
            style={{ width: 180 }}
            data-testid="penalties-status"
            options={PENALTY_STATUSES.map((s) => ({ value: s, label: t(`consoleGov.penaltyStatus.${s}`) }))}
          />
        </Flex>
        <GovErrorAlert error={penalties.error} style={{ marginBottom: 16 }} />
        <Table<Penalty>
          rowKey="id"
          loading={penalties.isPending}
          dataSource={penalties.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1040 }}
          data-testid="penalties-table"
          locale={{ emptyText: emptyText(merchantId || status ? t("consoleGov.penalties.emptyFiltered") : t("consoleGov.penalties.empty")) }}
          onRow={(p) => ({ onClick: () => navigate(`/admin/penalties/${p.id}`), style: { cursor: "pointer" }, "data-testid": `penalty-row-${p.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t("consoleGov.penalties.merchant"),
              dataIndex: "merchantName",
              render: (v: string | null, p) => (
                <Link to={`/admin/penalties/${p.id}`} onClick={(e) => e.stopPropagation()} data-testid="penalty-row-link">
                  {v ?? p.merchantId}
                </Link>
              ),
            },
            { title: t("consoleGov.penalties.kind"), dataIndex: "kind", width: 110, render: (k: string) => <PenaltyKindTag kind={k} /> },
            {
              title: t("consoleGov.penalties.status"),
              dataIndex: "status",
              width: 170,
              render: (s: string, p) => (
                <Space size={4} wrap>
                  <PenaltyStatusTag status={s} />
                  {p.active && p.kind !== "warning" ? <Tag color="red" bordered={false}>{t("consoleGov.penalties.binding")}</Tag> : null}
                </Space>
              ),
            },
            { title: t("consoleGov.penalties.period"), key: "period", render: (_: unknown, p) => <Typography.Text style={{ fontSize: 13 }}>{penaltyPeriod(p)}</Typography.Text> },
            { title: t("consoleGov.penalties.issuedAt"), dataIndex: "issuedAt", width: 160, render: (v: string) => <span style={{ whiteSpace: "nowrap" }}>{formatDateTime(v)}</span> },
            { title: t("consoleGov.penalties.appealBy"), dataIndex: "appealBy", width: 160, render: (v: string) => <span style={{ whiteSpace: "nowrap" }}>{formatDateTime(v)}</span> },
          ]}
        />
      </Card>
      <IssuePenaltyModal open={issuing} onClose={() => setIssuing(false)} onIssued={(p) => navigate(`/admin/penalties/${p.id}`)} />
    </div>
  );
}
