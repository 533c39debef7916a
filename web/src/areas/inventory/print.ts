/**
 * The print styles of a warehouse paper (count sheet, pick list): a bordered table, and on
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
