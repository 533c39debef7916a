import { useState } from "react";
import { App, Button, Card, Col, DatePicker, Descriptions, Drawer, Empty, Flex, Modal, Row, Select, Skeleton, Space, Table, Typography } from "antd";
import type { ButtonProps } from "antd";
import { DownloadOutlined, FileDoneOutlined, SendOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { api } from "../../api";
import { useSession } from "../../auth/session";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime, formatFen } from "../../components/format";
import { emptyState, Mono, Money, useFilterParams, useShopNames } from "../trade/kit";
import { CommissionTags, categoryName, fileUrl, PayoutStatusTag, rateText, settleKey, SettleErrorAlert, StatementStatusTag } from "./kit";
import type { CommissionPart, CurrentStatement, IssueResult, Payout, PeriodPayout, Statement, StatementDetail, StatementLine } from "./types";

type Scope = "merchant" | "admin";
const base = (scope: Scope) => (scope === "merchant" ? "/merchant" : "/admin");

/** Settlement statements and payouts (F5) of the console or of one shop. */
export function SettlementPage({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const { params, set } = useFilterParams();
  const open = params.get("statement") ?? undefined;
  return (
    <div data-testid="settlement-page" data-scope={scope}>
      {scope === "merchant" ? (
        <>
          <PageHeader title={t("settle.shopTitle")} />
          <CurrentCard />
          <StatementsCard scope={scope} onOpen={(id) => set({ statement: id })} />
          <PayoutsCard scope={scope} />
        </>
      ) : (
        <>
          <PageHeader title={t("settle.consoleTitle")}>
            <IssueButton />
          </PageHeader>
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t("settle.consoleIntro")}
          </Typography.Paragraph>
          <StatementsCard scope={scope} onOpen={(id) => set({ statement: id })} />
          <PayoutsCard scope={scope} />
        </>
      )}
      <StatementDrawer scope={scope} id={open} onClose={() => set({ statement: undefined })} />
    </div>
  );
}

/** Opening + net − paid out = closing, the way every statement reads. */
function Figures({ s, testPrefix }: { s: Pick<Statement, "openingFen" | "grossFen" | "commissionFen" | "refundsFen" | "netFen" | "paidOutFen" | "closingFen" | "orders">; testPrefix: string }) {
  const { t } = useTranslation();
  const cell = (label: string, fen: number, key: string, strong = false) => (
    <Col xs={12} sm={8} md={6} xl={3} key={key}>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: "block" }}>
        {label}
      </Typography.Text>
      <Money fen={fen} strong={strong} testId={`${testPrefix}-${key}`} />
    </Col>
  );
  return (
    <Row gutter={[16, 12]}>
      <Col xs={12} sm={8} md={6} xl={3}>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: "block" }}>
          {t("settle.fields.orders")}
        </Typography.Text>
        <Typography.Text data-testid={`${testPrefix}-orders`}>{s.orders}</Typography.Text>
      </Col>
      {cell(t("settle.fields.opening"), s.openingFen, "opening")}
      {cell(t("settle.fields.gross"), s.grossFen, "gross")}
      {cell(t("settle.fields.commission"), -s.commissionFen, "commission")}
      {cell(t("settle.fields.refunds"), -s.refundsFen, "refunds")}
      {cell(t("settle.fields.net"), s.netFen, "net", true)}
      {cell(t("settle.fields.paidOut"), -s.paidOutFen, "paid-out")}
      {cell(t("settle.fields.closing"), s.closingFen, "closing", true)}
    </Row>
  );
}

/** The open period as it stands: what the shop has earned so far this month. */
function CurrentCard() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: [...settleKey, "current"], queryFn: ({ signal }) => api<CurrentStatement>("/merchant/statements/current", { signal }) });
  const s = q.data;
  return (
    <Card
      title={t("settle.current.title")}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="statement-current"
      extra={s ? <Typography.Text type="secondary">{t("settle.current.period", { start: s.periodStart, end: s.periodEnd })}</Typography.Text> : null}
    >
      <SettleErrorAlert error={q.error} style={{ marginBottom: 12 }} />
      {q.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : s ? (
        <>
          <Flex align="baseline" gap={12} wrap style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">{t("settle.current.net")}</Typography.Text>
            <Typography.Text strong style={{ fontSize: 28, lineHeight: 1.2, fontVariantNumeric: "tabular-nums" }} data-testid="statement-current-net" data-fen={s.netFen}>
              {formatFen(s.netFen).replace(/^-/, "−")}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t("settle.current.asOf", { at: formatDateTime(s.asOf) })}
              {s.lastStatement ? ` · ${t("settle.current.after", { no: s.lastStatement.no })}` : ""}
            </Typography.Text>
          </Flex>
          <Figures s={s} testPrefix="statement-current-figure" />
          <Typography.Paragraph type="secondary" style={{ margin: "12px 0" }}>
            {t("settle.current.hint")}
          </Typography.Paragraph>
          <OrdersTable lines={s.lines} testId="statement-current-orders" />
          {s.byCategory.length ? <CategoryTable parts={s.byCategory} /> : null}
        </>
      ) : null}
    </Card>
  );
}

function OrdersTable({ lines, testId }: { lines: StatementLine[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table<StatementLine>
      rowKey="orderId"
      size="small"
      dataSource={lines}
      pagination={lines.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 760 }}
      data-testid={testId}
      onRow={(l) => ({ "data-testid": `statement-order-${l.orderNo}` }) as React.HTMLAttributes<HTMLElement>}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("settle.noOrders")} /> }}
      columns={[
        { title: t("settle.fields.orderNo"), dataIndex: "orderNo", render: (v: string) => <Mono>{v}</Mono> },
        { title: t("settle.fields.completedAt"), dataIndex: "completedAt", width: 150, render: (v: string) => formatDateTime(v) },
        { title: t("settle.fields.gross"), dataIndex: "grossFen", width: 120, align: "right", render: (v: number) => <Money fen={v} testId="line-gross" /> },
        {
          title: t("settle.fields.commission"),
          key: "commission",
          width: 260,
          render: (_, l) => (
            <Flex justify="space-between" gap={8} align="center">
              <span>
                <CommissionTags parts={l.commission} />
              </span>
              <Money fen={l.commissionFen} testId="line-commission" />
            </Flex>
          ),
        },
        { title: t("settle.fields.net"), dataIndex: "netFen", width: 120, align: "right", render: (v: number) => <Money fen={v} strong testId="line-net" /> },
      ]}
    />
  );
}

/** F5: commission per category and rate, as the platform kept it. */
function CategoryTable({ parts }: { parts: CommissionPart[] }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginTop: 16 }}>
      <Typography.Text strong>{t("settle.byCategory")}</Typography.Text>
      <Table<CommissionPart>
        rowKey={(p) => `${p.categoryKey}-${p.bps}`}
        size="small"
        dataSource={parts}
        pagination={false}
        style={{ marginTop: 8, maxWidth: 640 }}
        data-testid="statement-categories"
        columns={[
          { title: t("settle.fields.category"), key: "category", render: (_, p) => categoryName(p) },
          { title: t("settle.fields.rate"), dataIndex: "bps", width: 90, align: "right", render: (v: number) => rateText(v) },
          { title: t("settle.fields.base"), dataIndex: "baseFen", width: 130, align: "right", render: (v: number) => <Money fen={v} /> },
          { title: t("settle.fields.commission"), dataIndex: "commissionFen", width: 130, align: "right", render: (v: number) => <Money fen={v} strong /> },
        ]}
      />
    </div>
  );
}

function StatementsCard({ scope, onOpen }: { scope: Scope; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { params, set, pick } = useFilterParams();
  const shops = useShopNames();
  const merchantId = scope === "admin" ? (params.get("merchantId") ?? undefined) : undefined;
  const status = scope === "admin" ? pick("status", ["issued", "paid"] as const) : undefined;
  const month = scope === "admin" ? (params.get("month") ?? undefined) : undefined;
  const q = useQuery({
    queryKey: [...settleKey, scope, "statements", { merchantId, status, month }],
    queryFn: ({ signal }) => api<{ items: Statement[] }>(`${base(scope)}/statements`, { query: { merchantId, status, month }, signal }),
  });
  const rows = q.data?.items ?? [];
  return (
    <Card
      title={t("settle.statements")}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        scope === "admin" ? (
          <Space wrap>
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              value={merchantId}
              onChange={(v?: string) => set({ merchantId: v })}
              placeholder={t("settle.filters.allShops")}
              options={shops.shops.map((m) => ({ value: m.id, label: m.name }))}
              style={{ minWidth: 220 }}
              data-testid="statements-filter-shop"
            />
            <Select
              allowClear
              value={status}
              onChange={(v?: string) => set({ status: v })}
              placeholder={t("settle.filters.allStatuses")}
              options={(["issued", "paid"] as const).map((s) => ({ value: s, label: t(`settle.statementStatus.${s}`) }))}
              style={{ minWidth: 130 }}
              data-testid="statements-filter-status"
            />
            <DatePicker
              picker="month"
              value={month ? dayjs(`${month}-01`) : null}
              onChange={(d) => set({ month: d ? d.format("YYYY-MM") : undefined })}
              placeholder={t("settle.filters.month")}
              data-testid="statements-filter-month"
            />
          </Space>
        ) : null
      }
    >
      <SettleErrorAlert error={q.error} style={{ marginBottom: 12 }} />
      <Table<Statement>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: scope === "admin" ? 1250 : 1100 }}
        data-testid="statements-table"
        onRow={(s) => ({ "data-testid": `statement-row-${s.no}`, "data-status": s.status }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: emptyState(q.isPending, t(scope === "merchant" ? "settle.noStatementsShop" : "settle.noStatements"), "statements-empty") }}
        columns={[
          {
            title: t("settle.fields.no"),
            dataIndex: "no",
            width: 140,
            render: (no: string, s) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(s.id)} data-testid={`statement-open-${no}`}>
                <Mono>{no}</Mono>
              </Button>
            ),
          },
          ...(scope === "admin" ? [{ title: t("settle.fields.merchant"), key: "merchant", width: 170, ellipsis: true, render: (_: unknown, s: Statement) => s.merchantName ?? shops.name(s.merchantId) }] : []),
          { title: t("settle.fields.period"), key: "period", width: 190, render: (_, s) => <span style={{ whiteSpace: "nowrap" }}>{`${s.periodStart} – ${s.periodEnd}`}</span> },
          { title: t("settle.fields.orders"), dataIndex: "orders", width: 70, align: "right" },
          { title: t("settle.fields.gross"), dataIndex: "grossFen", width: 120, align: "right", render: (v: number) => <Money fen={v} /> },
          { title: t("settle.fields.commission"), dataIndex: "commissionFen", width: 110, align: "right", render: (v: number) => <Money fen={v} /> },
          { title: t("settle.fields.net"), dataIndex: "netFen", width: 120, align: "right", render: (v: number) => <Money fen={v} /> },
          { title: t("settle.fields.closing"), dataIndex: "closingFen", width: 120, align: "right", fixed: "right", render: (v: number) => <Money fen={v} strong testId="statement-closing" /> },
          { title: t("settle.fields.status"), dataIndex: "status", width: 80, fixed: "right", render: (v: Statement["status"]) => <StatementStatusTag status={v} /> },
          {
            title: t("settle.fields.actions"),
            key: "actions",
            fixed: "right",
            width: scope === "admin" ? 170 : 190,
            render: (_, s) => (
              <Space size={4}>
                <Button size="small" onClick={() => onOpen(s.id)}>
                  {t("settle.detail")}
                </Button>
                {scope === "admin" && can("finance.settle") && s.payable ? <PayOutButton statement={s} /> : null}
                {scope === "merchant" ? (
                  <Button size="small" icon={<DownloadOutlined />} href={fileUrl(`/merchant/statements/${s.id}`, "xlsx")} download data-testid={`statement-export-${s.no}`}>
                    XLSX
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** A key for one payout request: a retried confirmation of the same dialog is the same payout. */
function newRequestKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `payout-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

function PayOutButton({ statement, block }: { statement: Statement; block?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [requestKey, setRequestKey] = useState<string | null>(null);
  const pay = useMutation({
    mutationFn: (key: string) => api<Payout>("/admin/payouts", { method: "POST", body: { statementId: statement.id, requestKey: key } }),
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: settleKey });
      if (p.status === "paid") message.success(t("settle.payout.done", { no: p.no, amount: formatFen(p.amountFen) }));
      else if (p.status === "failed") message.error(t("settle.payout.failed", { no: p.no, reason: p.failureReason ?? "" }));
      else message.info(t("settle.payout.pending", { no: p.no }));
      setRequestKey(null);
    },
  });
  return (
    <>
      <Button
        size="small"
        type="primary"
        block={block}
        icon={<SendOutlined />}
        onClick={() => {
          pay.reset();
          setRequestKey(newRequestKey());
        }}
        data-testid={`statement-pay-${statement.no}`}
      >
        {t("settle.payout.button")}
      </Button>
      <Modal
        open={requestKey !== null}
        title={t("settle.payout.title", { no: statement.no })}
        okText={t("settle.payout.confirm", { amount: formatFen(statement.closingFen) })}
        cancelText={t("common.close")}
        okButtonProps={{ "data-testid": "payout-confirm" } as ButtonProps}
        confirmLoading={pay.isPending}
        onOk={() => pay.mutate(requestKey!)}
        onCancel={() => setRequestKey(null)}
        destroyOnHidden
      >
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t("settle.fields.merchant")}>{statement.merchantName ?? statement.merchantId}</Descriptions.Item>
          <Descriptions.Item label={t("settle.fields.period")}>{`${statement.periodStart} – ${statement.periodEnd}`}</Descriptions.Item>
          <Descriptions.Item label={t("settle.fields.amount")}>
            <Money fen={statement.closingFen} strong testId="payout-amount" />
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t("settle.payout.intro")}
        </Typography.Paragraph>
        <SettleErrorAlert error={pay.error} style={{ marginTop: 12 }} />
      </Modal>
    </>
  );
}

function IssueButton() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  // Default: the last month that has ended.
  const lastEnded = dayjs().subtract(1, "month").endOf("month");
  const [periodEnd, setPeriodEnd] = useState(lastEnded);
  const issue = useMutation({
    mutationFn: () => api<IssueResult>("/admin/statements/issue", { method: "POST", body: { periodEnd: periodEnd.endOf("month").format("YYYY-MM-DD") } }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: settleKey });
      message.success(r.issued.length ? t("settle.issue.done", { count: r.issued.length, end: r.periodEnd }) : t("settle.issue.nothing", { end: r.periodEnd, already: r.alreadyIssued }));
      setOpen(false);
    },
  });
  if (!can("finance.settle")) return null;
  return (
    <>
      <Button
        type="primary"
        icon={<FileDoneOutlined />}
        onClick={() => {
          issue.reset();
          setPeriodEnd(lastEnded);
          setOpen(true);
        }}
        data-testid="statements-issue"
      >
        {t("settle.issue.button")}
      </Button>
      <Modal
        open={open}
        title={t("settle.issue.title")}
        okText={t("settle.issue.confirm")}
        cancelText={t("common.close")}
        okButtonProps={{ "data-testid": "statements-issue-confirm" } as ButtonProps}
        confirmLoading={issue.isPending}
        onOk={() => issue.mutate()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("settle.issue.intro")}</Typography.Paragraph>
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Text>{t("settle.issue.upTo")}</Typography.Text>
          <DatePicker
            picker="month"
            allowClear={false}
            value={periodEnd}
            onChange={(d) => d && setPeriodEnd(d)}
            disabledDate={(d) => d.endOf("month").isAfter(lastEnded)}
            data-testid="statements-issue-month"
          />
        </Space>
        <SettleErrorAlert error={issue.error} style={{ marginTop: 12 }} />
      </Modal>
    </>
  );
}

function StatementDrawer({ scope, id, onClose }: { scope: Scope; id?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const q = useQuery({
    queryKey: [...settleKey, scope, "statement", id],
    queryFn: ({ signal }) => api<StatementDetail>(`${base(scope)}/statements/${id}`, { signal }),
    enabled: !!id,
  });
  const s = q.data;
  const path = `${base(scope)}/statements/${id}`;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={960}
      title={s ? t("settle.detailTitle", { no: s.no }) : t("settle.detail")}
      extra={
        s ? (
          <Space>
            {scope === "admin" && can("finance.settle") && s.payable ? <PayOutButton statement={s} /> : null}
            <Button icon={<DownloadOutlined />} href={fileUrl(path, "xlsx")} download data-testid="statement-download-xlsx">
              XLSX
            </Button>
            <Button icon={<DownloadOutlined />} href={fileUrl(path, "csv")} download data-testid="statement-download-csv">
              CSV
            </Button>
          </Space>
        ) : null
      }
      data-testid="statement-drawer"
    >
      <SettleErrorAlert error={q.error} style={{ marginBottom: 12 }} />
      {!s ? (
        q.isError ? null : <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <div data-testid="statement-detail" data-no={s.no} data-status={s.status}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t("settle.fields.merchant")}>{s.merchantName ?? s.merchantId}</Descriptions.Item>
            <Descriptions.Item label={t("settle.fields.period")}>{`${s.periodStart} – ${s.periodEnd}`}</Descriptions.Item>
            <Descriptions.Item label={t("settle.fields.status")}>
              <StatementStatusTag status={s.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t("settle.fields.issuedAt")}>{formatDateTime(s.issuedAt)}</Descriptions.Item>
            <Descriptions.Item label={t("settle.fields.payout")} span={2}>
              {s.payout ? (
                <Space wrap>
                  <Mono testId="statement-payout-no">{s.payout.no}</Mono>
                  <PayoutStatusTag status={s.payout.status} />
                  {s.payout.paidAt ? formatDateTime(s.payout.paidAt) : null}
                  {s.payout.providerRef ? <Typography.Text type="secondary">{t("settle.fields.providerRef")}: <Mono>{s.payout.providerRef}</Mono></Typography.Text> : null}
                  {s.payout.statementId && s.payout.statementId !== s.id ? <Typography.Text type="secondary">{t("settle.carried")}</Typography.Text> : null}
                </Space>
              ) : s.latest ? (
                <Typography.Text type="secondary">{t(s.closingFen > 0 ? "settle.awaitingPayout" : "settle.nothingToPay")}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t("settle.carriedForward")}</Typography.Text>
              )}
            </Descriptions.Item>
          </Descriptions>
          <Figures s={s} testPrefix="statement-detail" />
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t("settle.ordersOfPeriod", { count: s.lines.length })}
          </Typography.Title>
          <OrdersTable lines={s.lines} testId="statement-detail-orders" />
          {s.byCategory.length ? <CategoryTable parts={s.byCategory} /> : null}
          {s.payouts.length ? <PeriodPayouts payouts={s.payouts} /> : null}
        </div>
      )}
    </Drawer>
  );
}

function PeriodPayouts({ payouts }: { payouts: PeriodPayout[] }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginTop: 16 }}>
      <Typography.Text strong>{t("settle.payoutsInPeriod")}</Typography.Text>
      <Table<PeriodPayout>
        rowKey="id"
        size="small"
        dataSource={payouts}
        pagination={false}
        style={{ marginTop: 8, maxWidth: 640 }}
        columns={[
          { title: t("settle.fields.payoutNo"), dataIndex: "no", render: (v: string) => <Mono>{v}</Mono> },
          { title: t("settle.fields.paidAt"), dataIndex: "paidAt", render: (v: string | null) => formatDateTime(v) },
          { title: t("settle.fields.amount"), dataIndex: "amountFen", align: "right", render: (v: number) => <Money fen={v} /> },
        ]}
      />
    </div>
  );
}

function PayoutsCard({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const shops = useShopNames();
  const q = useQuery({ queryKey: [...settleKey, scope, "payouts"], queryFn: ({ signal }) => api<{ items: Payout[] }>(`${base(scope)}/payouts`, { signal }) });
  const rows = q.data?.items ?? [];
  return (
    <Card title={t("settle.payouts")} size="small" data-testid="payouts-card">
      <SettleErrorAlert error={q.error} style={{ marginBottom: 12 }} />
      <Table<Payout>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: scope === "admin" ? 1360 : 1000 }}
        data-testid="payouts-table"
        onRow={(p) => ({ "data-testid": `payout-row-${p.no}`, "data-status": p.status }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: emptyState(q.isPending, t("settle.noPayouts"), "payouts-empty") }}
        columns={[
          { title: t("settle.fields.payoutNo"), dataIndex: "no", width: 150, render: (v: string) => <Mono>{v}</Mono> },
          ...(scope === "admin" ? [{ title: t("settle.fields.merchant"), key: "merchant", width: 200, ellipsis: true, render: (_: unknown, p: Payout) => p.merchantName ?? shops.name(p.merchantId) }] : []),
          { title: t("settle.fields.statement"), key: "statement", width: 230, render: (_, p) => (p.statementNo ? <span><Mono>{p.statementNo}</Mono> <Typography.Text type="secondary">{p.periodStart?.slice(0, 7)}</Typography.Text></span> : "—") },
          { title: t("settle.fields.amount"), dataIndex: "amountFen", width: 130, align: "right", render: (v: number) => <Money fen={v} strong /> },
          { title: t("settle.fields.status"), dataIndex: "status", width: 90, render: (v: Payout["status"], p) => (p.failureReason ? <Typography.Text title={p.failureReason}><PayoutStatusTag status={v} /></Typography.Text> : <PayoutStatusTag status={v} />) },
          { title: t("settle.fields.providerRef"), key: "ref", width: 220, render: (_, p) => (p.providerRef ? <Mono>{p.providerRef}</Mono> : "—") },
          { title: t("settle.fields.paidAt"), key: "at", width: 150, render: (_, p) => formatDateTime(p.paidAt ?? p.createdAt) },
          ...(scope === "admin" ? [{ title: t("settle.fields.requestedBy"), dataIndex: "requestedByLabel", width: 160 }] : []),
        ]}
      />
    </Card>
  );
}
