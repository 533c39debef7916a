import { useState } from "react";
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, Modal, Skeleton, Space, Tag, Typography } from "antd";
import { FlagOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useSession } from "../../../auth/session";
import { formatDateTime } from "../../../components/format";
import { PageHeader } from "../../../components/PageHeader";
import { GovErrorAlert, penaltyKindName, PenaltyKindTag, PenaltyStatusTag, RelativeTag } from "./labels";
import { useAppeal, usePenalties } from "./queries";
import { StandingSummary } from "./StandingBanner";
import type { Penalty } from "../../../types/governance";

/** The shop's standing, its penalties and its appeals (M6). */
export function PenaltiesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const penalties = usePenalties();
  const [appealing, setAppealing] = useState<Penalty | null>(null);
  const items = penalties.data ? [...penalties.data.items].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)) : [];

  return (
    <div data-testid="penalties-page">
      <PageHeader title={t("portalGov.penalties.title")} />
      <Typography.Paragraph type="secondary">{t("portalGov.penalties.intro")}</Typography.Paragraph>
      {penalties.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 5 }} />
        </Card>
      ) : penalties.isError ? (
        <GovErrorAlert error={penalties.error} />
      ) : (
        <>
          <Card title={t("portalGov.standing.title")} style={{ marginBottom: 16 }}>
            <StandingSummary standing={penalties.data.standing} />
          </Card>
          {items.length === 0 ? (
            <Card>
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("portalGov.penalties.none")} data-testid="penalties-empty" />
            </Card>
          ) : (
            <Flex vertical gap={16}>
              {items.map((p) => (
                <PenaltyCard key={p.id} penalty={p} canManage={can("shop.manage")} onAppeal={() => setAppealing(p)} />
              ))}
            </Flex>
          )}
        </>
      )}
      <AppealModal penalty={appealing} onClose={() => setAppealing(null)} />
    </div>
  );
}

function PenaltyCard({ penalty: p, canManage, onAppeal }: { penalty: Penalty; canManage: boolean; onAppeal: () => void }) {
  const { t } = useTranslation();
  const appealOpen = p.canAppeal;
  return (
    <Card
      data-testid="penalty-card"
      data-id={p.id}
      data-kind={p.kind}
      data-status={p.status}
      title={
        <Space size={8} wrap>
          <PenaltyKindTag kind={p.kind} />
          <PenaltyStatusTag status={p.status} />
          {p.active && p.status !== "in_force" ? <Tag color="red">{t("portalGov.penalties.binding")}</Tag> : null}
        </Space>
      }
      extra={
        appealOpen && canManage ? (
          <Button type="primary" icon={<FlagOutlined />} onClick={onAppeal} data-testid="penalty-appeal">
            {t("portalGov.penalties.appeal")}
          </Button>
        ) : null
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small" styles={{ label: { whiteSpace: "nowrap" } }}>
        <Descriptions.Item label={t("portalGov.penalties.reason")} span="filled">
          <span data-testid="penalty-reason">{p.reason}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("portalGov.penalties.evidence")} span="filled">
          <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{p.evidence}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("portalGov.penalties.period")}>
          {p.endsAt
            ? t("portalGov.penalties.periodRange", { from: formatDateTime(p.startsAt), until: formatDateTime(p.endsAt) })
            : t("portalGov.penalties.periodOpen", { from: formatDateTime(p.startsAt) })}
        </Descriptions.Item>
        <Descriptions.Item label={t("portalGov.penalties.appealBy")}>
          <Space size={8} wrap>
            <span data-testid="penalty-appeal-by">{formatDateTime(p.appealBy)}</span>
            {p.canAppeal ? <RelativeTag date={p.appealBy} mode="due" /> : !p.appeal ? <Tag>{t("portalGov.penalties.appealClosed")}</Tag> : null}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t("portalGov.penalties.issued")}>{p.issuedBy}</Descriptions.Item>
        <Descriptions.Item label={t("portalGov.penalties.issuedAt")}>{formatDateTime(p.issuedAt)}</Descriptions.Item>
        {p.appeal ? (
          <Descriptions.Item label={t("portalGov.penalties.appealStatement")} span="filled">
            <Statement text={p.appeal.statement} when={t("portalGov.penalties.appealedAt", { at: formatDateTime(p.appeal.at) })} by={p.appeal.by} testId="penalty-appeal-statement" />
          </Descriptions.Item>
        ) : null}
        {p.decision ? (
          <Descriptions.Item label={t("portalGov.penalties.decision")} span="filled">
            <Statement text={p.decision.reason} when={t("portalGov.penalties.decidedAt", { at: formatDateTime(p.decision.at) })} by={p.decision.by} testId="penalty-decision" />
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {appealOpen && !canManage ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("portalGov.noManage")}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

/** What was said (the appeal, the decision), then when and by whom. */
function Statement({ text, when, by, testId }: { text: string; when: string; by: string | null; testId: string }) {
  return (
    <div data-testid={testId}>
      <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{text}</Typography.Text>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {when}
          {by ? ` · ${by}` : ""}
        </Typography.Text>
      </div>
    </div>
  );
}

const STATEMENT_MIN = 10;
const STATEMENT_MAX = 4000;

function AppealModal({ penalty, onClose }: { penalty: Penalty | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!penalty}
      title={penalty ? t("portalGov.penalties.appealTitle", { kind: penaltyKindName(penalty.kind) }) : null}
      onCancel={onClose}
      footer={null}
      width={640}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {penalty ? <AppealForm penalty={penalty} onDone={onClose} /> : null}
    </Modal>
  );
}

function AppealForm({ penalty, onDone }: { penalty: Penalty; onDone: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ statement: string }>();
  const appeal = useAppeal();

  // Asked once the statement is valid: an appeal cannot be taken back.
  const onFinish = ({ statement }: { statement: string }) =>
    modal.confirm({
      title: t("portalGov.penalties.appealConfirm"),
      okText: t("portalGov.penalties.submitAppeal"),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "appeal-confirm" },
      onOk: () =>
        appeal.mutate(
          { id: penalty.id, statement: statement.trim() },
          {
            onSuccess: () => {
              message.success(t("portalGov.penalties.appealed"));
              onDone();
            },
          },
        ),
    });

  return (
    <div data-testid="appeal-form">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("portalGov.penalties.appealIntro")} />
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t("common.labelColon", { label: t("portalGov.penalties.reason") })}</Typography.Text>
        {penalty.reason}
      </Typography.Paragraph>
      <GovErrorAlert error={appeal.error} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" disabled={appeal.isPending} onFinish={onFinish} requiredMark>
        <Form.Item
          name="statement"
          label={t("portalGov.penalties.statement")}
          rules={[
            { required: true, whitespace: true, message: t("portalGov.penalties.statementRequired") },
            {
              validator: async (_r, v: string | undefined) => {
                if (v && v.trim() && v.trim().length < STATEMENT_MIN) throw new Error(t("portalGov.penalties.statementTooShort", { min: STATEMENT_MIN }));
              },
            },
            { max: STATEMENT_MAX, message: t("portalGov.penalties.statementTooLong", { max: STATEMENT_MAX }) },
          ]}
        >
          <Input.TextArea rows={6} showCount maxLength={STATEMENT_MAX} placeholder={t("portalGov.penalties.statementPlaceholder")} data-testid="appeal-statement" />
        </Form.Item>
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onDone} disabled={appeal.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="primary" htmlType="submit" icon={<FlagOutlined />} loading={appeal.isPending} data-testid="appeal-submit">
            {t("portalGov.penalties.submitAppeal")}
          </Button>
        </Flex>
      </Form>
    </div>
  );
}
