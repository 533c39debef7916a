import { useState } from "react";
import { Alert, Button, Card, Flex, List, Progress, Result, Steps, Table, Tag, Typography, Upload } from "antd";
import { ArrowLeftOutlined, DownloadOutlined, EditOutlined, FileExcelOutlined, InboxOutlined, PictureOutlined, ReloadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { API_BASE, ApiError, isApiError, upload } from "../../../api";
import i18n from "../../../i18n";
import { errorText } from "../../../components/errors";
import { formatBytes } from "../../../components/onboarding";
import { PageHeader } from "../../../components/PageHeader";
import { tx } from "../../../components/tx";
import { PRODUCTS_KEY } from "./ProductsPage";

export const TEMPLATE_URL = `${API_BASE}/merchant/products/import-template`;
const MAX_BYTES = 10 * 1024 * 1024;
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

interface ImportProblem {
  row: number;
  field: string;
  message: string;
}

interface ImportResult {
  imported: number;
  products: { id: string; code: string; title: string }[];
}

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; file: string; percent: number }
  | { kind: "done"; file: string; result: ImportResult }
  | { kind: "report"; file: string; problems: ImportProblem[]; message: string }
  | { kind: "failed"; file: string; error: unknown };

// The template's columns, in order: a problem's field names its column (letter and heading).
const COLUMNS: Record<string, string> = {
  productCode: "A",
  title: "B",
  category: "C",
  categoryId: "C",
  description: "D",
  origin: "E",
  afterSales: "F",
  attributes: "G",
  material: "H",
  productionDate: "I",
  shelfLifeDays: "J",
  code: "K",
  skuCode: "K",
  options: "L",
  priceFen: "M",
  price: "M",
  barcode: "N",
  weightGrams: "O",
};

function fieldLabel(field: string): string {
  const column = COLUMNS[field];
  const name = tx(`supplierUi.import.column.${field}`, field);
  return column ? i18n.t("supplierUi.import.columnRef", { column, name }) : name;
}

/** The server's text for a row, explained in the page's language where the case is known. */
function problemText(p: ImportProblem): string {
  if (p.field === "productCode") return i18n.t("supplierUi.import.problem.productCode");
  const unknown = p.field === "category" ? /"([^"]*)"/.exec(p.message) : null;
  if (unknown) return i18n.t("supplierUi.import.problem.category", { key: unknown[1] });
  return p.message;
}

function importErrorText(e: unknown): string {
  if (isApiError(e)) {
    const key = `supplierUi.import.errors.${e.code}`;
    if (i18n.exists(key)) return String(i18n.t(key as never));
  }
  return errorText(e);
}

/** P2: many products at once from the XLSX template, created as drafts; all rows or none. */
export function ImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [downloaded, setDownloaded] = useState(false);
  const uploading = phase.kind === "uploading";

  const send = async (file: File) => {
    if (!file.name.toLowerCase().endsWith(".xlsx")) {
      setPhase({ kind: "failed", file: file.name, error: new ApiError(400, "IMPORT_NOT_XLSX", "") });
      return;
    }
    if (file.size > MAX_BYTES) {
      setPhase({ kind: "failed", file: file.name, error: new ApiError(400, "FILE_TOO_LARGE", "") });
      return;
    }
    setPhase({ kind: "uploading", file: file.name, percent: 0 });
    const body = new FormData();
    body.append("file", file, file.name);
    try {
      const result = await upload<ImportResult>("/merchant/products/import", body, (percent) => setPhase((p) => (p.kind === "uploading" ? { ...p, percent } : p)));
      void queryClient.invalidateQueries({ queryKey: [...PRODUCTS_KEY, "list"] });
      setPhase({ kind: "done", file: file.name, result });
    } catch (e) {
      const problems = isApiError(e) && e.code === "IMPORT_ROWS_INVALID" ? (e.details as { problems?: ImportProblem[] } | undefined)?.problems : undefined;
      if (problems?.length) setPhase({ kind: "report", file: file.name, problems, message: (e as ApiError).message });
      else setPhase({ kind: "failed", file: file.name, error: e });
    }
  };

  const finished = phase.kind === "done" || phase.kind === "report";
  const current = finished ? 2 : downloaded || phase.kind !== "idle" ? 1 : 0;

  return (
    <div data-testid="product-import" data-phase={phase.kind}>
      <div style={{ marginBottom: 12 }}>
        <Link to="/merchant/products" data-testid="back-to-products">
          <ArrowLeftOutlined /> {t("supplierUi.import.back")}
        </Link>
      </div>
      <PageHeader title={t("supplierUi.import.title")} />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          current={current}
          status={phase.kind === "report" || phase.kind === "failed" ? "error" : phase.kind === "done" ? "finish" : "process"}
          items={[
            { title: t("supplierUi.import.step1"), content: t("supplierUi.import.step1Hint") },
            { title: t("supplierUi.import.step2"), content: t("supplierUi.import.step2Hint") },
            { title: t("supplierUi.import.step3"), content: t("supplierUi.import.step3Hint") },
          ]}
        />
      </Card>

      {phase.kind === "done" ? <Success result={phase.result} file={phase.file} onAgain={() => setPhase({ kind: "idle" })} /> : null}
      {phase.kind === "report" ? <Report phase={phase} /> : null}

      {phase.kind !== "done" ? (
        <Flex gap={16} wrap align="stretch">
          <Card title={t("supplierUi.import.templateTitle")} style={{ flex: "1 1 360px" }} data-testid="import-template">
            <ul style={{ paddingInlineStart: 20, marginTop: 0 }}>
              <li>{t("supplierUi.import.rule1")}</li>
              <li>{t("supplierUi.import.rule2")}</li>
              <li>{t("supplierUi.import.rule3")}</li>
              <li>{t("supplierUi.import.rule4")}</li>
              <li>{t("supplierUi.import.rule5")}</li>
            </ul>
            <Button icon={<DownloadOutlined />} href={TEMPLATE_URL} download="products-template.xlsx" onClick={() => setDownloaded(true)} data-testid="import-template-download">
              {t("supplierUi.import.download")}
            </Button>
          </Card>
          <Card title={t("supplierUi.import.uploadTitle")} style={{ flex: "1 1 420px" }} data-testid="import-upload">
            <Upload.Dragger
              accept={`.xlsx,${XLSX_TYPE}`}
              multiple={false}
              showUploadList={false}
              disabled={uploading}
              beforeUpload={(file) => {
                void send(file);
                return false;
              }}
            >
              <div style={{ padding: "8px 12px" }} data-testid="import-drop">
                <p className="ant-upload-drag-icon" style={{ marginBottom: 8 }}>
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t("supplierUi.import.drop")}</p>
                <p className="ant-upload-hint">{t("supplierUi.import.dropHint", { size: formatBytes(MAX_BYTES) })}</p>
              </div>
            </Upload.Dragger>
            {phase.kind === "uploading" ? (
              <div style={{ marginTop: 16 }} data-testid="import-progress">
                <Typography.Text type="secondary">
                  <FileExcelOutlined /> {phase.percent < 100 ? t("supplierUi.import.uploading", { file: phase.file }) : t("supplierUi.import.checking", { file: phase.file })}
                </Typography.Text>
                <Progress percent={phase.percent} status="active" />
              </div>
            ) : null}
            {phase.kind === "failed" ? (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 16 }}
                title={t("supplierUi.import.failed", { file: phase.file })}
                description={importErrorText(phase.error)}
                data-testid="import-error"
              />
            ) : null}
          </Card>
        </Flex>
      ) : null}
    </div>
  );
}

/** Nothing was imported: every problem by row, to fix in the file before uploading it again. */
function Report({ phase }: { phase: Extract<Phase, { kind: "report" }> }) {
  const { t } = useTranslation();
  return (
    <Card style={{ marginBottom: 16 }} data-testid="import-report">
      <Alert
        type="error"
        showIcon
        title={<span data-testid="import-nothing">{t("supplierUi.import.nothingImported")}</span>}
        description={t("supplierUi.import.reportSummary", { file: phase.file, count: phase.problems.length })}
        style={{ marginBottom: 16 }}
      />
      <Table<ImportProblem>
        rowKey={(p, i) => `${p.row}-${p.field}-${i}`}
        dataSource={phase.problems}
        pagination={phase.problems.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        size="small"
        data-testid="import-problems"
        onRow={(p) => ({ "data-testid": "import-problem", "data-row": p.row, "data-field": p.field }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("supplierUi.import.row"), dataIndex: "row", width: 90, render: (v: number) => <Tag style={{ fontVariantNumeric: "tabular-nums" }}>{t("supplierUi.import.rowRef", { row: v })}</Tag> },
          { title: t("supplierUi.import.field"), dataIndex: "field", width: 200, render: (v: string) => fieldLabel(v) },
          { title: t("supplierUi.import.message"), key: "message", render: (_, p) => problemText(p) },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ margin: "12px 0 0" }}>
        {t("supplierUi.import.fixAndRetry")}
      </Typography.Paragraph>
    </Card>
  );
}

function Success({ result, file, onAgain }: { result: ImportResult; file: string; onAgain: () => void }) {
  const { t } = useTranslation();
  return (
    <Card data-testid="import-success">
      <Result
        status="success"
        style={{ padding: "16px 0" }}
        title={<span data-testid="import-count">{t("supplierUi.import.created", { count: result.imported })}</span>}
        subTitle={t("supplierUi.import.createdText", { file })}
        extra={[
          <Link key="list" to="/merchant/products">
            <Button type="primary">{t("supplierUi.import.toProducts")}</Button>
          </Link>,
          <Button key="again" icon={<ReloadOutlined />} onClick={onAgain} data-testid="import-again">
            {t("supplierUi.import.again")}
          </Button>,
        ]}
      />
      <Alert type="info" showIcon icon={<PictureOutlined />} title={t("supplierUi.import.picturesHint")} style={{ marginBottom: 16 }} data-testid="import-pictures-hint" />
      <List
        bordered
        dataSource={result.products}
        data-testid="import-products"
        renderItem={(p) => (
          <List.Item
            data-testid="import-product"
            actions={[
              <Link key="edit" to={`/merchant/products/${p.id}`} data-testid="import-product-edit">
                <EditOutlined /> {t("supplierUi.import.openEditor")}
              </Link>,
            ]}
          >
            <List.Item.Meta
              title={
                <Link to={`/merchant/products/${p.id}`} data-testid="import-product-title">
                  {p.title}
                </Link>
              }
              description={
                <span>
                  {t("supplierUi.import.code", { code: p.code })} · <Tag style={{ marginInlineEnd: 0 }}>{t("supplierUi.import.draft")}</Tag>
                </span>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
