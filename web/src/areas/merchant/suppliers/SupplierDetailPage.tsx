import { useState } from "react";
import { Button, Card, Col, Descriptions, Empty, Flex, Result, Row, Skeleton, Space, Table, Typography } from "antd";
import { ArrowLeftOutlined, EditOutlined, LineChartOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { isApiError } from "../../../api";
import { formatDate, formatDateTime } from "../../../components/format";
import { ActiveTag, dimensionName, periodLabel, ScoreBar, scoreColor, scoreText, supplierErrorText, SupplierErrorAlert, useSupplier, ValidUntil, validityState, weightsText } from "./kit";
import type { SupplierBase } from "./kit";
import { EvaluationModal } from "./EvaluationModal";
import { ScoreChart } from "./ScoreChart";
import { SupplierDrawer } from "./SupplierDrawer";
import { DIMENSIONS } from "./types";
import type { Evaluation, SupplierQualification } from "./types";

/** One supplier: its facts, qualifications and scorecards over time (P7). */
export function SupplierDetailPage({ base }: { base: SupplierBase }) {
  const { id } = useParams();
  const { t } = useTranslation();
  const query = useSupplier(base, id);
  const [editing, setEditing] = useState(false);
  const [evaluating, setEvaluating] = useState(false);
  const s = query.data;

  const back = (
    <div style={{ marginBottom: 12 }}>
      <Link to={base} data-testid="back-to-suppliers">
        <ArrowLeftOutlined /> {t("supplierUi.detail.back")}
      </Link>
    </div>
  );

  if (query.isError) {
    return (
      <div data-testid="supplier-detail">
        {back}
        {isApiError(query.error) && query.error.code === "SUPPLIER_NOT_FOUND" ? (
          <Result status="404" title={supplierErrorText(query.error)} />
        ) : (
          <SupplierErrorAlert error={query.error} />
        )}
      </div>
    );
  }
  if (!s) {
    return (
      <div data-testid="supplier-detail">
        {back}
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </div>
    );
  }

  return (
    <div data-testid="supplier-detail" data-supplier={s.id}>
      {back}
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
        <Space size={12} align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="supplier-title">
            {s.name}
          </Typography.Title>
          <ActiveTag active={s.active} />
        </Space>
        <Space wrap>
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="supplier-edit">
            {t("supplierUi.list.edit")}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEvaluating(true)} data-testid="evaluation-new">
            {t("supplierUi.evaluate.open")}
          </Button>
        </Space>
      </Flex>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t("supplierUi.detail.facts")} style={{ height: "100%" }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" styles={{ label: { whiteSpace: "nowrap" } }} data-testid="supplier-facts">
              <Descriptions.Item label={t("supplierUi.fields.creditCode")}>
                <Typography.Text copyable style={{ fontFamily: "monospace" }}>
                  {s.creditCode}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t("supplierUi.fields.contact")}>
                {s.contactName} · {s.contactPhone}
              </Descriptions.Item>
              <Descriptions.Item label={t("supplierUi.fields.address")}>{s.address || "—"}</Descriptions.Item>
              <Descriptions.Item label={t("supplierUi.detail.since")}>{formatDate(s.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t("supplierUi.detail.updatedAt")}>{formatDateTime(s.updatedAt)}</Descriptions.Item>
              <Descriptions.Item label={t("supplierUi.detail.scorecards")}>{s.evaluations.length}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t("supplierUi.detail.latest")} style={{ height: "100%" }} data-testid="supplier-latest">
            {s.latest ? (
              <>
                <Typography.Text style={{ fontSize: 36, fontWeight: 600, color: scoreColor(s.latest.score), lineHeight: 1.2 }} data-testid="latest-score">
                  {scoreText(s.latest.score)}
                </Typography.Text>
                <div style={{ marginTop: 4 }}>
                  <Typography.Text type="secondary">{t("supplierUi.detail.latestOf", { period: periodLabel(s.latest.period), at: formatDate(s.latest.evaluatedAt) })}</Typography.Text>
                </div>
                <Trend evaluations={s.evaluations} />
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("supplierUi.detail.notScored")} />
            )}
          </Card>
        </Col>

        <Col span={24}>
          <Qualifications list={s.qualifications} />
        </Col>

        <Col span={24}>
          <Card
            title={
              <Space>
                <LineChartOutlined />
                {t("supplierUi.chart.title")}
              </Space>
            }
          >
            {s.evaluations.length ? (
              <ScoreChart evaluations={s.evaluations} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("supplierUi.chart.empty")} data-testid="chart-empty">
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEvaluating(true)}>
                  {t("supplierUi.evaluate.open")}
                </Button>
              </Empty>
            )}
          </Card>
        </Col>

        <Col span={24}>
          <Evaluations evaluations={s.evaluations} />
        </Col>
      </Row>

      <SupplierDrawer base={base} editing={editing ? s : null} onClose={() => setEditing(false)} />
      <EvaluationModal base={base} supplier={s} open={evaluating} onClose={() => setEvaluating(false)} />
    </div>
  );
}

/** The change from the scorecard before. */
function Trend({ evaluations }: { evaluations: Evaluation[] }) {
  const { t } = useTranslation();
  const [latest, previous] = evaluations;
  if (!latest || !previous) return null;
  const delta = Math.round((latest.score - previous.score) * 10) / 10;
  const type = delta > 0 ? "success" : delta < 0 ? "danger" : "secondary";
  return (
    <div style={{ marginTop: 8 }} data-testid="score-trend">
      <Typography.Text type={type}>
        {delta === 0
          ? t("supplierUi.detail.trendSame", { period: periodLabel(previous.period) })
          : t("supplierUi.detail.trend", { delta: `${delta > 0 ? "+" : ""}${delta.toFixed(1)}`, period: periodLabel(previous.period) })}
      </Typography.Text>
    </div>
  );
}

function Qualifications({ list }: { list: SupplierQualification[] }) {
  const { t } = useTranslation();
  const expired = list.filter((q) => validityState(q.validUntil) === "expired").length;
  return (
    <Card
      title={t("supplierUi.qualifications.title")}
      extra={expired ? <Typography.Text type="danger">{t("supplierUi.qualifications.expiredCount", { count: expired })}</Typography.Text> : null}
      data-testid="supplier-qualification-card"
    >
      <Table<SupplierQualification>
        rowKey={(q, i) => `${q.kind}-${q.number}-${i}`}
        dataSource={list}
        pagination={false}
        size="small"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("supplierUi.qualifications.noneYetDetail")} /> }}
        onRow={(q) => ({ "data-testid": "qualification-row", "data-state": validityState(q.validUntil) }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("supplierUi.qualifications.kind"), dataIndex: "kind" },
          { title: t("supplierUi.qualifications.number"), dataIndex: "number", render: (v: string) => <span style={{ fontFamily: "monospace" }}>{v}</span> },
          { title: t("supplierUi.qualifications.validUntil"), dataIndex: "validUntil", width: 220, render: (v: string | null) => <ValidUntil validUntil={v} /> },
        ]}
      />
    </Card>
  );
}

function Evaluations({ evaluations }: { evaluations: Evaluation[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t("supplierUi.detail.evaluations")} data-testid="evaluations-card">
      <Table<Evaluation>
        rowKey="id"
        dataSource={evaluations}
        pagination={evaluations.length > 12 ? { pageSize: 12, showSizeChanger: false } : false}
        scroll={{ x: 1040 }}
        size="small"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("supplierUi.detail.noEvaluations")} /> }}
        onRow={(e) => ({ "data-testid": `evaluation-${e.period}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("supplierUi.list.period"), dataIndex: "period", width: 140, render: (v: string) => <span style={{ whiteSpace: "nowrap" }}>{periodLabel(v)}</span> },
          { title: t("supplierUi.list.score"), dataIndex: "score", width: 180, render: (v: number) => <ScoreBar score={v} testId="evaluation-score" /> },
          ...DIMENSIONS.map((d) => ({ title: dimensionName(d), dataIndex: d, width: 64, align: "right" as const })),
          {
            title: t("supplierUi.detail.weights"),
            dataIndex: "weights",
            width: 170,
            render: (w: Evaluation["weights"]) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="evaluation-weights">
                {weightsText(w)}
              </Typography.Text>
            ),
          },
          { title: t("supplierUi.evaluate.note"), dataIndex: "note", render: (v: string | null) => (v ? <span style={{ whiteSpace: "pre-wrap" }}>{v}</span> : "—") },
          {
            title: t("supplierUi.detail.evaluatedBy"),
            key: "by",
            width: 190,
            render: (_, e) => (
              <div>
                <div>{e.evaluatedBy}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.evaluatedAt)}
                </Typography.Text>
              </div>
            ),
          },
        ]}
      />
    </Card>
  );
}
