import { useState } from "react";
import { Button, Card, Empty, Flex, Table, Tooltip, Typography } from "antd";
import { EditOutlined, PlusOutlined, TrophyFilled } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { formatDate } from "../../../components/format";
import { PageHeader } from "../../../components/PageHeader";
import { ActiveTag, nearestExpiry, periodLabel, ScoreBar, SupplierErrorAlert, useSuppliers, validityState } from "./kit";
import type { SupplierBase } from "./kit";
import { SupplierDrawer } from "./SupplierDrawer";
import type { Supplier } from "./types";

const MEDALS = ["#d4a017", "#a6a9ad", "#b8733a"];

function Rank({ rank }: { rank: number | null | undefined }) {
  const { t } = useTranslation();
  if (!rank) {
    return (
      <Tooltip title={t("supplierUi.list.unrankedHint")}>
        <Typography.Text type="secondary">—</Typography.Text>
      </Tooltip>
    );
  }
  if (rank <= 3) {
    return (
      <span style={{ display: "inline-flex", alignItems: "center", gap: 4, color: MEDALS[rank - 1], fontWeight: 600 }} data-testid="rank-medal" aria-label={t("supplierUi.list.rankAria", { rank })}>
        <TrophyFilled style={{ fontSize: 18 }} />
        {rank}
      </span>
    );
  }
  return <span style={{ paddingInlineStart: 22, fontVariantNumeric: "tabular-nums" }}>{rank}</span>;
}

/** The suppliers ranked by their latest scorecard (P7), with the add and edit drawer. */
export function SuppliersPage({ base }: { base: SupplierBase }) {
  const { t } = useTranslation();
  const list = useSuppliers(base);
  const [editing, setEditing] = useState<Supplier | "new" | null>(null);
  const rows = list.data ?? [];

  const add = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="supplier-new">
      {t("supplierUi.list.add")}
    </Button>
  );

  return (
    <div data-testid="suppliers-page">
      <PageHeader title={t("supplierUi.list.title")}>{add}</PageHeader>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {base === "/admin/suppliers" ? t("supplierUi.list.introPlatform") : t("supplierUi.list.intro")}
      </Typography.Paragraph>
      <Card>
        <SupplierErrorAlert error={list.error} style={{ marginBottom: 16 }} />
        <Table<Supplier>
          rowKey="id"
          loading={list.isPending}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 1080 }}
          data-testid="suppliers-table"
          onRow={(r) => ({ "data-testid": `supplier-row-${r.id}`, "data-name": r.name, "data-rank": r.rank ?? "" }) as React.HTMLAttributes<HTMLElement>}
          locale={{
            emptyText: list.isPending ? (
              " "
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("supplierUi.list.empty")} data-testid="suppliers-empty">
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="supplier-first">
                  {t("supplierUi.list.addFirst")}
                </Button>
              </Empty>
            ),
          }}
          columns={[
            { title: t("supplierUi.list.rank"), key: "rank", width: 80, render: (_, r) => <Rank rank={r.rank} /> },
            {
              title: t("supplierUi.fields.name"),
              dataIndex: "name",
              render: (v: string, r) => (
                <div style={{ minWidth: 0 }}>
                  <Link to={`${base}/${r.id}`} data-testid="supplier-name">
                    {v}
                  </Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: "monospace" }}>
                      {r.creditCode}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            {
              title: t("supplierUi.list.score"),
              key: "score",
              width: 180,
              render: (_, r) => (r.latest ? <ScoreBar score={r.latest.score} testId="supplier-score" /> : <Typography.Text type="secondary">{t("supplierUi.list.notScored")}</Typography.Text>),
            },
            { title: t("supplierUi.list.period"), key: "period", width: 140, render: (_, r) => <span style={{ whiteSpace: "nowrap" }}>{r.latest ? periodLabel(r.latest.period) : "—"}</span> },
            { title: t("supplierUi.list.status"), dataIndex: "active", width: 88, render: (v: boolean) => <ActiveTag active={v} /> },
            {
              title: t("supplierUi.list.qualifications"),
              key: "qualifications",
              width: 190,
              render: (_, r) => {
                if (!r.qualifications.length) return <Typography.Text type="secondary">{t("supplierUi.list.noQualifications")}</Typography.Text>;
                const next = nearestExpiry(r.qualifications);
                const state = next ? validityState(next.validUntil) : "open";
                return (
                  <div data-testid="supplier-qualifications">
                    <div>{t("supplierUi.list.qualificationCount", { count: r.qualifications.length })}</div>
                    {next ? (
                      <Typography.Text type={state === "expired" ? "danger" : state === "soon" ? "warning" : "secondary"} style={{ fontSize: 12 }}>
                        {state === "expired"
                          ? t("supplierUi.list.expiredOn", { kind: next.kind, date: formatDate(next.validUntil) })
                          : t("supplierUi.list.nextExpiry", { kind: next.kind, date: formatDate(next.validUntil) })}
                      </Typography.Text>
                    ) : null}
                  </div>
                );
              },
            },
            {
              title: t("supplierUi.fields.contact"),
              key: "contact",
              width: 130,
              render: (_, r) => (
                <div>
                  <div>{r.contactName}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.contactPhone}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t("common.actions"),
              key: "actions",
              width: 90,
              fixed: "right",
              render: (_, r) => (
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid="supplier-edit">
                  {t("supplierUi.list.edit")}
                </Button>
              ),
            },
          ]}
        />
        {rows.length ? (
          <Flex justify="flex-end" style={{ marginTop: 12 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("supplierUi.list.rankingNote")}
            </Typography.Text>
          </Flex>
        ) : null}
      </Card>
      <SupplierDrawer base={base} editing={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
