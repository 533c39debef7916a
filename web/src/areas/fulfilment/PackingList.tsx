import { Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { formatDateTime } from "../../components/format";
import { kg } from "../../components/orders/fulfil";
import { printSheetCss, NoteRow, PrintSheet, SheetHeading, Signatures } from "../../components/PrintSheet";
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
  return (
    <PrintSheet name="packing-list" css={PRINT_CSS} back={back} backText={t("fulfil.packing.back")} printText={t("fulfil.packing.print")} ready={!!d} problem={query.error ? <TradeErrorAlert error={query.error} /> : null}>
      {d ? (
        <>
          <SheetHeading title={t("fulfil.packing.title")} subtitle={d.merchantName} number={d.no} numberTestId="packing-list-no" printedAt={(at) => t("fulfil.packing.printedAt", { at })} />
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
              <NoteRow label={t("fulfil.packing.note")} text={d.buyerNote} />
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
          <Signatures labels={[t("fulfil.packing.packedBy"), t("fulfil.packing.checkedBy")]} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
            {t("fulfil.packing.confidential")}
          </Typography.Paragraph>
        </>
      ) : null}
    </PrintSheet>
  );
}
