import { useState } from "react";
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, Modal, Radio, Row, Space, Tag, Typography } from "antd";
import { ArrowLeftOutlined, AuditOutlined, StopOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { api, isApiError } from "../../../api";
import { useSession } from "../../../auth/session";
import { formatDateTime } from "../../../components/format";
import { DetailFallback, GovErrorAlert, PenaltyKindTag, penaltyEffect, penaltyPeriod, PenaltyStatusTag, REASON_MAX, reasonRules } from "./labels";
import { usePenalty, useRefreshGovernance } from "./queries";
import type { Penalty } from "../../../types/governance";

/** One penalty: what, why, the evidence, the merchant's appeal and the decision (M6). */
export function PenaltyDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const { can } = useSession();
  const penalty = usePenalty(id);
  const [action, setAction] = useState<"decide" | "lift" | null>(null);

  const back = (
    <Link to="/admin/penalties" data-testid="back-to-penalties">
      <ArrowLeftOutlined /> {t("consoleGov.penalty.back")}
    </Link>
  );
  if (penalty.isPending || penalty.isError) return <DetailFallback testId="penalty-detail" back={back} error={penalty.error} rows={8} />;
  const p = penalty.data;
  const merchant = p.merchantName ?? "";
  const canAct = can("merchant.penalize");
  const notStarted = new Date(p.startsAt).getTime() > Date.now();

  return (
    <div data-testid="penalty-detail" data-status={p.status}>
      <div style={{ marginBottom: 12 }}>{back}</div>
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
        <Space size={12} wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="penalty-merchant">
            {merchant}
          </Typography.Title>
          <PenaltyKindTag kind={p.kind} />
          <PenaltyStatusTag status={p.status} />
          {p.kind === "warning" ? null : p.active ? (
            <Tag color="red">{t("consoleGov.penalty.binding")}</Tag>
          ) : notStarted && ["in_force", "appealed", "upheld"].includes(p.status) ? (
            <Tag>{t("consoleGov.penalty.scheduled")}</Tag>
          ) : (
            <Tag>{t("consoleGov.penalty.notBinding")}</Tag>
          )}
        </Space>
        {canAct ? (
          <Space wrap>
            {p.status === "in_force" || p.status === "upheld" ? (
              <Button icon={<StopOutlined />} onClick={() => setAction("lift")} data-testid="penalty-lift">
                {t("consoleGov.penalty.lift")}
              </Button>
            ) : null}
            {p.status === "appealed" ? (
              <Button type="primary" icon={<AuditOutlined />} onClick={() => setAction("decide")} data-testid="penalty-decide">
                {t("consoleGov.penalty.decide")}
              </Button>
            ) : null}
          </Space>
        ) : null}
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small">
            <Descriptions column={1} size="small" bordered styles={{ label: { width: 130 } }}>
              <Descriptions.Item label={t("consoleGov.penalties.merchant")}>
                <Link to={`/admin/penalties?merchantId=${p.merchantId}`}>{merchant}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t("consoleGov.penalties.kind")}>
                <PenaltyKindTag kind={p.kind} />
              </Descriptions.Item>
              <Descriptions.Item label={t("consoleGov.penalty.effect")}>{penaltyEffect(p.kind)}</Descriptions.Item>
              <Descriptions.Item label={t("consoleGov.penalty.period")}>
                <span data-testid="penalty-period">{penaltyPeriod(p)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("consoleGov.penalty.reason")}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }} data-testid="penalty-reason">
                  {p.reason}
                </Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label={t("consoleGov.penalty.evidence")}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }} data-testid="penalty-evidence">
                  {p.evidence}
                </Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label={t("consoleGov.penalty.issued")}>{t("consoleGov.penalty.issuedLine", { by: p.issuedBy, at: formatDateTime(p.issuedAt) })}</Descriptions.Item>
              <Descriptions.Item label={t("consoleGov.penalty.appealBy")}>
                <Space size={6} wrap>
                  {formatDateTime(p.appealBy)}
                  {p.canAppeal ? <Tag color="blue">{t("consoleGov.penalty.canAppeal")}</Tag> : p.status === "in_force" ? <Tag>{t("consoleGov.penalty.appealClosed")}</Tag> : null}
                </Space>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t("consoleGov.penalty.appeal")} style={{ marginBottom: 16 }} data-testid="penalty-appeal">
            {p.appeal ? (
              <>
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{p.appeal.statement}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("consoleGov.penalty.appealLine", { by: p.appeal.by, at: formatDateTime(p.appeal.at) })}
                </Typography.Text>
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("consoleGov.penalty.noAppeal")} />
            )}
          </Card>
          <Card size="small" title={t("consoleGov.penalty.decision")} data-testid="penalty-decision">
            {p.decision ? (
              <>
                <div style={{ marginBottom: 8 }}>
                  <PenaltyStatusTag status={p.status} />
                </div>
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{p.decision.reason}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("consoleGov.penalty.decisionLine", { by: p.decision.by, at: formatDateTime(p.decision.at) })}
                </Typography.Text>
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("consoleGov.penalty.noDecision")} />
            )}
          </Card>
        </Col>
      </Row>
      <DecideModal penalty={p} merchant={merchant} open={action === "decide"} onClose={() => setAction(null)} />
      <LiftModal penalty={p} merchant={merchant} open={action === "lift"} onClose={() => setAction(null)} />
    </div>
  );
}

/** A form in a dialog that posts one decision about the penalty, then refreshes what it changed. */
function useDecision<T extends object>(penalty: Penalty, path: string, done: (p: Penalty) => string, onClose: () => void) {
  const { message } = App.useApp();
  const refresh = useRefreshGovernance();
  const [form] = Form.useForm<T>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    setSaving(true);
    try {
      const next = await api<Penalty>(`/admin/penalties/${encodeURIComponent(penalty.id)}/${path}`, { method: "POST", body: v });
      await refresh();
      message.success(done(next));
      onClose();
    } catch (e) {
      setError(e);
      if (isApiError(e) && e.code === "INVALID_TRANSITION") await refresh();
    } finally {
      setSaving(false);
    }
  };
  const reset = (visible: boolean) => {
    if (visible) return;
    form.resetFields();
    setError(null);
  };
  return { form, saving, error, submit: () => void submit().catch(() => undefined), reset };
}

function DecideModal({ penalty, merchant, open, onClose }: { penalty: Penalty; merchant: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const d = useDecision<{ decision: "uphold" | "revoke"; reason: string }>(
    penalty,
    "decision",
    (p) => (p.status === "revoked" ? t("consoleGov.penalty.revoked") : t("consoleGov.penalty.upheld")),
    onClose,
  );
  // Actors are labelled "display name (masked login)": the issuer's own label says it is them.
  const ownPenalty = !!me && penalty.issuedBy === `${me.user.displayName} (${me.user.login})`;
  const sameReviewer = isApiError(d.error) && d.error.code === "APPEAL_NEEDS_ANOTHER_REVIEWER";
  return (
    <Modal
      open={open}
      title={t("consoleGov.penalty.decideTitle", { merchant })}
      onCancel={onClose}
      onOk={d.submit}
      okText={t("common.confirm")}
      okButtonProps={{ "data-testid": "decide-submit" } as React.ComponentProps<typeof Button>}
      cancelText={t("common.cancel")}
      confirmLoading={d.saving}
      afterOpenChange={d.reset}
      forceRender
      width={600}
    >
      <Typography.Paragraph type="secondary">{t("consoleGov.penalty.decideIntro")}</Typography.Paragraph>
      {ownPenalty || sameReviewer ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("consoleGov.errors.APPEAL_NEEDS_ANOTHER_REVIEWER")} data-testid="decide-other-reviewer" />
      ) : null}
      {sameReviewer ? null : <GovErrorAlert error={d.error} style={{ marginBottom: 16 }} testId="decide-error" />}
      {penalty.appeal ? (
        <Alert type="info" style={{ marginBottom: 16 }} title={t("consoleGov.penalty.appeal")} description={<span style={{ whiteSpace: "pre-wrap" }}>{penalty.appeal.statement}</span>} />
      ) : null}
      <Form form={d.form} layout="vertical" requiredMark={false} disabled={d.saving}>
        <Form.Item name="decision" label={t("consoleGov.penalty.decisionLabel")} rules={[{ required: true, message: t("consoleGov.penalty.decisionRequired") }]}>
          <Radio.Group>
            <Space orientation="vertical">
              <Radio value="uphold" data-testid="decide-uphold">
                <Typography.Text strong>{t("consoleGov.penalty.uphold")}</Typography.Text>{" "}
                <Typography.Text type="secondary">{t("consoleGov.penalty.upholdHint")}</Typography.Text>
              </Radio>
              <Radio value="revoke" data-testid="decide-revoke">
                <Typography.Text strong>{t("consoleGov.penalty.revoke")}</Typography.Text>{" "}
                <Typography.Text type="secondary">{t("consoleGov.penalty.revokeHint")}</Typography.Text>
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reason" label={t("consoleGov.penalty.decisionReason")} rules={reasonRules("penalty")}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={REASON_MAX} placeholder={t("consoleGov.penalty.decisionPlaceholder")} data-testid="decide-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LiftModal({ penalty, merchant, open, onClose }: { penalty: Penalty; merchant: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const d = useDecision<{ reason: string }>(penalty, "lift", () => t("consoleGov.penalty.lifted"), onClose);
  return (
    <Modal
      open={open}
      title={t("consoleGov.penalty.liftTitle", { merchant })}
      onCancel={onClose}
      onOk={d.submit}
      okText={t("consoleGov.penalty.lift")}
      okButtonProps={{ danger: true, "data-testid": "lift-submit" } as React.ComponentProps<typeof Button>}
      cancelText={t("common.cancel")}
      confirmLoading={d.saving}
      afterOpenChange={d.reset}
      forceRender
    >
      <Typography.Paragraph>{t("consoleGov.penalty.liftText")}</Typography.Paragraph>
      <GovErrorAlert error={d.error} style={{ marginBottom: 16 }} testId="lift-error" />
      <Form form={d.form} layout="vertical" requiredMark={false} disabled={d.saving}>
        <Form.Item name="reason" label={t("consoleGov.penalty.liftReason")} rules={reasonRules("penalty")}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={REASON_MAX} placeholder={t("consoleGov.penalty.liftPlaceholder")} data-testid="lift-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
