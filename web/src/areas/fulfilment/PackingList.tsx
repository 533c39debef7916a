import { createPortal } from "react-dom";
import { Button, Spin, Typography } from "antd";
import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import dayjs from "dayjs";
import { api } from "../../api";
import { formatDateTime } from "../../components/format";
import { kg } from "../../components/orders/fulfil";
import { printSheetCss } from "../inventory/print";
import { useTrade } from "../trade/context";
import { TradeErrorAlert, tradeKey } from "../trade/kit";
import type { PackingList } from "../trade/types";

const PRINT_CSS = printSheetCss("packing-list", { page: "A4 portrait; margin: 12mm", cell: "padding: 6px; vertical-align: top; text-align: left;", box: 56 });

/** The order's address, opened only for this paper (its read is audited), kept out of caches. */
function usePackingList(orderId: string) {
  const place = useTrade();
  return useQuery({
    queryKey: [...tradeKey, "packing-list", orderId],
    queryFn: ({ signal }) => api<PackingList>(`${place.ordersApi}/${orderId}/packing-list`, { signal }),
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
  });
}

/** L2: the packing list to print: the goods left to ship, and the recipient in full for the label. */
export function PackingListSheet({ orderId, back }: { orderId: string; back: string }) {
  const { t } = useTranslation();
  const query = usePackingList(orderId);
  const d = query.data;
  const lines = d?.lines.filter((l) => l.left > 0) ?? [];
  return createPortal(
    <div className="packing-list-root" style={{ position: "fixed", inset: 0, zIndex: 1000, background: "#e8e8e8", overflowY: "auto" }} data-testid="packing-list-screen">
      <style>{PRINT_CSS}</style>
      <div className="packing-list-toolbar" style={{ position: "sticky", top: 0, zIndex: 1, background: "#fff", borderBottom: "1px solid #d9d9d9", padding: "10px 24px" }}>
        <div style={{ display: "flex", alignItems: "center", gap: 16, maxWidth: 900, margin: "0 auto" }}>
          <Link to={back} data-testid="packing-list-back">
            <ArrowLeftOutlined /> {t("fulfil.packing.back")}
          </Link>
          <div style={{ flex: 1 }} />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!d} data-testid="packing-list-print">
            {t("fulfil.packing.print")}
          </Button>
        </div>
      </div>
      <div className="packing-list" style={{ maxWidth: 900, margin: "24px auto", background: "#fff", padding: "32px 40px", boxShadow: "0 2px 8px rgba(0,0,0,.12)" }} data-testid="packing-list">
        <TradeErrorAlert error={query.error} />
        {!d && !query.error ? <Spin /> : null}
        {d ? (
          <>
            <div style={{ display: "flex", justifyContent: "space-between", alignItems: "flex-start", gap: 24 }}>
              <div>
                <Typography.Title level={3} style={{ margin: 0 }}>
                  {t("fulfil.packing.title")}
                </Typography.Title>
                <Typography.Text type="secondary">{d.merchantName}</Typography.Text>
              </div>
              <div style={{ textAlign: "right" }}>
                <div className="mono" style={{ fontSize: 18, fontWeight: 600 }} data-testid="packing-list-no">
                  {d.no}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("fulfil.packing.printedAt", { at: dayjs().format("YYYY-MM-DD HH:mm") })}
                </Typography.Text>
              </div>
            </div>
            <table style={{ margin: "16px 0" }}>
              <tbody>
                <tr>
                  <th>{t("fulfil.packing.recipient")}</th>
                  <td data-testid="packing-list-recipient">{d.address.recipient}</td>
                  <th>{t("fulfil.packing.mobile")}</th>
                  <td className="mono">{d.address.mobile}</td>
                </tr>
                <tr>
                  <th>{t("fulfil.packing.address")}</th>
                  <td colSpan={3} data-testid="packing-list-address">
                    {d.address.regionName} {d.address.detail}
                  </td>
                </tr>
                <tr>
                  <th>{t("fulfil.packing.paidAt")}</th>
                  <td>{formatDateTime(d.paidAt)}</td>
                  <th>{t("fulfil.packing.shipBy")}</th>
                  <td>{formatDateTime(d.shipBy)}</td>
                </tr>
                {d.buyerNote ? (
                  <tr>
                    <th>{t("fulfil.packing.note")}</th>
                    <td colSpan={3}>{d.buyerNote}</td>
                  </tr>
                ) : null}
              </tbody>
            </table>
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t("fulfil.packing.goods")}</th>
                  <th>{t("fulfil.packing.sku")}</th>
                  <th className="num">{t("fulfil.packing.ordered")}</th>
                  <th className="num">{t("fulfil.packing.shipped")}</th>
                  <th className="num">{t("fulfil.packing.left")}</th>
                  <th className="num">{t("fulfil.packing.weight")}</th>
                  <th>{t("fulfil.packing.packed")}</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l, i) => (
                  <tr key={l.orderLineId} data-testid="packing-list-row">
                    <td>{i + 1}</td>
                    <td>
                      <div>{l.title}</div>
                      {Object.keys(l.options).length ? <div style={{ color: "#8c8c8c" }}>{Object.values(l.options).join(" / ")}</div> : null}
                    </td>
                    <td className="mono">{l.skuCode}</td>
                    <td className="num">{l.quantity}</td>
                    <td className="num">{l.shipped}</td>
                    <td className="num" style={{ fontWeight: 600 }} data-testid="packing-list-left">
                      {l.left}
                    </td>
                    <td className="num">{kg(l.weightGrams)}</td>
                    <td className="box" />
                  </tr>
                ))}
              </tbody>
            </table>
            <div style={{ display: "flex", gap: 48, marginTop: 32 }}>
              <span>{t("fulfil.packing.packedBy")} ____________________</span>
              <span>{t("fulfil.packing.checkedBy")} ____________________</span>
            </div>
            <Typography.Paragraph type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
              {t("fulfil.packing.confidential")}
            </Typography.Paragraph>
          </>
        ) : null}
      </div>
    </div>,
    document.body,
  );
}
