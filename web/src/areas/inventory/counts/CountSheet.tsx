import { useState } from "react";
import { createPortal } from "react-dom";
import { Button, Space, Spin, Switch, Tooltip, Typography } from "antd";
import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import dayjs from "dayjs";
import { formatDate, formatDateTime } from "../../../components/format";
import { useInventory } from "../context";
import { printSheetCss } from "../../../components/PrintSheet";
import { CountErrorAlert, optionsText, scopeName, useStocktake } from "./kit";

const PRINT_CSS = printSheetCss("count-sheet", {
  page: "A4 landscape; margin: 10mm", cell: "padding: 5px 6px; vertical-align: top; line-height: 18px;", box: 72,
  extra: ".count-sheet td div { line-height: 18px; }\n.count-sheet td.note { width: 110px; }",
});

/**
 * The count sheet to print and carry through the warehouse. Blind by default: a counter who
 * sees the book figure tends to find it; the book column is for recounts and spot checks.
 */
export function CountSheet() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const place = useInventory();
  const query = useStocktake(id);
  const [showBook, setShowBook] = useState(false);
  const [showResults, setShowResults] = useState(false);
  const st = query.data;
  const phoneUrl = `${window.location.origin}${place.route}/stocktakes/${id}/count`;
  const anyCounted = !!st?.lines.some((l) => l.countedQty !== null);
  const results = showResults && anyCounted;

  return createPortal(
    <div className="count-sheet-root" style={{ position: "fixed", inset: 0, zIndex: 1000, background: "#e8e8e8", overflowY: "auto" }} data-testid="count-sheet-screen">
      <style>{PRINT_CSS}</style>
      <div className="count-sheet-toolbar" style={{ position: "sticky", top: 0, zIndex: 1, background: "#fff", borderBottom: "1px solid #d9d9d9", padding: "10px 24px" }}>
        <div style={{ display: "flex", alignItems: "center", gap: 16, flexWrap: "wrap", maxWidth: 1120, margin: "0 auto" }}>
          <Link to={`${place.route}/stocktakes/${id}`} data-testid="sheet-back">
            <ArrowLeftOutlined /> {t("invCount.sheet.back")}
          </Link>
          <div style={{ flex: 1 }} />
          <Tooltip title={t("invCount.sheet.blindHint")}>
            <label style={{ display: "flex", alignItems: "center", gap: 8 }}>
              <Switch checked={showBook} onChange={setShowBook} data-testid="sheet-show-book" />
              {t("invCount.sheet.showBook")}
            </label>
          </Tooltip>
          {anyCounted ? (
            <label style={{ display: "flex", alignItems: "center", gap: 8 }}>
              <Switch checked={showResults} onChange={setShowResults} data-testid="sheet-show-results" />
              {t("invCount.sheet.showResults")}
            </label>
          ) : null}
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!st} data-testid="sheet-print">
            {t("invCount.sheet.print")}
          </Button>
        </div>
      </div>

      <div className="count-sheet" style={{ background: "#fff", maxWidth: 1120, margin: "24px auto", padding: "28px 32px", boxShadow: "0 2px 12px rgba(0,0,0,0.12)" }} data-testid="count-sheet" data-blind={!showBook}>
        {query.isError ? <CountErrorAlert error={query.error} /> : null}
        {!st && !query.isError ? <Spin size="large" style={{ display: "block", margin: "64px auto" }} /> : null}
        {st ? (
          <>
            <div style={{ display: "flex", justifyContent: "space-between", alignItems: "flex-start", gap: 24, marginBottom: 12 }}>
              <div>
                <div style={{ fontSize: 20, fontWeight: 700 }}>{t("invCount.sheet.title")}</div>
                <div className="mono" style={{ fontSize: 16, marginTop: 2 }}>
                  {st.number}
                </div>
              </div>
              <table style={{ width: "auto", fontSize: 12 }}>
                <tbody>
                  <tr>
                    <th>{t("invCount.fields.warehouse")}</th>
                    <td>
                      {st.warehouse.code} · {st.warehouse.name}
                    </td>
                    <th>{t("invCount.fields.scope")}</th>
                    <td>{scopeName(st.category)}</td>
                  </tr>
                  <tr>
                    <th>{t("invCount.fields.started")}</th>
                    <td>
                      {formatDateTime(st.startedAt)} · {st.startedBy}
                    </td>
                    <th>{t("invCount.sheet.printedAt")}</th>
                    <td>{dayjs().format("YYYY-MM-DD HH:mm")}</td>
                  </tr>
                  <tr>
                    <th>{t("invCount.sheet.lines")}</th>
                    <td>{st.totals.lines}</td>
                    <th>{t("invCount.sheet.mode")}</th>
                    <td data-testid="sheet-mode">{showBook ? t("invCount.sheet.open") : t("invCount.sheet.blind")}</td>
                  </tr>
                </tbody>
              </table>
            </div>
            <Typography.Paragraph style={{ fontSize: 12, marginBottom: 10 }}>{t("invCount.sheet.instructions")}</Typography.Paragraph>
            <table data-testid="sheet-table">
              <thead>
                <tr>
                  <th className="num">#</th>
                  <th>{t("invCount.fields.location")}</th>
                  <th>{t("invCount.fields.product")}</th>
                  <th>{t("invCount.sheet.skuColumn")}</th>
                  <th>{t("invCount.fields.batch")}</th>
                  <th>{t("invCount.fields.expiry")}</th>
                  {showBook ? (
                    <th className="num" data-testid="sheet-book-header">
                      {t("invCount.fields.book")}
                    </th>
                  ) : null}
                  {results ? <th className="num">{t("invCount.fields.expected")}</th> : null}
                  <th className="num">{t("invCount.fields.counted")}</th>
                  {results ? <th className="num">{t("invCount.fields.difference")}</th> : null}
                  <th>{t("invCount.sheet.note")}</th>
                </tr>
              </thead>
              <tbody>
                {st.lines.map((l, i) => (
                  <tr key={l.id} data-testid="sheet-row">
                    <td className="num">{i + 1}</td>
                    <td className="mono">{l.locationCode ?? ""}</td>
                    <td>{l.productTitle}</td>
                    <td>
                      <span className="mono">{l.skuCode}</span>
                      {optionsText(l.skuOptions) ? <div>{optionsText(l.skuOptions)}</div> : null}
                      {l.barcode ? <div className="mono">{l.barcode}</div> : null}
                    </td>
                    <td className="mono">{l.batchNo ?? ""}</td>
                    <td>{l.expiryDate ? formatDate(l.expiryDate) : ""}</td>
                    {showBook ? <td className="num">{l.bookQty}</td> : null}
                    {results ? <td className="num">{l.expectedQty}</td> : null}
                    <td className="num box">{results && l.countedQty !== null ? l.countedQty : ""}</td>
                    {results ? <td className="num">{l.difference === null ? "" : l.difference > 0 ? `+${l.difference}` : l.difference}</td> : null}
                    <td className="note">{l.blocked ? t("invCount.sheet.blocked", { n: l.blocked }) : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr 1fr", gap: 24, marginTop: 28, fontSize: 13 }}>
              <div>{t("invCount.sheet.counter")}：________________</div>
              <div>{t("invCount.sheet.checker")}：________________</div>
              <div>{t("invCount.sheet.date")}：________________</div>
            </div>
            <Space orientation="vertical" size={2} style={{ marginTop: 16, fontSize: 11, color: "#595959" }}>
              <span>{t("invCount.sheet.unlisted")}</span>
              <span>
                {t("invCount.sheet.phone")} <span className="mono">{phoneUrl}</span>
              </span>
            </Space>
          </>
        ) : null}
      </div>
    </div>,
    document.body,
  );
}
