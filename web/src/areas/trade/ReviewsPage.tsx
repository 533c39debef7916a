import { useState } from "react";
import { App, Button, Card, Input, Modal, Radio, Space, Table, Tabs, Typography } from "antd";
import type { ButtonProps } from "antd";
import { CheckOutlined, CloseOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../../api";
import { useSession } from "../../auth/session";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime, formatFen } from "../../components/format";
import { PaymentStatusTag } from "../../components/orders/StatusTags";
import { tx } from "../../components/tx";
import { emptyState, Money, Mono, ReviewKindTag, ReviewStatusTag, TradeErrorAlert, tradeKey, useFilterParams } from "./kit";
import { REVIEW_STATUSES, type Review, type ReviewStatus } from "./types";

/** What a review's details say, in words: "3 buyers today (review from 3)". Amounts in ¥. */
export function ReviewDetails({ details }: { details: Record<string, unknown> }) {
  useTranslation();
  const parts = Object.entries(details).map(([k, v]) => {
    const value = typeof v === "number" && k.endsWith("Fen") ? formatFen(v) : k === "orderStatus" && typeof v === "string" ? tx(`checkout.status.${v}`, v) : String(v);
    return (
      <span key={k} style={{ whiteSpace: "nowrap" }} data-testid={`review-detail-${k}`}>
        <Typography.Text type="secondary">{tx(`tradeOps.reviewDetails.${k}`, k)}：</Typography.Text>
        {value}
      </span>
    );
  });
  return <Space size={[12, 0]} wrap>{parts}</Space>;
}

/** F4: payments held or flagged by the anomaly screening, for a person to clear or reject. */
export function ReviewsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { set, pick } = useFilterParams();
  const status = pick<ReviewStatus>("status", REVIEW_STATUSES) ?? "open";
  const list = useQuery({ queryKey: [...tradeKey, "reviews", status], queryFn: ({ signal }) => api<{ items: Review[] }>("/admin/payment-reviews", { query: { status }, signal }) });
  const rows = list.data?.items ?? [];
  const [deciding, setDeciding] = useState<Review | null>(null);
  const paymentLinks = can("finance.read");

  return (
    <div data-testid="trade-reviews-page">
      <PageHeader title={t("tradeOps.reviews.title")} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t("tradeOps.reviews.intro")}
      </Typography.Paragraph>
      <Card>
        <Tabs
          size="small"
          activeKey={status}
          onChange={(k) => set({ status: k === "open" ? undefined : k })}
          items={REVIEW_STATUSES.map((s) => ({ key: s, label: <span data-testid={`review-tab-${s}`}>{t(`tradeOps.reviewStatus.${s}`)}</span> }))}
          style={{ marginTop: -8 }}
        />
        <TradeErrorAlert error={list.error} style={{ marginBottom: 12 }} />
        <Table<Review>
          rowKey="id"
          loading={list.isPending}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 1040 }}
          data-testid="review-table"
          onRow={(r) => ({ "data-testid": `review-row-${r.paymentNo ?? r.id}`, "data-kind": r.kind, "data-status": r.status }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: emptyState(list.isPending, t(`tradeOps.reviews.empty.${status}`), "review-empty") }}
          columns={[
            { title: t("tradeOps.fields.kind"), dataIndex: "kind", width: 120, render: (_, r) => <ReviewKindTag kind={r.kind} /> },
            {
              title: t("tradeOps.fields.reason"),
              key: "reason",
              render: (_, r) => (
                <div style={{ minWidth: 240 }}>
                  <div>{tx(`tradeOps.reviewReasons.${r.kind}`, r.reason)}</div>
                  <div style={{ fontSize: 12 }}>
                    <ReviewDetails details={r.details} />
                  </div>
                </div>
              ),
            },
            {
              title: t("tradeOps.fields.payment"),
              key: "payment",
              width: 200,
              render: (_, r) =>
                r.paymentNo ? (
                  <div>
                    {paymentLinks && r.paymentId ? <Link to={`/admin/trade/payments/${r.paymentId}`}><Mono>{r.paymentNo}</Mono></Link> : <Mono>{r.paymentNo}</Mono>}
                    {r.paymentStatus ? (
                      <div>
                        <PaymentStatusTag status={r.paymentStatus} />
                      </div>
                    ) : null}
                  </div>
                ) : (
                  "—"
                ),
            },
            { title: t("tradeOps.fields.amount"), dataIndex: "amountFen", width: 120, align: "right", render: (v: number | null) => (v === null ? "—" : <Money fen={v} strong />) },
            { title: t("tradeOps.reviews.raisedAt"), dataIndex: "createdAt", width: 140, render: (v: string) => formatDateTime(v) },
            status === "open"
              ? {
                  title: t("common.actions"),
                  key: "actions",
                  width: 110,
                  fixed: "right",
                  render: (_, r) => (
                    <Button type="primary" size="small" onClick={() => setDeciding(r)} data-testid="review-decide">
                      {t("tradeOps.reviews.decide")}
                    </Button>
                  ),
                }
              : {
                  title: t("tradeOps.reviews.decision"),
                  key: "decision",
                  width: 240,
                  render: (_, r) => (
                    <div>
                      <ReviewStatusTag status={r.status} />
                      <div style={{ fontSize: 12 }}>
                        <Typography.Text type="secondary">{t("tradeOps.reviews.decidedBy", { by: r.decidedByLabel ?? "—", at: formatDateTime(r.decidedAt), note: r.decisionNote ?? "" })}</Typography.Text>
                      </div>
                    </div>
                  ),
                },
          ]}
        />
      </Card>
      {deciding ? <DecideModal review={deciding} onClose={() => setDeciding(null)} /> : null}
    </div>
  );
}

function DecideModal({ review, onClose }: { review: Review; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [decision, setDecision] = useState<"clear" | "reject" | null>(null);
  const [note, setNote] = useState("");
  const decide = useMutation({
    mutationFn: () => api<Review>(`/admin/payment-reviews/${review.id}/decision`, { method: "POST", body: { decision, note: note.trim() } }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: tradeKey });
      message.success(t(r.status === "cleared" ? "tradeOps.reviews.cleared" : "tradeOps.reviews.rejected", { no: review.paymentNo ?? "" }));
      onClose();
    },
  });
  // Rejecting a payment still held closes it and cancels its unpaid orders; say so before it happens.
  const held = review.paymentStatus === "review";
  return (
    <Modal
      open
      title={t("tradeOps.reviews.decideTitle", { no: review.paymentNo ?? "" })}
      okText={t("tradeOps.reviews.submit")}
      cancelText={t("common.close")}
      okButtonProps={{ danger: decision === "reject", disabled: !decision || note.trim().length < 2, "data-testid": "review-submit" } as ButtonProps}
      confirmLoading={decide.isPending}
      onOk={() => decide.mutate()}
      onCancel={onClose}
    >
      <Space size={8} wrap style={{ marginBottom: 8 }}>
        <ReviewKindTag kind={review.kind} />
        {review.amountFen !== null ? <Money fen={review.amountFen} strong /> : null}
      </Space>
      <Typography.Paragraph>{tx(`tradeOps.reviewReasons.${review.kind}`, review.reason)}</Typography.Paragraph>
      <Radio.Group value={decision} onChange={(e) => setDecision(e.target.value as "clear" | "reject")} style={{ marginBottom: 8 }} data-testid="review-decision">
        <Space orientation="vertical">
          <Radio value="clear" data-testid="review-clear">
            <CheckOutlined style={{ color: "#389e0d" }} /> {t("tradeOps.reviews.clear")}
            <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>{t(held ? "tradeOps.reviews.clearHeld" : "tradeOps.reviews.clearFlagged")}</Typography.Text>
          </Radio>
          <Radio value="reject" data-testid="review-reject">
            <CloseOutlined style={{ color: "#cf1322" }} /> {t("tradeOps.reviews.reject")}
            <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>{t(held ? "tradeOps.reviews.rejectHeld" : "tradeOps.reviews.rejectFlagged")}</Typography.Text>
          </Radio>
        </Space>
      </Radio.Group>
      <Input.TextArea rows={3} maxLength={500} showCount value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("tradeOps.reviews.note")} data-testid="review-note" />
      <TradeErrorAlert error={decide.error} style={{ marginTop: 12 }} />
    </Modal>
  );
}
