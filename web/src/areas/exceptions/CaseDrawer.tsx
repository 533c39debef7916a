import { useEffect, useMemo, useState } from "react";
import { Alert, App, Button, Card, Descriptions, Divider, Drawer, Flex, Form, Input, InputNumber, Radio, Result, Select, Skeleton, Space, Timeline, Typography } from "antd";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api, isApiError } from "../../api";
import { useSession } from "../../auth/session";
import { formatDateTime, formatFen } from "../../components/format";
import { OrderStatusTag } from "../../components/orders/StatusTags";
import { ShipmentTracking } from "../../components/orders/ShipmentTracking";
import { carrierName } from "../../components/orders/fulfil";
import { placeOf } from "../trade/context";
import { Money, Mono, yuanToFen } from "../trade/kit";
import { Deadline, exceptionErrorText, exceptionsKey, KindTag, OwnerTag, ResolutionTag, StatusTag, stepText } from "./kit";
import { OWNERS, RESOLUTIONS, type CaseDetail, type OwnerKind, type Resolution } from "./types";

type Scope = "merchant" | "admin";

/** One case: the order, the parcel and its tracking, the case's history, and settling it. */
export function CaseDrawer({ scope, id, now, onClose }: { scope: Scope; id: string; now: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const base = scope === "merchant" ? "/merchant/exceptions" : "/admin/exceptions";
  const detail = useQuery({ queryKey: [...exceptionsKey, scope, "case", id], queryFn: ({ signal }) => api<CaseDetail>(`${base}/${id}`, { signal }) });
  const c = detail.data;
  const mayResolve = !!c && c.status === "open" && (scope === "admin" ? can("order.manage.any") : can("order.fulfil.own") && c.ownerKind === "merchant");
  const mayAssign = !!c && c.status === "open" && scope === "admin" && can("order.manage.any");

  return (
    <Drawer
      open
      size={760}
      onClose={onClose}
      destroyOnHidden
      title={
        c ? (
          <Space size={8} wrap>
            <span>{t("exceptions.detail.title", { no: c.no })}</span>
            <KindTag kind={c.kind} />
            <StatusTag status={c.status} />
          </Space>
        ) : (
          t("exceptions.title")
        )
      }
      data-testid="exception-drawer"
    >
      {!c ? (
        detail.isError ? (
          isApiError(detail.error) && detail.error.status === 404 ? (
            <Result status="404" title={exceptionErrorText(detail.error)} data-testid="exception-not-found" />
          ) : (
            <Alert type="error" showIcon title={exceptionErrorText(detail.error)} data-testid="error-alert" />
          )
        ) : (
          <Skeleton active paragraph={{ rows: 10 }} />
        )
      ) : (
        <div data-testid="exception-detail" data-status={c.status} data-no={c.no}>
          <CaseFacts c={c} scope={scope} now={now} />
          {c.status !== "open" ? <Outcome c={c} /> : null}
          {c.status === "open" && scope === "merchant" && c.ownerKind === "platform" ? (
            <Alert type="info" showIcon style={{ marginTop: 12 }} title={t("exceptions.detail.platformOwned", { label: c.ownerLabel ? `（${c.ownerLabel}）` : "" })} data-testid="exception-platform-owned" />
          ) : null}
          {mayResolve ? <ResolveForm c={c} scope={scope} now={now} /> : null}
          {mayAssign ? <AssignForm c={c} /> : null}
          <Divider titlePlacement="start" plain>
            {t("exceptions.detail.parcelTitle")}
          </Divider>
          {c.shipment ? <ShipmentTracking shipments={[c.shipment]} audience="shop" /> : <Typography.Text type="secondary">{t("exceptions.noParcel")}</Typography.Text>}
          {c.reship ? (
            <>
              <Divider titlePlacement="start" plain>
                {t("exceptions.detail.reshipTitle")}
              </Divider>
              <ShipmentTracking shipments={[c.reship]} audience="shop" />
            </>
          ) : null}
          <Divider titlePlacement="start" plain>
            {t("exceptions.detail.timelineTitle")}
          </Divider>
          <CaseTimeline c={c} />
        </div>
      )}
    </Drawer>
  );
}

function CaseFacts({ c, scope, now }: { c: CaseDetail; scope: Scope; now: number }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      column={2}
      bordered
      data-testid="exception-facts"
      items={[
        {
          key: "order",
          label: t("exceptions.fields.order"),
          span: 2,
          children: (
            <Flex gap={8} wrap align="center">
              <Link to={`${placeOf(scope).ordersRoute}/${c.order.id}`} data-testid="exception-order">
                <Mono>{c.order.no}</Mono>
              </Link>
              <OrderStatusTag status={c.order.status} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="exception-order-money">
                {t("exceptions.detail.orderTotal", { total: formatFen(c.order.totalFen), refunded: formatFen(c.order.refundedFen) })}
              </Typography.Text>
              {scope === "admin" ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.order.merchantName}</Typography.Text> : null}
            </Flex>
          ),
        },
        { key: "description", label: t("exceptions.fields.description"), span: 2, children: <span style={{ whiteSpace: "pre-wrap" }} data-testid="exception-detail-description">{c.description}</span> },
        { key: "source", label: t("exceptions.fields.source"), children: t(`exceptions.source.${c.source}`) },
        { key: "openedAt", label: t("exceptions.fields.openedAt"), children: formatDateTime(c.openedAt) },
        { key: "owner", label: t("exceptions.fields.owner"), children: <OwnerTag kind={c.ownerKind} label={c.ownerLabel} /> },
        { key: "deadline", label: t("exceptions.fields.deadline"), children: <Deadline c={c} now={now} settled="deadline" /> },
      ]}
    />
  );
}

/** How a settled case ended: the resolution, its amount or waybill, who and when. */
function Outcome({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ marginTop: 12, background: c.status === "resolved" ? "#f6ffed" : "#fafafa" }} data-testid="exception-outcome">
      <Space size={8} wrap>
        {c.resolution ? <ResolutionTag resolution={c.resolution} /> : <StatusTag status={c.status} />}
        {c.refundFen ? <Money fen={c.refundFen} strong testId="exception-refund-amount" /> : null}
        {c.refund ? (
          <Typography.Text type="secondary" data-testid="exception-refund" data-status={c.refund.status}>
            {t("exceptions.detail.refundStatus", { no: c.refund.no, status: t(`exceptions.detail.refundState.${c.refund.status}`) })}
          </Typography.Text>
        ) : null}
        {c.claimFen ? <Typography.Text data-testid="exception-claim">{t("exceptions.detail.claimed", { amount: formatFen(c.claimFen) })}</Typography.Text> : null}
        {c.reship ? <Typography.Text data-testid="exception-reshipped">{t("exceptions.detail.reshipped", { no: c.reship.trackingNo })}</Typography.Text> : null}
      </Space>
      {c.resolutionNote ? <Typography.Paragraph style={{ margin: "6px 0 0", whiteSpace: "pre-wrap" }}>{c.resolutionNote}</Typography.Paragraph> : null}
      <div style={{ fontSize: 12, color: "rgba(0,0,0,0.45)", marginTop: 4 }}>
        {c.resolvedBy} · {formatDateTime(c.resolvedAt)}
      </div>
    </Card>
  );
}

function CaseTimeline({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const who = (e: CaseDetail["timeline"][number]) =>
    e.actorKind === "buyer" ? t("exceptions.source.buyer") : e.actorKind === "system" ? `${t("exceptions.source.system")}（${e.actor}）` : e.actor;
  return (
    <Timeline
      data-testid="exception-timeline"
      items={c.timeline.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: e.event === "exception_resolve" ? "green" : e.event === "exception_open" ? "red" : "gray",
        content: (
          <div data-testid="exception-timeline-item" data-event={e.event}>
            <Typography.Text strong>{t(`exceptions.event.${e.event}` as "exceptions.event.exception_open", { defaultValue: e.event })}</Typography.Text>
            <div style={{ fontSize: 12, color: "rgba(0,0,0,0.45)" }}>
              {formatDateTime(e.at)} · {who(e)}
            </div>
            <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13, whiteSpace: "pre-wrap" }}>
              {stepText(e.event, e.text)}
            </Typography.Paragraph>
          </div>
        ),
      }))}
    />
  );
}

interface ResolveValues {
  resolution: Resolution;
  carrierId?: string;
  trackingNo?: string;
  quantities?: Record<string, number | null>;
  refund?: string;
  claim?: string;
  note: string;
}

function ResolveForm({ c, scope, now }: { c: CaseDetail; scope: Scope; now: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ResolveValues>();
  const resolution = Form.useWatch("resolution", form) ?? (c.shipmentId ? "reship" : "refund");
  const carrierId = Form.useWatch("carrierId", form);
  // A reship sends again what the parcel held; a case about no parcel starts from nothing.
  const initialQuantities = useMemo(
    () => Object.fromEntries(c.order.lines.map((l) => [l.id, c.shipment?.lines.find((x) => x.orderLineId === l.id)?.quantity ?? 0])),
    [c],
  );
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => setFailure(null), [resolution]);
  const choices = RESOLUTIONS.filter((r) => (r === "claim" ? !!c.shipmentId : r === "reship" ? c.order.lines.some((l) => l.shipped > 0) : r === "refund" ? c.order.refundableFen > 0 : true));
  const example = c.carriers.find((x) => x.id === carrierId)?.trackingExample;

  const resolve = useMutation({
    mutationFn: (v: ResolveValues) => {
      const body: Record<string, unknown> = { resolution: v.resolution, note: v.note.trim() };
      if (v.resolution === "refund") body.refundFen = yuanToFen(v.refund ?? "");
      if (v.resolution === "claim") body.claimFen = yuanToFen(v.claim ?? "");
      if (v.resolution === "reship") {
        body.reship = {
          carrierId: v.carrierId,
          trackingNo: (v.trackingNo ?? "").trim(),
          lines: Object.entries(v.quantities ?? {}).filter(([, q]) => (q ?? 0) > 0).map(([orderLineId, quantity]) => ({ orderLineId, quantity })),
        };
      }
      return api<CaseDetail>(`/${scope}/exceptions/${c.id}/resolve`, { method: "POST", body });
    },
    onSuccess: (done) => {
      qc.setQueryData([...exceptionsKey, scope, "case", c.id], done);
      void qc.invalidateQueries({ queryKey: exceptionsKey });
      message.success(t("exceptions.resolve.done", { no: c.no }));
    },
    onError: setFailure,
  });
  const late = new Date(c.deadline).getTime() < now;
  const amountRule = { validator: (_: unknown, v?: string) => (yuanToFen(v ?? "") ? Promise.resolve() : Promise.reject(new Error(t("exceptions.resolve.amountInvalid")))) };

  return (
    <Card size="small" title={t("exceptions.resolve.title")} style={{ marginTop: 12 }} data-testid="exception-resolve">
      {late ? <Alert type="warning" showIcon title={t("exceptions.resolve.lateWarning")} style={{ marginBottom: 12 }} data-testid="exception-late-warning" /> : null}
      <Form<ResolveValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ resolution: choices.includes(c.shipmentId ? "reship" : "refund") ? (c.shipmentId ? "reship" : "refund") : choices[0], quantities: initialQuantities, note: "" }}
        onFinish={(v) => resolve.mutate(v)}
      >
        <Form.Item name="resolution" label={t("exceptions.resolve.how")} extra={resolution === "refund" ? null : t(`exceptions.resolve.hint.${resolution}`)}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="resolve-resolution">
            {choices.map((r) => (
              <Radio.Button key={r} value={r} data-testid={`resolve-option-${r}`}>
                {t(`exceptions.resolution.${r}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {resolution === "reship" ? (
          <>
            <Flex gap={12} wrap>
              <Form.Item name="carrierId" label={t("exceptions.resolve.carrier")} rules={[{ required: true, message: t("exceptions.resolve.carrierPlaceholder") }]} style={{ minWidth: 220, flex: 1 }}>
                <Select
                  placeholder={t("exceptions.resolve.carrierPlaceholder")}
                  data-testid="resolve-carrier"
                  options={c.carriers.map((x) => ({ value: x.id, label: carrierName(x), "data-code": x.code }))}
                  showSearch={{ optionFilterProp: "label" }}
                />
              </Form.Item>
              <Form.Item name="trackingNo" label={t("exceptions.resolve.trackingNo")} rules={[{ required: true, whitespace: true, message: t("exceptions.resolve.trackingNo") }]} style={{ minWidth: 220, flex: 1 }}>
                <Input placeholder={example} style={{ fontFamily: "monospace" }} data-testid="resolve-tracking-no" />
              </Form.Item>
            </Flex>
            <Form.Item
              label={t("exceptions.resolve.lines")}
              required
              name="quantities"
              rules={[{ validator: (_, v?: Record<string, number | null>) => (Object.values(v ?? {}).some((q) => (q ?? 0) > 0) ? Promise.resolve() : Promise.reject(new Error(t("exceptions.resolve.nothingChosen")))) }]}
            >
              <LineQuantities lines={c.order.lines} />
            </Form.Item>
          </>
        ) : null}
        {resolution === "refund" ? (
          <Form.Item name="refund" label={t("exceptions.resolve.refundAmount")} rules={[amountRule]} extra={t("exceptions.resolve.hint.refund", { max: formatFen(c.order.refundableFen) })}>
            <Input prefix="¥" inputMode="decimal" style={{ maxWidth: 220 }} data-testid="resolve-refund" />
          </Form.Item>
        ) : null}
        {resolution === "claim" ? (
          <Form.Item
            name="claim"
            label={t("exceptions.resolve.claimAmount")}
            rules={[amountRule]}
            extra={
              c.claimLimit
                ? t("exceptions.resolve.claimLimit", { agreement: c.claimLimit.agreementNo, per: formatFen(c.claimLimit.perParcelFen), parcels: c.claimLimit.parcels, limit: formatFen(c.claimLimit.limitFen) })
                : t("exceptions.resolve.noClaimLimit")
            }
          >
            <Input prefix="¥" inputMode="decimal" style={{ maxWidth: 220 }} data-testid="resolve-claim" />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t("exceptions.resolve.note")} rules={[{ required: true, whitespace: true, min: 2, message: t("exceptions.errors.NOTE_REQUIRED") }]}>
          <Input.TextArea rows={2} maxLength={1000} showCount placeholder={t("exceptions.resolve.notePlaceholder")} data-testid="resolve-note" />
        </Form.Item>
        {failure ? <Alert type="error" showIcon title={exceptionErrorText(failure)} style={{ marginBottom: 12 }} data-testid="resolve-error" /> : null}
        <Button type="primary" htmlType="submit" loading={resolve.isPending} data-testid="resolve-submit">
          {t("exceptions.resolve.submit")}
        </Button>
      </Form>
    </Card>
  );
}

/** Quantities per order line for a reship (a form control: value and onChange by line id). */
function LineQuantities({ lines, value, onChange }: { lines: CaseDetail["order"]["lines"]; value?: Record<string, number | null>; onChange?: (v: Record<string, number | null>) => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="resolve-lines">
      {lines.map((l) => (
        <Flex key={l.id} gap={12} align="center" style={{ padding: "4px 0" }} data-testid="resolve-line" data-sku={l.skuCode}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text ellipsis>{l.title}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontFamily: "monospace", fontSize: 12, marginInlineStart: 6 }}>
              {l.skuCode}
            </Typography.Text>
            <Typography.Text type="secondary"> × {l.quantity}</Typography.Text>
          </div>
          <InputNumber<number>
            min={0}
            max={l.quantity}
            precision={0}
            value={value?.[l.id] ?? 0}
            onChange={(q) => onChange?.({ ...value, [l.id]: q })}
            aria-label={t("exceptions.resolve.lineQty")}
            style={{ width: 100 }}
            data-testid="resolve-line-qty"
          />
        </Flex>
      ))}
    </div>
  );
}

function AssignForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [ownerKind, setOwnerKind] = useState<OwnerKind>(c.ownerKind === "merchant" ? "platform" : "merchant");
  const [label, setLabel] = useState("");
  const assign = useMutation({
    mutationFn: () => api<CaseDetail>(`/admin/exceptions/${c.id}/assign`, { method: "POST", body: { ownerKind, ownerLabel: label.trim() || null } }),
    onSuccess: (done) => {
      qc.setQueryData([...exceptionsKey, "admin", "case", c.id], done);
      void qc.invalidateQueries({ queryKey: exceptionsKey });
      setLabel("");
      message.success(t("exceptions.assign.done", { no: c.no }));
    },
  });
  return (
    <Card size="small" title={t("exceptions.assign.title")} style={{ marginTop: 12 }} data-testid="exception-assign">
      <Flex gap={8} wrap align="center">
        <Radio.Group value={ownerKind} onChange={(e) => setOwnerKind(e.target.value as OwnerKind)} optionType="button" data-testid="assign-owner">
          {OWNERS.map((o) => (
            <Radio.Button key={o} value={o} data-testid={`assign-${o}`}>
              {t(`exceptions.owner.${o}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
        <Input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={60} placeholder={t("exceptions.assign.labelPlaceholder")} aria-label={t("exceptions.assign.label")} style={{ width: 220 }} data-testid="assign-label" />
        <Button onClick={() => assign.mutate()} loading={assign.isPending} data-testid="assign-submit">
          {t("exceptions.assign.submit")}
        </Button>
      </Flex>
      {assign.error ? <Alert type="error" showIcon title={exceptionErrorText(assign.error)} style={{ marginTop: 12 }} /> : null}
    </Card>
  );
}
