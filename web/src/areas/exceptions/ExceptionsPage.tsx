import { useEffect, useState } from "react";
import { Alert, Badge, Button, Card, Checkbox, Flex, Input, Select, Table, Tabs, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../../api";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime } from "../../components/format";
import { ShipmentStatusTag } from "../../components/orders/StatusTags";
import { carrierName } from "../../components/orders/fulfil";
import { placeOf } from "../trade/context";
import { emptyState, Mono, useFilterParams } from "../trade/kit";
import { CaseDrawer } from "./CaseDrawer";
import { Deadline, exceptionErrorText, exceptionsKey, KindTag, OwnerTag, ResolutionTag, StatusTag } from "./kit";
import { EXCEPTION_KINDS, EXCEPTION_STATUSES, OWNERS, type ExceptionKind, type ExceptionStatus, type OwnerKind, type Queue, type QueueItem } from "./types";

const TABS = [...EXCEPTION_STATUSES, "all"] as const;
type Tab = (typeof TABS)[number];
const PAGE = 50;

/** The exception queue (O7, L4) of the console or of one shop. */
export function ExceptionsPage({ scope }: { scope: "merchant" | "admin" }) {
  const { t } = useTranslation();
  const { params, set, pick } = useFilterParams();
  const tab = pick<Tab>("status", TABS) ?? "open";
  const kind = pick<ExceptionKind>("kind", EXCEPTION_KINDS);
  const owner = pick<OwnerKind>("owner", OWNERS);
  const overdue = params.get("overdue") === "1";
  const q = params.get("q") ?? "";
  const openId = params.get("case");
  const [search, setSearch] = useState(q);
  const [limit, setLimit] = useState(PAGE);
  useEffect(() => setLimit(PAGE), [tab, kind, owner, overdue, q]);
  // The queue's clock: time left moves on while the page is open.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);

  const base = scope === "merchant" ? "/merchant/exceptions" : "/admin/exceptions";
  const query = { status: tab === "all" ? undefined : tab, kind, owner, overdue: overdue ? "true" : undefined, q: q || undefined, limit };
  const list = useQuery({
    queryKey: [...exceptionsKey, scope, "queue", query],
    queryFn: ({ signal }) => api<Queue>(base, { query, signal }),
    placeholderData: (prev) => prev,
  });
  const data = list.data;
  const rows = data?.items ?? [];
  const counts = data?.counts;
  const filtered = !!(kind || owner || overdue || q);
  const ordersRoute = placeOf(scope).ordersRoute;

  return (
    <div data-testid="exceptions-page" data-scope={scope}>
      <PageHeader title={t("exceptions.title")} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t(`exceptions.intro.${scope}`, { hours: data?.handleHours ?? 48 })}
      </Typography.Paragraph>
      <Card>
        <Tabs
          size="small"
          activeKey={tab}
          onChange={(k) => set({ status: k === "open" ? undefined : k })}
          style={{ marginTop: -8 }}
          items={TABS.map((s) => ({
            key: s,
            label: (
              <span data-testid={`exceptions-tab-${s}`} data-count={counts ? (s === "all" ? counts.all : counts.status[s as ExceptionStatus]) : undefined}>
                {t(`exceptions.status.${s}`)}
                {counts ? (
                  <Badge
                    count={s === "all" ? counts.all : counts.status[s as ExceptionStatus]}
                    showZero
                    overflowCount={999}
                    size="small"
                    color={s === "open" ? "#c2410c" : "#bfbfbf"}
                    style={{ marginInlineStart: 6 }}
                  />
                ) : null}
              </span>
            ),
          }))}
        />
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Select<ExceptionKind | "">
            value={kind ?? ""}
            onChange={(v) => set({ kind: v || undefined })}
            style={{ width: 170 }}
            data-testid="exceptions-filter-kind"
            aria-label={t("exceptions.filters.kind")}
            options={[
              { value: "", label: t("exceptions.filters.allKinds") },
              ...EXCEPTION_KINDS.map((k) => ({ value: k, label: `${t(`exceptions.kind.${k}`)}${counts ? ` (${counts.kind[k]})` : ""}` })),
            ]}
          />
          <Select<OwnerKind | "">
            value={owner ?? ""}
            onChange={(v) => set({ owner: v || undefined })}
            style={{ width: 150 }}
            data-testid="exceptions-filter-owner"
            aria-label={t("exceptions.filters.owner")}
            options={[
              { value: "", label: t("exceptions.filters.allOwners") },
              ...OWNERS.map((o) => ({ value: o, label: `${t(`exceptions.owner.${o}`)}${counts ? ` (${counts.owner[o]})` : ""}` })),
            ]}
          />
          <Checkbox checked={overdue} onChange={(e) => set({ overdue: e.target.checked ? "1" : undefined })} data-testid="exceptions-filter-overdue">
            {t("exceptions.filters.overdue")}
          </Checkbox>
          <Input.Search
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            placeholder={t("exceptions.filters.search")}
            style={{ width: 260 }}
            data-testid="exceptions-search"
          />
          {counts?.overdue ? (
            <Typography.Text type="danger" style={{ marginInlineStart: "auto" }} data-testid="exceptions-overdue-count" data-count={counts.overdue}>
              {t("exceptions.overdueCount", { count: counts.overdue })}
            </Typography.Text>
          ) : null}
        </Flex>
        {list.error ? <Alert type="error" showIcon title={exceptionErrorText(list.error)} style={{ marginBottom: 12 }} data-testid="error-alert" /> : null}
        <Table<QueueItem>
          rowKey="id"
          size="middle"
          loading={list.isFetching && !list.isPending ? { delay: 300 } : list.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1050 }}
          data-testid="exceptions-table"
          onRow={(r) =>
            ({
              "data-testid": `exception-row-${r.no}`,
              "data-kind": r.kind,
              "data-status": r.status,
              "data-overdue": r.overdue ? "true" : "false",
              style: r.overdue && r.status === "open" ? { background: "#fff1f0" } : undefined,
            }) as React.HTMLAttributes<HTMLElement>
          }
          locale={{ emptyText: emptyState(list.isPending, t(filtered ? "exceptions.empty.filtered" : `exceptions.empty.${tab}`), "exceptions-empty") }}
          columns={[
            {
              title: t("exceptions.fields.no"),
              key: "no",
              width: 160,
              render: (_, r) => (
                <div>
                  <Button type="link" size="small" style={{ padding: 0, height: "auto" }} onClick={() => set({ case: r.id })} data-testid="exception-no">
                    <Mono>{r.no}</Mono>
                  </Button>
                  <div style={{ marginTop: 2 }}>
                    <KindTag kind={r.kind} />
                  </div>
                </div>
              ),
            },
            {
              title: t("exceptions.fields.order"),
              key: "order",
              width: 180,
              render: (_, r) => (
                <div>
                  <Link to={`${ordersRoute}/${r.orderId}`} data-testid="exception-order-link">
                    <Mono>{r.orderNo}</Mono>
                  </Link>
                  {scope === "admin" ? <div style={{ fontSize: 12, color: "rgba(0,0,0,0.55)" }}>{r.merchantName}</div> : null}
                </div>
              ),
            },
            {
              title: t("exceptions.fields.description"),
              key: "description",
              width: 260,
              render: (_, r) => (
                <div>
                  <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.description }} style={{ margin: 0 }} data-testid="exception-description">
                    {r.description}
                  </Typography.Paragraph>
                  <div style={{ fontSize: 12, color: "rgba(0,0,0,0.45)" }}>
                    {t(`exceptions.source.${r.source}`)} · {formatDateTime(r.openedAt)}
                  </div>
                </div>
              ),
            },
            {
              title: t("exceptions.fields.parcel"),
              key: "parcel",
              width: 170,
              render: (_, r) =>
                r.shipment ? (
                  <div>
                    <div style={{ fontSize: 12 }}>{r.shipment.carrierName ? carrierName({ name: r.shipment.carrierName, nameEn: r.shipment.carrierNameEn ?? r.shipment.carrierName }) : ""}</div>
                    <Mono>{r.shipment.trackingNo}</Mono>
                    <div>
                      <ShipmentStatusTag status={r.shipment.status} />
                    </div>
                  </div>
                ) : (
                  <Typography.Text type="secondary">{t("exceptions.noParcel")}</Typography.Text>
                ),
            },
            {
              title: `${t("exceptions.fields.owner")} / ${tab === "open" ? t("exceptions.fields.deadline") : t("exceptions.fields.result")}`,
              key: "deadline",
              width: 200,
              render: (_, r) => (
                <div>
                  <div style={{ marginBottom: 4 }}>
                    <OwnerTag kind={r.ownerKind} label={r.ownerLabel} />
                  </div>
                  {r.status === "open" ? null : (
                    <div style={{ marginBottom: 2 }}>{r.resolution ? <ResolutionTag resolution={r.resolution} /> : <StatusTag status={r.status} />}</div>
                  )}
                  <Deadline c={r} now={now} />
                </div>
              ),
            },
            {
              title: "",
              key: "actions",
              width: 80,
              fixed: "right",
              render: (_, r) => (
                <Button size="small" type={r.status === "open" ? "primary" : "default"} onClick={() => set({ case: r.id })} data-testid="exception-open">
                  {r.status === "open" ? t("exceptions.open") : t("exceptions.view")}
                </Button>
              ),
            },
          ]}
        />
        {rows.length ? (
          <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
            <Typography.Text type="secondary" data-testid="exceptions-shown">
              {t("exceptions.shown", { count: rows.length, total: counts ? (tab === "all" ? counts.all : counts.status[tab]) : rows.length })}
            </Typography.Text>
            {rows.length >= limit && limit < 200 ? (
              <Button onClick={() => setLimit(Math.min(200, limit + PAGE))} loading={list.isFetching} data-testid="exceptions-more">
                {t("common.loadMore")}
              </Button>
            ) : null}
          </Flex>
        ) : null}
      </Card>
      {openId ? <CaseDrawer scope={scope} id={openId} now={now} onClose={() => set({ case: undefined })} /> : null}
    </div>
  );
}
