import { useState } from "react";
import type { ReactNode } from "react";
import { Alert, App, Button, Col, DatePicker, Flex, Form, Input, Modal, Progress, Row, Select, Typography, Upload } from "antd";
import type { UploadFile } from "antd";
import { CloudUploadOutlined, InboxOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import type { Dayjs } from "dayjs";
import { upload } from "../../../api";
import type { Application, ApplicationDocument } from "../../../api";
import { applyFormErrors, errorText } from "../../../components/errors";
import { docKindName, formatBytes } from "../../../components/onboarding";
import { useSetApplication } from "./queries";

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const ALLOWED_EXTENSIONS = [".pdf", ".jpg", ".jpeg", ".png", ".webp"];
const ACCEPT = [...ALLOWED_EXTENSIONS, "application/pdf", "image/jpeg", "image/png", "image/webp"].join(",");

export interface DocumentFormValues {
  kind: string;
  number: string;
  issuer: string;
  validFrom: Dayjs | null;
  validUntil?: Dayjs | null;
  file: UploadFile[];
}

/** What the dialog is for: a new document (of a suggested kind), or the replacement of one. */
export type UploadTarget = { kind?: string; replacing?: ApplicationDocument };

/** Uploads one document with its facts, showing the upload's progress (M1). */
export function UploadModal({ target, kinds, onClose }: { target: UploadTarget | null; kinds: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const replacing = target?.replacing;
  return (
    <Modal
      open={!!target}
      title={replacing ? t("applicant.upload.replaceTitle", { kind: docKindName(replacing.kind) }) : t("applicant.upload.title")}
      onCancel={onClose}
      footer={null}
      width={640}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {target ? <UploadDocumentForm target={target} kinds={kinds} onDone={onClose} /> : null}
    </Modal>
  );
}

function UploadDocumentForm({ target, kinds, onDone }: { target: UploadTarget; kinds: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const setApplication = useSetApplication();
  const { replacing } = target;
  const initial: Partial<DocumentFormValues> = replacing
    ? {
        kind: replacing.kind,
        number: replacing.number,
        issuer: replacing.issuer,
        validFrom: dayjs(replacing.validFrom),
        validUntil: replacing.validUntil ? dayjs(replacing.validUntil) : null,
      }
    : { kind: target.kind ?? kinds[0] };

  return (
    <DocumentUploadForm
      kinds={kinds}
      kindFixed={!!replacing}
      initial={initial}
      extraFields={replacing ? { replaces: replacing.id } : undefined}
      submitLabel={replacing ? t("applicant.upload.replaceSubmit") : t("applicant.upload.submit")}
      notice={
        replacing?.problem ? (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t("applicant.upload.reviewerSaid")} description={replacing.problem} data-testid="upload-replacing-reason" />
        ) : null
      }
      send={async (body, onProgress) => {
        const app = await upload<Application>("/onboarding/application/documents", body, onProgress);
        setApplication(app);
        const kind = docKindName(String(body.get("kind")));
        message.success(replacing ? t("applicant.upload.replaced", { kind }) : t("applicant.upload.uploaded", { kind }));
      }}
      onDone={onDone}
    />
  );
}

export interface DocumentUploadFormProps {
  kinds: string[];
  /** The kind is given (a replacement, a renewal) and cannot be changed. */
  kindFixed?: boolean;
  initial: Partial<DocumentFormValues>;
  /** More multipart fields, e.g. the id of the document being replaced. */
  extraFields?: Record<string, string>;
  submitLabel: string;
  /** Shown above the form (e.g. why the document is being replaced). */
  notice?: ReactNode;
  /** Sends the form to its endpoint, reporting progress; throws the server's error. */
  send: (body: FormData, onProgress: (percent: number) => void) => Promise<void>;
  /** The text of an error that belongs to no field (default: errorText). */
  describeError?: (e: unknown) => string;
  onDone: () => void;
}

/** A document's facts and file, sent as multipart with the upload's progress (onboarding, renewals). */
export function DocumentUploadForm({ kinds, kindFixed, initial, extraFields, submitLabel, notice, send, describeError = errorText, onDone }: DocumentUploadFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DocumentFormValues>();
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const uploading = percent !== null;
  const validFrom = Form.useWatch("validFrom", form);

  const onFinish = async (v: DocumentFormValues) => {
    const file = v.file[0]?.originFileObj;
    if (!file) return;
    setError(null);
    const body = new FormData();
    body.append("kind", v.kind);
    body.append("number", v.number.trim());
    body.append("issuer", v.issuer.trim());
    if (v.validFrom) body.append("validFrom", v.validFrom.format("YYYY-MM-DD"));
    if (v.validUntil) body.append("validUntil", v.validUntil.format("YYYY-MM-DD"));
    for (const [k, x] of Object.entries(extraFields ?? {})) body.append(k, x);
    body.append("file", file, file.name);
    setPercent(0);
    try {
      await send(body, setPercent);
      onDone();
    } catch (e) {
      setPercent(null);
      if (!applyFormErrors(form, e, ["kind", "number", "issuer", "validFrom", "validUntil", "file"])) setError(e);
    }
  };

  return (
    <div data-testid="upload-form">
      {notice}
      {error ? <Alert type="error" showIcon title={describeError(error)} style={{ marginBottom: 16 }} data-testid="error-alert" /> : null}
      <Form<DocumentFormValues> form={form} layout="vertical" initialValues={{ ...initial, file: [] }} onFinish={onFinish} disabled={uploading} requiredMark>
        <Form.Item name="kind" label={t("onboarding.doc.kind")} rules={[{ required: true, message: t("applicant.upload.kindRequired") }]}>
          <Select
            disabled={kindFixed || uploading}
            options={kinds.map((k) => ({ value: k, label: docKindName(k) }))}
            data-testid="doc-kind"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="number"
              label={t("onboarding.doc.number")}
              rules={[
                { required: true, whitespace: true, message: t("applicant.upload.numberRequired") },
                { max: 60, message: t("applicant.entity.tooLong", { max: 60 }) },
              ]}
            >
              <Input data-testid="doc-number" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="issuer"
              label={t("onboarding.doc.issuer")}
              rules={[
                { required: true, whitespace: true, message: t("applicant.upload.issuerRequired") },
                { max: 100, message: t("applicant.entity.tooLong", { max: 100 }) },
              ]}
            >
              <Input placeholder={t("applicant.upload.issuerPlaceholder")} data-testid="doc-issuer" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="validFrom" label={t("onboarding.doc.validFrom")} rules={[{ required: true, message: t("applicant.upload.validFromRequired") }]}>
              <DatePicker style={{ width: "100%" }} format="YYYY-MM-DD" data-testid="doc-valid-from" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="validUntil"
              label={t("onboarding.doc.validUntil")}
              extra={t("applicant.upload.validUntilExtra")}
              dependencies={["validFrom"]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_r, v: Dayjs | null | undefined) => {
                    const from = getFieldValue("validFrom") as Dayjs | null | undefined;
                    if (v && from && v.isBefore(from, "day")) throw new Error(t("errors.DOCUMENT_DATES_INVALID"));
                  },
                }),
              ]}
            >
              <DatePicker
                style={{ width: "100%" }}
                format="YYYY-MM-DD"
                disabledDate={(d) => !!validFrom && d.isBefore(validFrom, "day")}
                data-testid="doc-valid-until"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="file"
          label={t("applicant.upload.file")}
          required
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          rules={[
            {
              validator: async (_r, list: UploadFile[] | undefined) => {
                const f = list?.[0];
                if (!f) throw new Error(t("applicant.upload.fileRequired"));
                const name = f.name.toLowerCase();
                if (!ALLOWED_EXTENSIONS.some((ext) => name.endsWith(ext))) throw new Error(t("errors.FILE_TYPE_NOT_ALLOWED"));
                if ((f.size ?? 0) > MAX_DOCUMENT_BYTES) throw new Error(t("errors.FILE_TOO_LARGE"));
              },
            },
          ]}
        >
          <Upload.Dragger
            accept={ACCEPT}
            maxCount={1}
            multiple={false}
            beforeUpload={() => false}
            showUploadList={{ showRemoveIcon: !uploading }}
            itemRender={(node, file) => (
              <div data-testid="doc-file-item">
                {node}
                {file.size ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatBytes(file.size)}
                  </Typography.Text>
                ) : null}
              </div>
            )}
          >
            <div data-testid="doc-file" style={{ padding: "4px 8px" }}>
              <p className="ant-upload-drag-icon" style={{ marginBottom: 8 }}>
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t("applicant.upload.drop")}</p>
              <p className="ant-upload-hint">{t("applicant.upload.hint")}</p>
            </div>
          </Upload.Dragger>
        </Form.Item>
        {uploading ? (
          <div style={{ marginBottom: 16 }} data-testid="upload-progress">
            <Typography.Text type="secondary">{t("applicant.upload.progress")}</Typography.Text>
            <Progress percent={percent ?? 0} status={percent === 100 ? "success" : "active"} />
          </div>
        ) : null}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onDone} disabled={uploading}>
            {t("common.cancel")}
          </Button>
          <Button type="primary" htmlType="submit" icon={<CloudUploadOutlined />} loading={uploading} data-testid="doc-upload-submit">
            {submitLabel}
          </Button>
        </Flex>
      </Form>
    </div>
  );
}
