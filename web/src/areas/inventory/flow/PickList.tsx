import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { formatDate, formatDateTime } from "../../../components/format";
import { useInventory } from "../context";
import { printSheetCss, NoteRow, PrintSheet, SheetHeading, Signatures } from "../../../components/PrintSheet";
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

  return (
    <PrintSheet name="pick-list" css={PRINT_CSS} back={`${place.route}/outbound/${id}`} backText={t("invFlow.pickList.back")} printText={t("invFlow.pickList.print")} ready={!!d} problem={query.error ? <FlowErrorAlert error={query.error} /> : null}>
      {d ? (
        <>
          <SheetHeading title={t("invFlow.pickList.title")} subtitle={t(`invFlow.kind.${d.kind}`)} number={d.number} numberTestId="pick-list-number" printedAt={(at) => t("invFlow.pickList.printedAt", { at })} />
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
              <NoteRow label={t("invFlow.fields.note")} text={d.note} />
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
          <Signatures labels={[t("invFlow.pickList.pickedBy"), t("invFlow.pickList.checkedBy")]} />
        </>
      ) : null}
    </PrintSheet>
  );
}
