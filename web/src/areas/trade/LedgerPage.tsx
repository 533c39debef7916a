import { Alert, Button, Card, Col, Row, Select, Table, Tag, Tooltip, Typography } from "antd";
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../../api";
import { useSession } from "../../auth/session";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTimeSeconds, formatFen, shortId } from "../../components/format";
import { tx } from "../../components/tx";
import { emptyState, LoadMore, Money, Mono, TradeErrorAlert, tradeKey, useCursorList, useFilterParams, useShopNames } from "./kit";
import type { LedgerAccount, LedgerEntry, LedgerReport } from "./types";

/** An account's name in words: "支付通道待清算 · 沙箱", "应付商家 · 西湖茶舍". */
function useAccountName() {
  const { t } = useTranslation();
  const shops = useShopNames();
  return (code: string) => {
    const [head = code, rest] = code.split(":");
    if (head === "provider_clearing" && rest) return t("tradeOps.accounts.provider_clearing", { provider: tx(`checkout.provider.${rest}`, rest) });
    if (head === "merchant_payable" && rest) return t("tradeOps.accounts.merchant_payable", { shop: shops.name(rest) });
    return tx(`tradeOps.accounts.${code}`, code);
  };
}

const kindColor: Record<string, string> = { asset: "blue", liability: "orange", revenue: "green", expense: "red", equity: "purple" };

/** F3: the double-entry books of the money the platform holds: balances, entries, and the check of every invariant. */
export function LedgerPage() {
  const { t } = useTranslation();
  const { params, set } = useFilterParams();
  const account = params.get("account") ?? undefined;
  const choose = (code: string | undefined) => set({ account: code });
  const accounts = useQuery({ queryKey: [...tradeKey, "ledger", "accounts"], queryFn: ({ signal }) => api<{ items: LedgerAccount[] }>("/admin/ledger/accounts", { signal }).then((r) => r.items) });
  const name = useAccountName();
  const verify = useMutation({ mutationFn: () => api<LedgerReport>("/admin/ledger/verify") });
  const rows = accounts.data ?? [];

  return (
    <div data-testid="trade-ledger-page">
      <PageHeader title={t("tradeOps.ledger.title")}>
        <Button icon={<SafetyCertificateOutlined />} onClick={() => verify.mutate()} loading={verify.isPending} data-testid="ledger-verify">
          {t("tradeOps.ledger.verify")}
        </Button>
      </PageHeader>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t("tradeOps.ledger.intro")}
      </Typography.Paragraph>
      <TradeErrorAlert error={verify.error} style={{ marginBottom: 16 }} />
      {verify.data ? <VerifyResult report={verify.data} /> : null}
      <TradeErrorAlert error={accounts.error} style={{ marginBottom: 16 }} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={12}>
          <Card title={t("tradeOps.ledger.accounts")} size="small" style={{ height: "100%" }}>
            <Table<LedgerAccount>
              rowKey="code"
              size="small"
              loading={accounts.isPending}
              dataSource={rows}
              pagination={false}
              data-testid="ledger-accounts"
              rowClassName={(a) => (a.code === account ? "ant-table-row-selected" : "")}
              onRow={(a) => ({ onClick: () => choose(a.code === account ? undefined : a.code), style: { cursor: "pointer" }, "data-testid": `ledger-account-${a.code}`, "data-balance": a.balanceFen }) as React.HTMLAttributes<HTMLElement>}
              locale={{ emptyText: emptyState(accounts.isPending, t("tradeOps.ledger.noAccounts"), "ledger-accounts-empty") }}
              columns={[
                {
                  title: t("tradeOps.ledger.account"),
                  key: "name",
                  render: (_, a) => (
                    <div>
                      <div>{name(a.code)}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        <Mono>{a.code.startsWith("merchant_payable:") ? `merchant_payable:${shortId(a.merchantId ?? "")}` : a.code}</Mono>
                      </Typography.Text>
                    </div>
                  ),
                },
                { title: t("tradeOps.ledger.kind"), dataIndex: "kind", width: 80, render: (k: string) => <Tag color={kindColor[k] ?? "default"}>{tx(`tradeOps.accountKinds.${k}`, k)}</Tag> },
                { title: t("tradeOps.ledger.balance"), dataIndex: "balanceFen", width: 130, align: "right", render: (v: number) => <Money fen={v} strong testId="ledger-balance" /> },
                { title: t("tradeOps.ledger.entries"), dataIndex: "entries", width: 70, align: "right" },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t("tradeOps.ledger.chart")} size="small" style={{ height: "100%" }}>
            <BalanceChart accounts={rows} name={name} selected={account} onSelect={choose} />
          </Card>
        </Col>
      </Row>
      <Entries account={account} onAccount={choose} accounts={rows} name={name} />
    </div>
  );
}

function VerifyResult({ report }: { report: LedgerReport }) {
  const { t } = useTranslation();
  return report.ok ? (
    <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="ledger-verify-result" data-ok="true" title={t("tradeOps.ledger.ok")} description={t("tradeOps.ledger.checked", report.checked)} />
  ) : (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="ledger-verify-result"
      data-ok="false"
      title={t("tradeOps.ledger.problems", { count: report.problems.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {report.problems.map((p, i) => (
            <li key={i} data-testid="ledger-problem">
              <Typography.Text strong>{tx(`tradeOps.ledger.checks.${p.check}`, p.check)}</Typography.Text>：{p.detail}
            </li>
          ))}
        </ul>
      }
    />
  );
}

const BAR = { debit: "#1677ff", credit: "#fa8c16" };

/**
 * Balances as bars around zero: debit balances (what the platform has) to the right,
 * credit balances (what it owes or earned) to the left. A bar selects its account.
 */
function BalanceChart({ accounts, name, selected, onSelect }: { accounts: LedgerAccount[]; name: (code: string) => string; selected?: string; onSelect: (code: string | undefined) => void }) {
  const { t } = useTranslation();
  if (!accounts.length) return emptyState(false, t("tradeOps.ledger.noAccounts"), "ledger-chart-empty");
  const width = 560;
  const label = 210;
  const row = 30;
  const half = (width - label) / 2;
  const axis = label + half;
  const max = Math.max(1, ...accounts.map((a) => Math.abs(a.balanceFen)));
  const height = accounts.length * row + 24;
  return (
    <div>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={t("tradeOps.ledger.chart")} data-testid="ledger-chart" style={{ display: "block", maxWidth: width }}>
        <line x1={axis} x2={axis} y1={0} y2={height - 20} stroke="#bfbfbf" />
        {accounts.map((a, i) => {
          const y = i * row + 6;
          const w = (Math.abs(a.balanceFen) / max) * (half - 70);
          const debit = a.balanceFen >= 0;
          const x = debit ? axis : axis - w;
          const text = formatFen(a.balanceFen).replace(/^-/, "−");
          return (
            <g key={a.code} onClick={() => onSelect(a.code === selected ? undefined : a.code)} style={{ cursor: "pointer" }} data-testid={`ledger-bar-${a.code}`} data-balance={a.balanceFen}>
              <title>{`${name(a.code)}：${text}`}</title>
              <rect x={0} y={y - 4} width={width} height={row - 2} fill={a.code === selected ? "#e6f4ff" : "transparent"} />
              <text x={label - 8} y={y + 14} textAnchor="end" fontSize={12} fill="#595959">
                {name(a.code).length > 24 ? `${name(a.code).slice(0, 23)}…` : name(a.code)}
              </text>
              <rect x={x} y={y + 2} width={Math.max(w, a.balanceFen ? 2 : 0)} height={16} rx={2} fill={debit ? BAR.debit : BAR.credit} />
              <text x={debit ? x + w + 6 : x - 6} y={y + 14} textAnchor={debit ? "start" : "end"} fontSize={12} fill="#262626" style={{ fontVariantNumeric: "tabular-nums" }}>
                {text}
              </text>
            </g>
          );
        })}
        <text x={axis - 6} y={height - 4} textAnchor="end" fontSize={11} fill={BAR.credit}>
          ← {t("tradeOps.ledger.credit")}
        </text>
        <text x={axis + 6} y={height - 4} fontSize={11} fill={BAR.debit}>
          {t("tradeOps.ledger.debit")} →
        </text>
      </svg>
    </div>
  );
}

function Entries({ account, onAccount, accounts, name }: { account?: string; onAccount: (code: string | undefined) => void; accounts: LedgerAccount[]; name: (code: string) => string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const orderLinks = can("order.read.any");
  const { list, rows } = useCursorList<LedgerEntry>(["ledger", "entries"], "/admin/ledger/entries", { account }, 50);
  return (
    <Card
      title={t("tradeOps.ledger.entryList")}
      size="small"
      extra={
        <Select
          allowClear
          value={account}
          onChange={(v?: string) => onAccount(v)}
          placeholder={t("tradeOps.ledger.allAccounts")}
          options={accounts.map((a) => ({ value: a.code, label: name(a.code) }))}
          style={{ minWidth: 240 }}
          data-testid="ledger-filter-account"
        />
      }
    >
      <TradeErrorAlert error={list.error} style={{ marginBottom: 12 }} />
      <Table<LedgerEntry>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="ledger-entries"
        onRow={(e) => ({ "data-testid": "ledger-entry", "data-account": e.account, "data-kind": e.kind }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: emptyState(list.isPending, t("tradeOps.ledger.noEntries"), "ledger-entries-empty") }}
        columns={[
          { title: t("tradeOps.ledger.at"), dataIndex: "at", width: 160, render: (v: string) => formatDateTimeSeconds(v) },
          {
            title: t("tradeOps.ledger.account"),
            dataIndex: "account",
            render: (code: string) => (
              <Tooltip title={<Mono>{code}</Mono>}>
                <span style={{ whiteSpace: "nowrap" }}>{name(code)}</span>
              </Tooltip>
            ),
          },
          { title: t("tradeOps.ledger.txKind"), dataIndex: "kind", width: 160, render: (k: string) => <span style={{ whiteSpace: "nowrap" }}>{tx(`tradeOps.txKinds.${k}`, k)}</span> },
          { title: t("tradeOps.ledger.debit"), key: "debit", width: 120, align: "right", render: (_, e) => (e.amountFen > 0 ? <Money fen={e.amountFen} /> : null) },
          { title: t("tradeOps.ledger.credit"), key: "credit", width: 120, align: "right", render: (_, e) => (e.amountFen < 0 ? <Money fen={-e.amountFen} /> : null) },
          {
            title: t("tradeOps.fields.order"),
            dataIndex: "orderId",
            width: 110,
            render: (id: string | null) => (id ? orderLinks ? <Link to={`/admin/trade/orders/${id}`}><Mono>{shortId(id)}</Mono></Link> : <Mono>{shortId(id)}</Mono> : "—"),
          },
          { title: t("tradeOps.ledger.memo"), dataIndex: "memo", render: (v: string | null) => <Typography.Text type="secondary">{v ?? "—"}</Typography.Text> },
        ]}
      />
      <LoadMore list={list} count={rows.length} testId="ledger-more" />
    </Card>
  );
}
