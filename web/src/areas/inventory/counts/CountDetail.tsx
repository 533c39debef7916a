import { useEffect, useMemo, useState } from "react";
import {
  Alert, App, Button, Card, Col, Collapse, Descriptions, Flex, Input, InputNumber, Modal, Popconfirm, Progress, Result, Row, Segmented, Skeleton, Space, Statistic, Steps, Table,
  Tooltip, Typography,
} from "antd";
import { ArrowLeftOutlined, CheckOutlined, CloseOutlined, MobileOutlined, PrinterOutlined, SendOutlined, StopOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { api, isApiError } from "../../../api";
import { formatDate, formatDateTime } from "../../../components/format";
import { tx } from "../../../components/tx";
import { useInventory } from "../context";
import { DifferenceChart } from "./DifferenceChart";
import { countErrorText, CountErrorAlert, countKey, countsKey, lineLabel, optionsText, scopeName, Signed, StatusTag, useCountMovements, useStocktake } from "./kit";
import type { CountAnswer, CountMovement, Stocktake, StocktakeLine } from "./types";

type LineFilter = "all" | "uncounted" | "differing" | "moved";

/** Puts freshly counted lines into the cached count, so the table answers at once. */
export function useMergeCounts(id: string) {
  const place = useInventory();
  const qc = useQueryClient();
  return (answer: CountAnswer) => {
    qc.setQueryData<Stocktake>(countKey(place.api, id), (st) => {
      if (!st) return st;
      const byId = new Map(answer.lines.map((l) => [l.id, l]));
      const lines = st.lines.map((l) => byId.get(l.id) ?? l);
      const counted = lines.filter((l) => l.countedQty !== null);
      const differing = counted.filter((l) => l.difference);
      return {
        ...st,
        lines,
        totals: {
          ...st.totals,
          counted: answer.progress.counted,
          remaining: answer.progress.lines - answer.progress.counted,
          differing: differing.length,
          surplusUnits: differing.reduce((n, l) => n + Math.max(0, l.difference!), 0),
          shortUnits: differing.reduce((n, l) => n + Math.max(0, -l.difference!), 0),
        },
      };
    });
    void qc.invalidateQueries({ queryKey: countsKey(place.api), refetchType: "none" });
  };
}

/** The counted quantity of one line, saved on Enter or when the field is left. */
function CountCell({ stocktakeId, line }: { stocktakeId: string; line: StocktakeLine }) {
  const { t } = useTranslation();
  const place = useInventory();
  const { message } = App.useApp();
  const merge = useMergeCounts(stocktakeId);
  const [value, setValue] = useState<number | null>(line.countedQty);
  useEffect(() => setValue(line.countedQty), [line.countedQty]);
  const save = useMutation({
    mutationFn: (countedQty: number | null) => api<CountAnswer>(`${place.api}/stocktakes/${stocktakeId}/counts`, { method: "POST", body: { lines: [{ lineId: line.id, countedQty }] } }),
    onSuccess: merge,
    onError: (e) => {
      message.error(countErrorText(e));
      setValue(line.countedQty);
    },
  });
  const commit = () => {
    if (value !== line.countedQty) save.mutate(value);
  };
  return (
    <InputNumber
      min={0}
      max={10_000_000}
      precision={0}
      value={value}
      onChange={(v) => setValue(typeof v === "number" ? v : null)}
      onBlur={commit}
      onPressEnter={commit}
      disabled={save.isPending}
      placeholder={t("invCount.lines.enter")}
      style={{ width: 96 }}
      data-testid={`count-input-${line.skuCode}-${line.batchNo ?? ""}`}
      aria-label={t("invCount.lines.countedAria", { line: lineLabel(line) })}
    />
  );
}

function SubmitModal({ st, open, onClose }: { st: Stocktake; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const place = useInventory();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [reason, setReason] = useState("");
  const needsReason = st.totals.differing > 0;
  const submit = useMutation({
    mutationFn: () => api<Stocktake>(`${place.api}/stocktakes/${st.id}/submit`, { method: "POST", body: { reason: reason.trim() || null } }),
    onSuccess: (next) => {
      qc.setQueryData(countKey(place.api, st.id), next);
      void qc.invalidateQueries({ queryKey: countsKey(place.api) });
      message.success(t("invCount.submit.done", { number: st.number }));
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t("invCount.submit.title", { number: st.number })}
      okText={t("invCount.submit.ok")}
      cancelText={t("common.cancel")}
      onOk={() => submit.mutate()}
      onCancel={onClose}
      confirmLoading={submit.isPending}
      okButtonProps={{ disabled: st.totals.remaining > 0 || (needsReason && !reason.trim()), "data-testid": "count-submit-confirm" } as React.ComponentProps<typeof Button>}
      afterClose={() => submit.reset()}
    >
      <div data-testid="count-submit-form">
        <CountErrorAlert error={submit.error} style={{ marginBottom: 12 }} />
        {st.totals.remaining ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t("invCount.submit.remaining", { count: st.totals.remaining })} />
        ) : null}
        <Typography.Paragraph>
          {needsReason
            ? t("invCount.submit.differing", { count: st.totals.differing, surplus: st.totals.surplusUnits, short: st.totals.shortUnits })
            : t("invCount.submit.noDifference")}
        </Typography.Paragraph>
        <Typography.Text strong>{needsReason ? t("invCount.submit.reasonRequired") : t("invCount.submit.reasonOptional")}</Typography.Text>
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          showCount
          autoSize={{ minRows: 3, maxRows: 6 }}
          placeholder={t("invCount.submit.reasonPlaceholder")}
          style={{ marginTop: 6 }}
          data-testid="count-reason"
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t("invCount.submit.next")}
        </Typography.Paragraph>
      </div>
    </Modal>
  );
}

function DecideModal({ st, kind, onClose }: { st: Stocktake; kind: "approve" | "reject" | null; onClose: () => void }) {
  const { t } = useTranslation();
  const place = useInventory();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [note, setNote] = useState("");
  const decide = useMutation({
    mutationFn: (k: "approve" | "reject") => api<Stocktake>(`${place.api}/stocktakes/${st.id}/${k}`, { method: "POST", body: { note: note.trim() || (k === "approve" ? null : "") } }),
    onSuccess: (next, k) => {
      qc.setQueryData(countKey(place.api, st.id), next);
      void qc.invalidateQueries({ queryKey: ["inventory", place.api] });
      message.success(k === "approve" ? t("invCount.decide.approved", { number: st.number }) : t("invCount.decide.rejected", { number: st.number }));
      onClose();
    },
  });
  const reject = kind === "reject";
  return (
    <Modal
      open={!!kind}
      title={reject ? t("invCount.decide.rejectTitle", { number: st.number }) : t("invCount.decide.approveTitle", { number: st.number })}
      okText={reject ? t("invCount.decide.reject") : t("invCount.decide.approve")}
      okButtonProps={{ danger: reject, disabled: reject && note.trim().length < 2, "data-testid": "count-decide-confirm" } as React.ComponentProps<typeof Button>}
      cancelText={t("common.cancel")}
      onOk={() => kind && decide.mutate(kind)}
      onCancel={onClose}
      confirmLoading={decide.isPending}
      afterClose={() => {
        decide.reset();
        setNote("");
      }}
    >
      <div data-testid="count-decide-form">
        <CountErrorAlert error={decide.error} style={{ marginBottom: 12 }} />
        <Typography.Paragraph>
          {reject
            ? t("invCount.decide.rejectText")
            : st.totals.differing
              ? t("invCount.decide.approveText", { count: st.totals.differing, surplus: st.totals.surplusUnits, short: st.totals.shortUnits })
              : t("invCount.decide.approveNothing")}
        </Typography.Paragraph>
        {st.reason ? (
          <Typography.Paragraph>
            <Typography.Text type="secondary">{t("invCount.fields.reason")}：</Typography.Text>
            {st.reason}
          </Typography.Paragraph>
        ) : null}
        <Typography.Text strong>{reject ? t("invCount.decide.noteRequired") : t("invCount.decide.noteOptional")}</Typography.Text>
        <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 5 }} style={{ marginTop: 6 }} data-testid="count-note" />
      </div>
    </Modal>
  );
}

function MovementsDuringCount({ st }: { st: Stocktake }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const moves = useCountMovements(st.id, open);
  return (
    <Collapse
      onChange={(keys) => setOpen(keys.length > 0)}
      data-testid="count-movements"
      items={[
        {
          key: "moves",
          label: t("invCount.moves.title", { n: st.totals.movedLines }),
          children: (
            <>
              <Typography.Paragraph type="secondary">{t("invCount.moves.intro")}</Typography.Paragraph>
              <CountErrorAlert error={moves.error} style={{ marginBottom: 12 }} />
              <Table<CountMovement>
                rowKey="id"
                size="small"
                loading={moves.isPending && open}
                dataSource={moves.data ?? []}
                pagination={false}
                scroll={{ x: 760 }}
                locale={{ emptyText: t("invCount.moves.none") }}
                columns={[
                  { title: t("invCount.moves.at"), dataIndex: "createdAt", width: 150, render: (v: string) => formatDateTime(v) },
                  { title: t("invCount.moves.type"), dataIndex: "type", width: 110, render: (v: string) => tx(`invCount.moveType.${v}`, v) },
                  { title: t("invCount.fields.sku"), key: "sku", render: (_, m) => `${m.skuCode} · ${m.batchNo}` },
                  { title: t("invCount.moves.delta"), dataIndex: "onHandDelta", width: 90, align: "right", render: (v: number) => <Signed value={v} /> },
                  { title: t("invCount.moves.document"), dataIndex: "documentNo", width: 150, render: (v: string | null) => v ?? "—" },
                  { title: t("invCount.moves.actor"), dataIndex: "actor", width: 160 },
                ]}
              />
            </>
          ),
        },
      ]}
    />
  );
}

const stepOf = (s: Stocktake["status"]) => (s === "counting" ? 1 : s === "submitted" ? 2 : 3);

/** One count: progress, differences (chart and lines), entry at the desk, and the decision. */
export function CountDetail() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const place = useInventory();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const query = useStocktake(id);
  const [filter, setFilter] = useState<LineFilter>("all");
  const [search, setSearch] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [deciding, setDeciding] = useState<"approve" | "reject" | null>(null);
  const cancel = useMutation({
    mutationFn: () => api<Stocktake>(`${place.api}/stocktakes/${id}/cancel`, { method: "POST", body: {} }),
    onSuccess: (next) => {
      qc.setQueryData(countKey(place.api, id), next);
      void qc.invalidateQueries({ queryKey: countsKey(place.api) });
      message.success(t("invCount.detail.cancelled"));
    },
    onError: (e) => message.error(countErrorText(e)),
  });
  const st = query.data;
  const lines = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (st?.lines ?? []).filter((l) => {
      if (filter === "uncounted" && l.countedQty !== null) return false;
      if (filter === "differing" && !l.difference) return false;
      if (filter === "moved" && !l.movedQty) return false;
      if (!q) return true;
      return [l.skuCode, l.batchNo ?? "", l.productTitle, l.barcode ?? "", l.locationCode ?? ""].some((s) => s.toLowerCase().includes(q));
    });
  }, [st, filter, search]);

  const back = (
    <div style={{ marginBottom: 12 }}>
      <Link to={`${place.route}/stocktakes`} data-testid="back-to-counts">
        <ArrowLeftOutlined /> {t("invCount.detail.back")}
      </Link>
    </div>
  );
  if (query.isError) {
    return (
      <div data-testid="count-detail">
        {back}
        {isApiError(query.error) && (query.error.code === "STOCKTAKE_NOT_FOUND" || query.error.status === 400) ? (
          <Result status="404" title={t("invCount.errors.STOCKTAKE_NOT_FOUND")} />
        ) : (
          <CountErrorAlert error={query.error} />
        )}
      </div>
    );
  }
  if (!st) {
    return (
      <div data-testid="count-detail">
        {back}
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      </div>
    );
  }

  const counting = st.status === "counting";
  const decided = st.status === "approved" || st.status === "rejected";
  const percent = st.totals.lines ? Math.round((st.totals.counted / st.totals.lines) * 100) : 0;

  return (
    <div data-testid="count-detail" data-status={st.status} data-number={st.number}>
      {back}
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 8 }}>
        <Space size={12} align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0, fontFamily: "monospace" }} data-testid="count-number">
            {st.number}
          </Typography.Title>
          <StatusTag status={st.status} />
          <Typography.Text type="secondary">
            {st.warehouse.code} · {st.warehouse.name} · {scopeName(st.category)}
          </Typography.Text>
        </Space>
        <Space wrap>
          <Link to={`${place.route}/stocktakes/${st.id}/sheet`}>
            <Button icon={<PrinterOutlined />} data-testid="count-print">
              {t("invCount.detail.sheet")}
            </Button>
          </Link>
          {counting ? (
            <>
              <Link to={`${place.route}/stocktakes/${st.id}/count`}>
                <Button icon={<MobileOutlined />} data-testid="count-phone">
                  {t("invCount.detail.phone")}
                </Button>
              </Link>
              <Popconfirm title={t("invCount.detail.cancelConfirm")} okText={t("invCount.detail.cancel")} cancelText={t("common.cancel")} okButtonProps={{ danger: true }} onConfirm={() => cancel.mutate()}>
                <Button icon={<StopOutlined />} danger loading={cancel.isPending} data-testid="count-cancel">
                  {t("invCount.detail.cancel")}
                </Button>
              </Popconfirm>
              <Button type="primary" icon={<SendOutlined />} onClick={() => setSubmitting(true)} data-testid="count-submit">
                {t("invCount.detail.submit")}
              </Button>
            </>
          ) : null}
          {st.status === "submitted" ? (
            <>
              <Tooltip title={st.decision.allowed ? undefined : t(`invCount.decide.blocked_${st.decision.blockedBy ?? "system"}`)}>
                <Button danger icon={<CloseOutlined />} disabled={!st.decision.allowed} onClick={() => setDeciding("reject")} data-testid="count-reject">
                  {t("invCount.decide.reject")}
                </Button>
              </Tooltip>
              <Tooltip title={st.decision.allowed ? undefined : t(`invCount.decide.blocked_${st.decision.blockedBy ?? "system"}`)}>
                <Button type="primary" icon={<CheckOutlined />} disabled={!st.decision.allowed} onClick={() => setDeciding("approve")} data-testid="count-approve">
                  {t("invCount.decide.approve")}
                </Button>
              </Tooltip>
            </>
          ) : null}
        </Space>
      </Flex>

      <Steps
        size="small"
        current={stepOf(st.status)}
        status={st.status === "rejected" || st.status === "cancelled" ? "error" : st.status === "approved" ? "finish" : "process"}
        style={{ margin: "16px 0 20px", maxWidth: 880 }}
        items={[
          { title: t("invCount.steps.started"), content: formatDateTime(st.startedAt) },
          { title: st.status === "cancelled" ? t("invCount.status.cancelled") : t("invCount.steps.counting"), content: t("invCount.list.countedOf", { counted: st.totals.counted, lines: st.totals.lines }) },
          { title: t("invCount.steps.submitted"), content: st.submittedAt ? formatDateTime(st.submittedAt) : undefined },
          { title: decided ? t(`invCount.status.${st.status}`) : t("invCount.steps.decision"), content: st.decidedAt && decided ? formatDateTime(st.decidedAt) : t("invCount.steps.secondPerson") },
        ]}
      />

      {st.status === "submitted" && !st.decision.allowed ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="count-second-person" title={t(`invCount.decide.blocked_${st.decision.blockedBy ?? "system"}`)} />
      ) : null}
      {st.status === "submitted" && st.decision.allowed ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("invCount.decide.yourTurn")} />
      ) : null}

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={12} xl={6}>
          <Card size="small" data-testid="count-progress">
            <Statistic title={t("invCount.stats.counted")} value={st.totals.counted} suffix={`/ ${st.totals.lines}`} />
            <Progress percent={percent} size="small" status={percent === 100 ? "success" : "active"} />
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card size="small" data-testid="count-differing">
            <Statistic title={t("invCount.stats.differing")} value={st.totals.differing} styles={st.totals.differing ? { content: { color: "#d48806" } } : undefined} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("invCount.stats.ofCounted", { n: st.totals.counted })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card size="small" data-testid="count-units">
            <Statistic title={t("invCount.stats.units")} value={`+${st.totals.surplusUnits} / −${st.totals.shortUnits}`} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("invCount.stats.bookUnits", { n: st.totals.bookUnits })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card size="small" data-testid="count-moved">
            <Statistic title={t("invCount.stats.moved")} value={st.totals.movedLines} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("invCount.stats.movedHint")}
            </Typography.Text>
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={14}>
          <Card title={t("invCount.chart.title")} style={{ height: "100%" }}>
            <DifferenceChart lines={st.lines} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t("invCount.detail.facts")} style={{ height: "100%" }}>
            <Descriptions column={1} size="small" styles={{ label: { whiteSpace: "nowrap" } }} data-testid="count-facts">
              <Descriptions.Item label={t("invCount.fields.started")}>
                {formatDateTime(st.startedAt)} · {st.startedBy}
              </Descriptions.Item>
              <Descriptions.Item label={t("invCount.fields.submitted")}>{st.submittedAt ? `${formatDateTime(st.submittedAt)} · ${st.submittedBy}` : "—"}</Descriptions.Item>
              <Descriptions.Item label={t("invCount.fields.reason")}>
                <span data-testid="count-reason-text">{st.reason ?? "—"}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("invCount.fields.decided")}>{st.decidedAt ? `${formatDateTime(st.decidedAt)} · ${st.decidedBy}` : "—"}</Descriptions.Item>
              <Descriptions.Item label={t("invCount.fields.decisionNote")}>{st.decisionNote ?? "—"}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>

      <Card
        title={t("invCount.lines.title")}
        extra={
          <Space wrap>
            <Segmented<LineFilter>
              value={filter}
              onChange={setFilter}
              data-testid="count-line-filter"
              options={[
                { value: "all", label: t("invCount.lines.all", { n: st.totals.lines }) },
                { value: "uncounted", label: t("invCount.lines.uncounted", { n: st.totals.remaining }) },
                { value: "differing", label: t("invCount.lines.differing", { n: st.totals.differing }) },
                { value: "moved", label: t("invCount.lines.moved", { n: st.totals.movedLines }) },
              ]}
            />
            <Input.Search allowClear placeholder={t("invCount.lines.search")} onChange={(e) => setSearch(e.target.value)} style={{ width: 220 }} data-testid="count-line-search" />
          </Space>
        }
        style={{ marginBottom: 16 }}
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {t("invCount.lines.explain")}
        </Typography.Paragraph>
        <Table<StocktakeLine>
          rowKey="id"
          size="middle"
          dataSource={lines}
          pagination={lines.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 1040 }}
          data-testid="count-lines"
          onRow={(l) => ({ "data-testid": "count-line", "data-sku": l.skuCode, "data-batch": l.batchNo ?? "", "data-difference": l.difference ?? "" }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: t("invCount.lines.none") }}
          columns={[
            { title: t("invCount.fields.location"), key: "location", width: 80, render: (_, l) => l.locationCode ?? <Typography.Text type="secondary">—</Typography.Text> },
            {
              title: t("invCount.fields.product"),
              key: "product",
              render: (_, l) => (
                <div style={{ minWidth: 180 }}>
                  <div>{l.productTitle}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <span style={{ fontFamily: "monospace" }}>{l.skuCode}</span>
                    {optionsText(l.skuOptions) ? ` · ${optionsText(l.skuOptions)}` : ""}
                    {l.barcode ? ` · ${l.barcode}` : ""}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t("invCount.fields.batch"),
              key: "batch",
              width: 130,
              render: (_, l) => (
                <div>
                  <div style={{ fontFamily: "monospace" }}>{l.batchNo ?? "—"}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {l.expiryDate ? t("invCount.lines.expires", { date: formatDate(l.expiryDate) }) : t("invCount.lines.noExpiry")}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: <Tooltip title={t("invCount.lines.bookHint")}>{t("invCount.fields.book")}</Tooltip>,
              dataIndex: "bookQty",
              width: 84,
              align: "right",
              render: (v: number, l) => (
                <span>
                  {v}
                  {l.blocked ? (
                    <Tooltip title={t("invCount.lines.blockedHint", { n: l.blocked })}>
                      <Typography.Text type="secondary" style={{ fontSize: 12, display: "block" }}>
                        {t("invCount.lines.blocked", { n: l.blocked })}
                      </Typography.Text>
                    </Tooltip>
                  ) : null}
                </span>
              ),
            },
            { title: <Tooltip title={t("invCount.lines.movedHint")}>{t("invCount.fields.moved")}</Tooltip>, dataIndex: "movedQty", width: 96, align: "right", render: (v: number) => (v ? <Signed value={v} /> : <Typography.Text type="secondary">—</Typography.Text>) },
            { title: <Tooltip title={t("invCount.lines.expectedHint")}>{t("invCount.fields.expected")}</Tooltip>, dataIndex: "expectedQty", width: 76, align: "right", render: (v: number) => <strong>{v}</strong> },
            {
              title: t("invCount.fields.counted"),
              key: "counted",
              width: 112,
              align: "right",
              render: (_, l) => (counting ? <CountCell stocktakeId={st.id} line={l} /> : l.countedQty ?? <Typography.Text type="secondary">—</Typography.Text>),
            },
            { title: t("invCount.fields.difference"), dataIndex: "difference", width: 70, align: "right", render: (v: number | null) => <Signed value={v} strong testId="line-difference" /> },
            {
              title: t("invCount.fields.countedBy"),
              key: "countedBy",
              width: 150,
              ellipsis: true,
              render: (_, l) =>
                l.countedAt ? (
                  <div style={{ minWidth: 0 }}>
                    <div style={{ fontSize: 12, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }} title={l.countedBy ?? undefined}>
                      {l.countedBy}
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(l.countedAt)}
                    </Typography.Text>
                  </div>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
          ]}
        />
      </Card>

      <MovementsDuringCount st={st} />

      <SubmitModal st={st} open={submitting} onClose={() => setSubmitting(false)} />
      <DecideModal st={st} kind={deciding} onClose={() => setDeciding(null)} />
    </div>
  );
}
