import { createPortal } from "react-dom";
import { Button, Spin, Typography } from "antd";
import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import dayjs from "dayjs";
import { formatDate, formatDateTime } from "../../../components/format";
import { useInventory } from "../context";
import { printSheetCss } from "../print";
import { FlowErrorAlert, useOutbound } from "./kit";

const PRINT_CSS = printSheetCss("pick-list", { page: "A4 portrait; margin: 12mm", cell: "padding: 6px; vertical-align: top; text-align: left;", box: 64 });

/** I4/P6: the pick list to print: each line's batches, where they lie and when they expire. */
export function PickList() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const place = useInventory();
  const query = useOutbound(id);
  const d = query.data;
  const open = d?.status === "open";

  return createPortal(
    <div className="pick-list-root" style={{ position: "fixed", inset: 0, zIndex: 1000, background: "#e8e8e8", overflowY: "auto" }} data-testid="pick-list-screen">
      <style>{PRINT_CSS}</style>
      <div className="pick-list-toolbar" style={{ position: "sticky", top: 0, zIndex: 1, background: "#fff", borderBottom: "1px solid #d9d9d9", padding: "10px 24px" }}>
        <div style={{ display: "flex", alignItems: "center", gap: 16, maxWidth: 900, margin: "0 auto" }}>
          <Link to={`${place.route}/outbound/${id}`} data-testid="pick-list-back">
            <ArrowLeftOutlined /> {t("invFlow.pickList.back")}
          </Link>
          <div style={{ flex: 1 }} />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!d} data-testid="pick-list-print">
            {t("invFlow.pickList.print")}
          </Button>
        </div>
      </div>
      <div className="pick-list" style={{ maxWidth: 900, margin: "24px auto", background: "#fff", padding: "32px 40px", boxShadow: "0 2px 8px rgba(0,0,0,.12)" }} data-testid="pick-list">
        <FlowErrorAlert error={query.error} />
        {!d && !query.error ? <Spin /> : null}
        {d ? (
          <>
            <div style={{ display: "flex", justifyContent: "space-between", alignItems: "flex-start", gap: 24 }}>
              <div>
                <Typography.Title level={3} style={{ margin: 0 }}>
                  {t("invFlow.pickList.title")}
                </Typography.Title>
                <Typography.Text type="secondary">{t(`invFlow.kind.${d.kind}`)}</Typography.Text>
              </div>
              <div style={{ textAlign: "right" }}>
                <div className="mono" style={{ fontSize: 18, fontWeight: 600 }} data-testid="pick-list-number">
                  {d.number}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("invFlow.pickList.printedAt", { at: dayjs().format("YYYY-MM-DD HH:mm") })}
                </Typography.Text>
              </div>
            </div>
            <table style={{ margin: "16px 0" }}>
              <tbody>
                <tr>
                  <th>{t("invFlow.fields.warehouse")}</th>
                  <td>{`${d.warehouse.code} · ${d.warehouse.name}`}</td>
                  <th>{t("invFlow.outbound.destination")}</th>
                  <td>
                    {d.kind === "transfer"
                      ? `${d.targetWarehouse?.code ?? ""} · ${d.targetWarehouse?.name ?? ""}`
                      : d.kind === "supplier_return"
                        ? t("invFlow.outbound.toSupplier", { name: d.supplier?.name ?? "—" })
                        : t("invFlow.outbound.forOrder", { ref: d.orderRef ?? "—" })}
                  </td>
                </tr>
                <tr>
                  <th>{t("invFlow.fields.created")}</th>
                  <td>{`${formatDateTime(d.createdAt)} · ${d.createdBy}`}</td>
                  <th>{t("invFlow.fields.status")}</th>
                  <td>{open ? t("invFlow.pickList.toPick") : t(`invFlow.outboundStatus.${d.status}`)}</td>
                </tr>
                {d.note ? (
                  <tr>
                    <th>{t("invFlow.fields.note")}</th>
                    <td colSpan={3}>{d.note}</td>
                  </tr>
                ) : null}
              </tbody>
            </table>
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t("invFlow.pickList.location")}</th>
                  <th>{t("invFlow.fields.sku")}</th>
                  <th>{t("invFlow.fields.batchNo")}</th>
                  <th>{t("invFlow.fields.expiryDate")}</th>
                  <th className="num">{t("invFlow.outbound.quantity")}</th>
                  <th>{t("invFlow.pickList.picked")}</th>
                </tr>
              </thead>
              <tbody>
                {d.lines.flatMap((l, i) => {
                  const picks = open ? l.plannedPicks : l.picks;
                  const rows = picks.length ? picks : [null];
                  return rows.map((p, j) => (
                    <tr key={`${l.id}-${p?.batchId ?? "none"}`} data-testid="pick-list-row" data-batch={p?.batchNo ?? ""}>
                      {j === 0 ? <td rowSpan={rows.length}>{i + 1}</td> : null}
                      <td className="mono">{p?.locationCode ?? "—"}</td>
                      <td>
                        <div className="mono">{l.skuCode}</div>
                        <div style={{ color: "#8c8c8c" }}>{l.productTitle}</div>
                      </td>
                      <td className="mono">{p?.batchNo ?? t("invFlow.pickList.noBatch")}</td>
                      <td>{formatDate(p?.expiryDate)}</td>
                      <td className="num">{p?.quantity ?? l.quantity}</td>
                      <td className="box" />
                    </tr>
                  ));
                })}
              </tbody>
            </table>
            <div style={{ display: "flex", gap: 48, marginTop: 32 }}>
              <span>{t("invFlow.pickList.pickedBy")} ____________________</span>
              <span>{t("invFlow.pickList.checkedBy")} ____________________</span>
            </div>
          </>
        ) : null}
      </div>
    </div>,
    document.body,
  );
}
