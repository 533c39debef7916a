import { useState } from "react";
import { Alert, App, Button, Col, Flex, Form, Input, InputNumber, Modal, Row, Segmented, Select, Slider, Statistic, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { api, isApiError } from "../../../api";
import { applyFormErrors } from "../../../components/errors";
import {
  DEFAULT_WEIGHTS,
  dimensionName,
  lastQuarter,
  parsePeriod,
  partLabel,
  periodLabel,
  periodStarted,
  scoreColor,
  scoreText,
  supplierErrorText,
  supplierKey,
  suppliersKey,
  weightedScore,
  weightsText,
} from "./kit";
import type { PeriodKind, SupplierBase } from "./kit";
import { DIMENSIONS } from "./types";
import type { EvaluationInput, EvaluationResult, Scores, SupplierDetail } from "./types";

interface FormValues extends Scores {
  kind: PeriodKind;
  year: number;
  part: string;
  note?: string;
}

const PARTS: Record<PeriodKind, string[]> = {
  quarter: ["Q1", "Q2", "Q3", "Q4"],
  half: ["H1", "H2"],
  month: Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0")),
};

const periodOf = (v: Pick<FormValues, "year" | "part">) => `${v.year}-${v.part}`;

/** The last quarter that has ended: the usual one to score. */
function initialValues(): FormValues {
  const p = parsePeriod(lastQuarter())!;
  return { kind: "quarter", year: p.year, part: `Q${p.index}`, quality: 80, price: 80, delivery: 80, service: 80, note: "" };
}

/** A 0-100 score: a slider and a number field bound to the same value. */
function ScoreInput({ value = 0, onChange, testId }: { value?: number; onChange?: (v: number) => void; testId: string }) {
  return (
    <Flex gap={12} align="center">
      <Slider min={0} max={100} value={value} onChange={(v) => onChange?.(v)} style={{ flex: 1, margin: "0 4px" }} />
      <InputNumber<number> min={0} max={100} precision={0} value={value} onChange={(v) => onChange?.(v ?? 0)} style={{ width: 72 }} data-testid={testId} />
    </Flex>
  );
}

/** A new scorecard for one period (P7), with a live preview of the weighted score. */
export function EvaluationModal({ base, supplier, open, onClose }: { base: SupplierBase; supplier: SupplierDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const values = Form.useWatch([], form) as FormValues | undefined;
  const kind = (Form.useWatch("kind", form) as PeriodKind | undefined) ?? "quarter";
  const taken = new Set(supplier.evaluations.map((e) => e.period));
  // The server applies the weights in force; the last scorecard's are the best guess.
  const last = supplier.evaluations[0];
  const weights = last?.weights ?? DEFAULT_WEIGHTS;
  const scores: Scores = {
    quality: values?.quality ?? 0,
    price: values?.price ?? 0,
    delivery: values?.delivery ?? 0,
    service: values?.service ?? 0,
  };
  const preview = weightedScore(scores, weights);
  const thisYear = dayjs().year();
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);

  const submit = async (v: FormValues) => {
    setSaving(true);
    setError(null);
    const body: EvaluationInput = { period: periodOf(v), quality: v.quality, price: v.price, delivery: v.delivery, service: v.service, note: v.note?.trim() || undefined };
    try {
      const r = await api<EvaluationResult>(`${base}/${encodeURIComponent(supplier.id)}/evaluations`, { method: "POST", body });
      await Promise.all([queryClient.invalidateQueries({ queryKey: supplierKey(base, supplier.id) }), queryClient.invalidateQueries({ queryKey: [...suppliersKey(base), "list"] })]);
      message.success(t("supplierUi.evaluate.saved", { period: periodLabel(r.period), score: scoreText(r.score) }));
      onClose();
    } catch (e) {
      if (isApiError(e) && e.code === "EVALUATION_EXISTS") form.setFields([{ name: "part", errors: [supplierErrorText(e)] }]);
      else if (!applyFormErrors(form, e, { period: "part", quality: "quality", price: "price", delivery: "delivery", service: "service", note: "note" })) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("supplierUi.evaluate.title", { name: supplier.name })}
      width={640}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("supplierUi.evaluate.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      okButtonProps={{ "data-testid": "evaluation-submit" } as React.ComponentProps<typeof Button>}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error ? <Alert type="error" showIcon title={supplierErrorText(error)} style={{ marginBottom: 16 }} data-testid="error-alert" /> : null}
      <Form<FormValues> form={form} layout="vertical" initialValues={initialValues()} onFinish={submit} disabled={saving} data-testid="evaluation-form">
        <Form.Item label={t("supplierUi.evaluate.period")} required style={{ marginBottom: 8 }}>
          <Flex gap={8} wrap align="start">
            <Form.Item name="kind" noStyle>
              <Segmented<PeriodKind>
                options={(["quarter", "half", "month"] as const).map((k) => ({ value: k, label: <span data-testid={`period-kind-${k}`}>{t(`supplierUi.period.kind_${k}`)}</span> }))}
                onChange={(k) => {
                  const part = k === "quarter" ? "Q1" : k === "half" ? "H1" : "01";
                  form.setFieldsValue({ kind: k, part });
                  void form.validateFields(["part"]).catch(() => undefined);
                }}
              />
            </Form.Item>
            <Form.Item name="year" noStyle>
              <Select options={years.map((y) => ({ value: y, label: t("supplierUi.period.year", { year: y }) }))} style={{ width: 110 }} data-testid="period-year" onChange={() => void form.validateFields(["part"]).catch(() => undefined)} />
            </Form.Item>
            <Form.Item
              name="part"
              dependencies={["year", "kind"]}
              style={{ marginBottom: 0, minWidth: 140 }}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_r, part: string | undefined) => {
                    if (!part) throw new Error(t("supplierUi.evaluate.periodRequired"));
                    const period = periodOf({ year: getFieldValue("year") as number, part });
                    if (!periodStarted(period)) throw new Error(t("supplierUi.evaluate.periodFuture"));
                    if (taken.has(period)) throw new Error(t("supplierUi.errors.EVALUATION_EXISTS"));
                  },
                }),
              ]}
            >
              <Select
                options={PARTS[kind].map((p) => {
                  const period = values?.year ? periodOf({ year: values.year, part: p }) : p;
                  return { value: p, label: partLabel(kind, Number(p.replace(/\D/g, ""))) + (taken.has(period) ? t("supplierUi.evaluate.alreadyScored") : "") };
                })}
                style={{ width: 160 }}
                data-testid="period-part"
              />
            </Form.Item>
          </Flex>
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t("supplierUi.evaluate.periodHint", { period: values?.year && values.part ? periodOf(values) : "" })}
        </Typography.Paragraph>

        <Row gutter={24}>
          <Col xs={24} md={15}>
            {DIMENSIONS.map((d) => (
              <Form.Item
                key={d}
                name={d}
                label={
                  <span>
                    {dimensionName(d)}
                    <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                      {t("supplierUi.evaluate.weight", { weight: weights[d] })}
                    </Typography.Text>
                  </span>
                }
                rules={[{ required: true, type: "integer", min: 0, max: 100, message: t("supplierUi.evaluate.scoreRange") }]}
                style={{ marginBottom: 12 }}
              >
                <ScoreInput testId={`score-${d}`} />
              </Form.Item>
            ))}
          </Col>
          <Col xs={24} md={9}>
            <div style={{ background: "#fafafa", border: "1px solid #f0f0f0", borderRadius: 8, padding: 16, textAlign: "center", marginTop: 30 }} data-testid="score-preview" data-score={preview}>
              <Statistic title={t("supplierUi.evaluate.preview")} value={scoreText(preview)} styles={{ content: { color: scoreColor(preview), fontSize: 36 } }} />
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: "8px 0 0" }}>
                {last ? t("supplierUi.evaluate.weightsFromLast", { period: periodLabel(last.period) }) : t("supplierUi.evaluate.weightsDefault")}
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: "4px 0 0" }}>
                {weightsText(weights)}
              </Typography.Paragraph>
            </div>
          </Col>
        </Row>
        <Form.Item name="note" label={t("supplierUi.evaluate.note")} rules={[{ max: 1000, message: t("supplierUi.form.tooLong", { max: 1000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} showCount placeholder={t("supplierUi.evaluate.notePlaceholder")} data-testid="evaluation-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
