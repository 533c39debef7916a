import type { ReactNode } from "react";
import { createPortal } from "react-dom";
import { Button, Spin, Typography } from "antd";
import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { Link } from "react-router-dom";
import dayjs from "dayjs";

/**
 * The print styles of a warehouse paper (count sheet, pick list, packing list): a bordered table, and on
 * paper only the sheet — the console around it, the toolbar and the grey desk disappear.
 * `cls` is the sheet's class; its root is `${cls}-root` and its toolbar `${cls}-toolbar`.
 */
export function printSheetCss(cls: string, o: { page: string; cell: string; box: number; extra?: string }) {
  return `
.${cls} table { width: 100%; border-collapse: collapse; font-size: 12px; }
.${cls} th, .${cls} td { border: 1px solid #595959; ${o.cell} }
.${cls} th { background: #fafafa; font-weight: 600; text-align: left; white-space: nowrap; }
.${cls} td.num, .${cls} th.num { text-align: right; font-variant-numeric: tabular-nums; }
.${cls} td.box { width: ${o.box}px; }
.${cls} tr { break-inside: avoid; }
.${cls} .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
${o.extra ?? ""}
@media print {
  @page { size: ${o.page}; }
  body > *:not(.${cls}-root) { display: none !important; }
  html, body { background: #fff !important; }
  .${cls}-root { position: static !important; overflow: visible !important; background: #fff !important; inset: auto !important; }
  .${cls}-toolbar { display: none !important; }
  .${cls} { box-shadow: none !important; margin: 0 !important; padding: 0 !important; width: auto !important; max-width: none !important; }
  .${cls} thead { display: table-header-group; }
}
`;
}

/**
 * A paper over the page (pick list, packing list): a toolbar to go back and to print, the
 * sheet on a grey desk. Test ids and classes follow `name`: `${name}-screen`, `-back`, `-print`.
 */
export function PrintSheet({ name, css, back, backText, printText, ready, problem, children }: {
  name: string; css: string; back: string; backText: string; printText: string; ready: boolean; problem?: ReactNode; children: ReactNode;
}) {
  return createPortal(
    <div className={`${name}-root`} style={{ position: "fixed", inset: 0, zIndex: 1000, background: "#e8e8e8", overflowY: "auto" }} data-testid={`${name}-screen`}>
      <style>{css}</style>
      <div className={`${name}-toolbar`} style={{ position: "sticky", top: 0, zIndex: 1, background: "#fff", borderBottom: "1px solid #d9d9d9", padding: "10px 24px" }}>
        <div style={{ display: "flex", alignItems: "center", gap: 16, maxWidth: 900, margin: "0 auto" }}>
          <Link to={back} data-testid={`${name}-back`}>
            <ArrowLeftOutlined /> {backText}
          </Link>
          <div style={{ flex: 1 }} />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!ready} data-testid={`${name}-print`}>
            {printText}
          </Button>
        </div>
      </div>
      <div className={name} style={{ maxWidth: 900, margin: "24px auto", background: "#fff", padding: "32px 40px", boxShadow: "0 2px 8px rgba(0,0,0,.12)" }} data-testid={name}>
        {problem}
        {!ready && !problem ? <Spin /> : null}
        {ready ? children : null}
      </div>
    </div>,
    document.body,
  );
}

/** The sheet's heading: what it is and for whom on the left, its number and when printed on the right. */
export function SheetHeading({ title, subtitle, number, numberTestId, printedAt }: { title: string; subtitle: ReactNode; number: string; numberTestId: string; printedAt: (at: string) => string }) {
  return (
    <div style={{ display: "flex", justifyContent: "space-between", alignItems: "flex-start", gap: 24 }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Text type="secondary">{subtitle}</Typography.Text>
      </div>
      <div style={{ textAlign: "right" }}>
        <div className="mono" style={{ fontSize: 18, fontWeight: 600 }} data-testid={numberTestId}>
          {number}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {printedAt(dayjs().format("YYYY-MM-DD HH:mm"))}
        </Typography.Text>
      </div>
    </div>
  );
}

/** Lines to sign on paper. */
export function Signatures({ labels }: { labels: string[] }) {
  return (
    <div style={{ display: "flex", gap: 48, marginTop: 32 }}>
      {labels.map((l) => (
        <span key={l}>{l} ____________________</span>
      ))}
    </div>
  );
}

/** A heading table's last row, across the sheet: the note, when there is one. */
export function NoteRow({ label, text }: { label: string; text: string | null | undefined }) {
  return text ? (
    <tr>
      <th>{label}</th>
      <td colSpan={3}>{text}</td>
    </tr>
  ) : null;
}
