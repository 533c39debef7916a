import { App, Button, Card, Descriptions, Empty, Flex, Skeleton, Space, Tag, Timeline, Typography } from "antd";
import { CheckCircleFilled, CheckOutlined, ExportOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useSession } from "../../../auth/session";
import { formatDate, formatDateTime } from "../../../components/format";
import { PageHeader } from "../../../components/PageHeader";
import { pick } from "../../../i18n";
import { GovErrorAlert, govErrorText, RelativeTag } from "./labels";
import { agreementPageUrl, useAcceptAgreement, useAgreements } from "./queries";
import type { AgreementVersion } from "./types";

/** The merchant agreement in force and the announced versions, accepted or not (G1, M5). */
export function AgreementsPage() {
  const { t } = useTranslation();
  const agreements = useAgreements();
  const items = agreements.data ? [...agreements.data.items].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)) : [];
  const history = agreements.data ? [...agreements.data.history].sort((a, b) => b.acceptedAt.localeCompare(a.acceptedAt)) : [];

  return (
    <div data-testid="agreements-page">
      <PageHeader title={t("portalGov.agreements.title")} />
      <Typography.Paragraph type="secondary">{t("portalGov.agreements.intro")}</Typography.Paragraph>
      {agreements.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 5 }} />
        </Card>
      ) : agreements.isError ? (
        <GovErrorAlert error={agreements.error} />
      ) : items.length === 0 ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("portalGov.agreements.none")} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          {items.map((v) => (
            <VersionCard key={v.version} v={v} />
          ))}
          {history.length ? (
            <Card title={t("portalGov.agreements.history")} data-testid="agreement-history">
              <Timeline
                items={history.map((h) => ({
                  key: `${h.version}-${h.acceptedAt}`,
                  color: "green",
                  content: t("portalGov.agreements.historyItem", { version: h.version, at: formatDateTime(h.acceptedAt) }),
                }))}
              />
            </Card>
          ) : null}
        </Flex>
      )}
    </div>
  );
}

function VersionCard({ v }: { v: AgreementVersion }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const accept = useAcceptAgreement();
  const title = pick(v.title, i18n.language);

  const onAccept = () =>
    modal.confirm({
      title: t("portalGov.agreements.acceptTitle", { title, version: v.version }),
      content: t("portalGov.agreements.acceptText", { date: formatDate(v.effectiveFrom) }),
      okText: t("portalGov.agreements.accept"),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "agreement-accept-confirm" },
      onOk: () =>
        accept
          .mutateAsync(v.version)
          .then(() => void message.success(t("portalGov.agreements.acceptedNow", { version: v.version })))
          .catch((e: unknown) => void message.error(govErrorText(e))),
    });

  return (
    <Card
      data-testid={`agreement-${v.version}`}
      data-accepted={v.acceptedAt ? "true" : "false"}
      title={
        <Space size={8} wrap>
          <span>{title}</span>
          <Tag>{t("portalGov.agreements.version", { version: v.version })}</Tag>
          {v.inForce ? <Tag color="green">{t("portalGov.agreements.inForce")}</Tag> : <Tag color="blue">{t("portalGov.agreements.announced")}</Tag>}
        </Space>
      }
      extra={
        <a href={agreementPageUrl(v.version)} target="_blank" rel="noopener noreferrer" data-testid={`agreement-read-${v.version}`}>
          <ExportOutlined /> {t("portalGov.agreements.read")}
        </a>
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t("portalGov.agreements.effectiveFrom")}>
          <Space size={8} wrap>
            {formatDate(v.effectiveFrom)}
            {v.inForce ? null : <RelativeTag date={v.effectiveFrom} mode="effective" />}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t("portalGov.agreements.publishedAt")}>{formatDate(v.publishedAt)}</Descriptions.Item>
        {v.summary ? (
          <Descriptions.Item label={t("portalGov.agreements.summary")} span="filled">
            {v.summary}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginTop: 12 }}>
        {v.acceptedAt ? (
          <Typography.Text type="success" data-testid="agreement-accepted">
            <CheckCircleFilled /> {t("portalGov.agreements.accepted", { at: formatDateTime(v.acceptedAt) })}
          </Typography.Text>
        ) : (
          <Typography.Text type="warning" data-testid="agreement-not-accepted">
            {t("portalGov.agreements.notAccepted")}
          </Typography.Text>
        )}
        {!v.acceptedAt ? (
          can("shop.manage") ? (
            <Button type="primary" icon={<CheckOutlined />} loading={accept.isPending} onClick={onAccept} data-testid={`agreement-accept-${v.version}`}>
              {t("portalGov.agreements.accept")}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t("portalGov.noManage")}</Typography.Text>
          )
        ) : null}
      </Flex>
    </Card>
  );
}
