import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { Alert, Button, Collapse, Empty, Input, InputNumber, Progress, Result, Spin, Switch, Typography } from "antd";
import type { GetRef, InputRef } from "antd";
import { CheckCircleFilled, CloseOutlined, ScanOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { api } from "../../../api";
import { formatDate } from "../../../components/format";
import { useInventory } from "../context";
import { useMergeCounts } from "./CountDetail";
import { countErrorText, CountErrorAlert, lineLabel, matchesCode, optionsText, useStocktake } from "./kit";
import type { CountAnswer, StocktakeLine } from "./types";

interface Entry {
  key: number;
  line: StocktakeLine;
  quantity: number;
  add: boolean;
}

const big = { fontSize: 22, height: 56 } as const;

/** What the phone shows of a line: enough to find it on the shelf, and no book quantity (a blind count). */
function LineCard({ line }: { line: StocktakeLine }) {
  const { t } = useTranslation();
  return (
    <div data-testid="phone-line" data-sku={line.skuCode} data-batch={line.batchNo ?? ""}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {line.productTitle}
      </Typography.Title>
      <Typography.Text type="secondary">
        <span style={{ fontFamily: "monospace" }}>{line.skuCode}</span>
        {optionsText(line.skuOptions) ? ` · ${optionsText(line.skuOptions)}` : ""}
      </Typography.Text>
      <div style={{ display: "grid", gridTemplateColumns: "auto 1fr", gap: "4px 12px", marginTop: 10, fontSize: 15 }}>
        <Typography.Text type="secondary">{t("invCount.fields.batch")}</Typography.Text>
        <strong style={{ fontFamily: "monospace", fontSize: 18 }}>{line.batchNo ?? "—"}</strong>
        <Typography.Text type="secondary">{t("invCount.fields.location")}</Typography.Text>
        <span>{line.locationCode ? `${line.locationCode}${line.locationName ? ` ${line.locationName}` : ""}` : "—"}</span>
        <Typography.Text type="secondary">{t("invCount.fields.expiry")}</Typography.Text>
        <span>{line.expiryDate ? formatDate(line.expiryDate) : t("invCount.lines.noExpiry")}</span>
      </div>
      {line.blocked ? <Alert type="warning" showIcon style={{ marginTop: 10 }} title={t("invCount.phone.blocked", { n: line.blocked })} /> : null}
      {line.countedQty !== null ? (
        <Alert type="info" showIcon style={{ marginTop: 10 }} title={t("invCount.phone.already", { n: line.countedQty, by: line.countedBy ?? "" })} />
      ) : null}
    </div>
  );
}

/**
 * Counting on a phone: a large code field (a scanner types the barcode and Enter), then the
 * batch if the goods lie in several, then the quantity. Full screen, over the console.
 */
export function PhoneCount() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const place = useInventory();
  const query = useStocktake(id);
  const merge = useMergeCounts(id);
  const codeRef = useRef<InputRef>(null);
  const qtyRef = useRef<GetRef<typeof InputNumber>>(null);
  const [code, setCode] = useState("");
  const [addMode, setAddMode] = useState(false);
  const [candidates, setCandidates] = useState<StocktakeLine[] | null>(null);
  const [selected, setSelected] = useState<StocktakeLine | null>(null);
  const [quantity, setQuantity] = useState<number | null>(null);
  const [notFound, setNotFound] = useState<string | null>(null);
  const [entries, setEntries] = useState<Entry[]>([]);
  const st = query.data;

  const focusCode = () => setTimeout(() => codeRef.current?.focus({ cursor: "all" }), 0);
  const reset = () => {
    setCode("");
    setCandidates(null);
    setSelected(null);
    setQuantity(null);
    focusCode();
  };
  useEffect(() => {
    if (selected && !addMode) setTimeout(() => qtyRef.current?.focus(), 0);
  }, [selected, addMode]);

  const record = useMutation({
    mutationFn: (v: { line: StocktakeLine; quantity: number; add: boolean }) =>
      api<CountAnswer>(`${place.api}/stocktakes/${id}/scan`, {
        method: "POST",
        body: { code: matchesCode(v.line, code) ? code.trim() : v.line.skuCode, batchNo: v.line.batchNo, quantity: v.quantity, mode: v.add ? "add" : "set" },
      }),
    onSuccess: (answer, v) => {
      merge(answer);
      const line = answer.lines[0] ?? v.line;
      setEntries((es) => [{ key: Date.now(), line, quantity: v.quantity, add: v.add }, ...es].slice(0, 8));
      reset();
    },
  });

  const choose = (line: StocktakeLine) => {
    record.reset();
    if (addMode) record.mutate({ line, quantity: 1, add: true });
    else {
      setSelected(line);
      setCandidates(null);
    }
  };

  const lookUp = () => {
    if (!st || !code.trim()) return;
    record.reset();
    setSelected(null);
    const found = st.lines.filter((l) => matchesCode(l, code));
    if (!found.length) {
      setNotFound(code.trim());
      setCandidates(null);
      focusCode();
      return;
    }
    setNotFound(null);
    if (found.length === 1) choose(found[0]!);
    else setCandidates(found);
  };

  const save = () => {
    if (!selected || quantity === null) return;
    record.mutate({ line: selected, quantity, add: false });
  };

  let body: React.ReactNode;
  if (query.isError) body = <CountErrorAlert error={query.error} />;
  else if (!st) body = <Spin size="large" style={{ display: "block", margin: "64px auto" }} />;
  else if (st.status !== "counting") {
    body = (
      <Result
        status="info"
        title={t("invCount.phone.closed", { number: st.number, status: t(`invCount.status.${st.status}`) })}
        extra={
          <Link to={`${place.route}/stocktakes/${id}`}>
            <Button type="primary">{t("invCount.phone.toDetail")}</Button>
          </Link>
        }
      />
    );
  } else {
    const remaining = st.lines.filter((l) => l.countedQty === null);
    body = (
      <>
        <Input
          ref={codeRef}
          autoFocus
          size="large"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={lookUp}
          prefix={<ScanOutlined style={{ fontSize: 22, color: "#8c8c8c" }} />}
          placeholder={t("invCount.phone.codePlaceholder")}
          enterKeyHint="search"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          style={big}
          data-testid="phone-code"
          aria-label={t("invCount.phone.codeLabel")}
        />
        <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between", margin: "10px 2px 14px" }}>
          <label style={{ display: "flex", alignItems: "center", gap: 8 }}>
            <Switch checked={addMode} onChange={(v) => { setAddMode(v); reset(); }} data-testid="phone-add-mode" />
            <span>{t("invCount.phone.addMode")}</span>
          </label>
          <Button type="link" onClick={lookUp} disabled={!code.trim()} data-testid="phone-look-up">
            {t("invCount.phone.lookUp")}
          </Button>
        </div>

        {notFound ? <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="phone-not-found" title={t("invCount.phone.notFound", { code: notFound })} description={t("invCount.phone.notFoundHint")} /> : null}
        {record.error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="phone-error" title={countErrorText(record.error)} /> : null}

        {candidates ? (
          <div style={{ background: "#fff", borderRadius: 12, padding: 16, marginBottom: 12 }} data-testid="phone-batches">
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t("invCount.phone.whichBatch", { n: candidates.length })}
            </Typography.Text>
            <div style={{ display: "grid", gap: 8, marginTop: 10 }}>
              {candidates.map((l) => (
                <Button key={l.id} size="large" block onClick={() => choose(l)} style={{ height: "auto", padding: "10px 14px", textAlign: "left", justifyContent: "flex-start" }} data-testid={`phone-batch-${l.batchNo ?? ""}`}>
                  <div style={{ width: "100%" }}>
                    <div style={{ fontFamily: "monospace", fontSize: 17, fontWeight: 600 }}>{l.batchNo ?? "—"}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 13, whiteSpace: "normal" }}>
                      {[l.locationCode, l.expiryDate ? t("invCount.lines.expires", { date: formatDate(l.expiryDate) }) : null, l.countedQty !== null ? t("invCount.phone.countedShort", { n: l.countedQty }) : null].filter(Boolean).join(" · ")}
                    </Typography.Text>
                  </div>
                </Button>
              ))}
            </div>
          </div>
        ) : null}

        {selected && !addMode ? (
          <div style={{ background: "#fff", borderRadius: 12, padding: 16, marginBottom: 12 }} data-testid="phone-selected">
            <LineCard line={selected} />
            <Typography.Text strong style={{ display: "block", margin: "14px 0 6px", fontSize: 16 }}>
              {t("invCount.phone.quantity")}
            </Typography.Text>
            <InputNumber
              ref={qtyRef}
              min={0}
              max={10_000_000}
              precision={0}
              value={quantity}
              onChange={(v) => setQuantity(typeof v === "number" ? v : null)}
              onPressEnter={save}
              inputMode="numeric"
              size="large"
              style={{ width: "100%", ...big }}
              data-testid="phone-qty"
            />
            <div style={{ display: "grid", gridTemplateColumns: "1fr 2fr", gap: 8, marginTop: 12 }}>
              <Button size="large" onClick={reset} style={{ height: 52 }}>
                {t("common.cancel")}
              </Button>
              <Button type="primary" size="large" onClick={save} disabled={quantity === null} loading={record.isPending} style={{ height: 52, fontSize: 18 }} data-testid="phone-save">
                {t("invCount.phone.save")}
              </Button>
            </div>
          </div>
        ) : null}

        {entries.length ? (
          <div style={{ background: "#fff", borderRadius: 12, padding: "12px 16px", marginBottom: 12 }} data-testid="phone-recent">
            <Typography.Text type="secondary">{t("invCount.phone.recent")}</Typography.Text>
            {entries.map((e, i) => (
              <div key={e.key} style={{ display: "flex", alignItems: "center", gap: 8, padding: "8px 0", borderTop: i ? "1px solid #f0f0f0" : undefined }} data-testid="phone-entry">
                <CheckCircleFilled style={{ color: "#52c41a", fontSize: i ? 14 : 20 }} />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <div style={{ fontWeight: i ? 400 : 600, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{e.line.productTitle}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: "monospace" }}>
                    {lineLabel(e.line)}
                  </Typography.Text>
                </div>
                <strong style={{ fontSize: i ? 15 : 20, fontVariantNumeric: "tabular-nums" }}>{e.add ? t("invCount.phone.plus", { n: e.quantity, total: e.line.countedQty ?? e.quantity }) : e.quantity}</strong>
              </div>
            ))}
          </div>
        ) : null}

        <Collapse
          style={{ background: "#fff" }}
          data-testid="phone-remaining"
          items={[
            {
              key: "left",
              label: t("invCount.phone.remaining", { count: remaining.length }),
              children: remaining.length ? (
                <div>
                  {remaining.map((l) => (
                    <button
                      key={l.id}
                      type="button"
                      onClick={() => {
                        setCode(l.barcode ?? l.skuCode);
                        choose(l);
                      }}
                      style={{ display: "block", width: "100%", textAlign: "left", border: 0, borderBottom: "1px solid #f0f0f0", background: "none", padding: "8px 0", font: "inherit", cursor: "pointer" }}
                    >
                      <div>{l.productTitle}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {[l.locationCode, lineLabel(l)].filter(Boolean).join(" · ")}
                      </Typography.Text>
                    </button>
                  ))}
                </div>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("invCount.phone.allCounted")} />
              ),
            },
          ]}
        />
      </>
    );
  }

  const counted = st?.totals.counted ?? 0;
  const lines = st?.totals.lines ?? 0;
  return createPortal(
    <div style={{ position: "fixed", inset: 0, zIndex: 1000, background: "#f0f2f5", overflowY: "auto" }} data-testid="count-phone-screen" role="dialog" aria-label={t("invCount.phone.title")}>
      <div style={{ position: "sticky", top: 0, zIndex: 1, background: "#001529", color: "#fff", padding: "10px 16px 8px" }}>
        <div style={{ display: "flex", alignItems: "center", gap: 12, maxWidth: 560, margin: "0 auto" }}>
          <Link to={`${place.route}/stocktakes/${id}`} aria-label={t("invCount.phone.exit")} data-testid="phone-exit" style={{ color: "#fff", fontSize: 20, lineHeight: 1 }}>
            <CloseOutlined />
          </Link>
          <div style={{ flex: 1, minWidth: 0 }}>
            <div style={{ fontWeight: 600, fontFamily: "monospace" }}>{st?.number ?? "…"}</div>
            <div style={{ fontSize: 12, opacity: 0.75, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{st ? `${st.warehouse.code} · ${st.warehouse.name}` : ""}</div>
          </div>
          <div style={{ textAlign: "right" }} data-testid="phone-progress" data-counted={counted} data-lines={lines}>
            <div style={{ fontSize: 20, fontWeight: 600, fontVariantNumeric: "tabular-nums" }}>
              {counted}/{lines}
            </div>
            <div style={{ fontSize: 12, opacity: 0.75 }}>{t("invCount.phone.counted")}</div>
          </div>
        </div>
        <div style={{ maxWidth: 560, margin: "0 auto" }}>
          <Progress percent={lines ? Math.round((counted / lines) * 100) : 0} showInfo={false} size="small" strokeColor="#52c41a" railColor="rgba(255,255,255,0.2)" style={{ margin: "4px 0 0" }} />
        </div>
      </div>
      <div style={{ maxWidth: 560, margin: "0 auto", padding: 16 }}>
        {body}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: "center", marginTop: 16 }}>
          {t("invCount.phone.blind")}
        </Typography.Paragraph>
      </div>
    </div>,
    document.body,
  );
}
