import { useState } from "react";
import { Button, Divider, Flex, Space, Table, Tag, Typography } from "antd";
import { CheckCircleFilled, CloseCircleFilled, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { useSession } from "../../../auth/session";
import { formatDateTime } from "../../../components/format";
import { emptyText } from "../../../components/labels";
import { IssuePenaltyModal } from "./IssuePenaltyModal";
import { GovErrorAlert, PenaltyKindTag, penaltyPeriod, PenaltyStatusTag, restrictionName } from "./labels";
import { usePenalties } from "./queries";
import { QualificationFile } from "./QualificationFile";
import type { MerchantDetail } from "./types";
import type { Penalty, Restriction } from "../../../types/governance";

/** What a merchant may do now and why, as a tag per ability. */
export function Abilities({ canList, canSell }: { canList: boolean; canSell: boolean }) {
  const { t } = useTranslation();
  const ability = (ok: boolean, label: string, testId: string) => (
    <Tag color={ok ? "green" : "red"} icon={ok ? <CheckCircleFilled /> : <CloseCircleFilled />} data-testid={testId} data-allowed={ok ? "true" : "false"}>
      {label} · {ok ? t("consoleGov.standing.allowed") : t("consoleGov.standing.blocked")}
    </Tag>
  );
  return (
    <Space size={[4, 4]} wrap>
      {ability(canList, t("consoleGov.standing.canList"), "ability-list")}
      {ability(canSell, t("consoleGov.standing.canSell"), "ability-sell")}
    </Space>
  );
}

function RestrictionLine({ r }: { r: Restriction }) {
  const { t } = useTranslation();
  const until = r.until ? t("consoleGov.standing.until", { date: formatDateTime(r.until) }) : r.kind === "qualification_hold" ? t("consoleGov.standing.untilRenewed") : t("consoleGov.standing.untilOpen");
  return (
    <Flex gap={8} wrap align="center" data-testid={`restriction-${r.kind}`}>
      <Tag color={r.kind === "qualification_hold" ? "magenta" : "volcano"}>{restrictionName(r.kind)}</Tag>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t("consoleGov.standing.sinceUntil", { since: t("consoleGov.standing.since", { date: formatDateTime(r.since) }), until })}
      </Typography.Text>
      {r.penaltyId ? <Link to={`/admin/penalties/${r.penaltyId}`}>{t("consoleGov.standing.viewPenalty")}</Link> : null}
    </Flex>
  );
}

/** The merchant drawer's governance part: standing, qualification file, penalties (M3, M6). */
export function MerchantGovernance({ merchant }: { merchant: MerchantDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const penalties = usePenalties({ merchantId: merchant.id });
  const [issuing, setIssuing] = useState(false);
  return (
    <div data-testid="merchant-governance">
      <Divider titlePlacement="start" plain>
        {t("consoleGov.merchant.restrictions")}
      </Divider>
      <div data-testid="merchant-restrictions">
        {merchant.restrictions.length ? (
          <Space orientation="vertical" size={8} style={{ width: "100%" }}>
            {merchant.restrictions.map((r, i) => (
              <RestrictionLine key={r.penaltyId ?? `${r.kind}-${i}`} r={r} />
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t("consoleGov.standing.noRestrictions")}</Typography.Text>
        )}
      </div>

      {can("merchant.review") ? (
        <>
          <Divider titlePlacement="start" plain>
            {t("consoleGov.merchant.qualifications")}
          </Divider>
          <QualificationFile merchantId={merchant.id} compact />
          <div style={{ marginTop: 8 }}>
            <Link to={`/admin/merchants/${merchant.id}/qualifications`} data-testid="merchant-qualification-file">
              {t("consoleGov.qualFile.openFull")}
            </Link>
          </div>
        </>
      ) : null}

      <Divider titlePlacement="start" plain>
        {t("consoleGov.merchant.penalties")}
      </Divider>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Link to={`/admin/penalties?merchantId=${merchant.id}`}>{t("consoleGov.merchant.allPenalties")}</Link>
        {can("merchant.penalize") ? (
          <Button danger icon={<PlusOutlined />} onClick={() => setIssuing(true)} data-testid="merchant-issue-penalty">
            {t("consoleGov.merchant.issue")}
          </Button>
        ) : null}
      </Flex>
      <GovErrorAlert error={penalties.error} style={{ marginBottom: 8 }} />
      <Table<Penalty>
        rowKey="id"
        size="small"
        loading={penalties.isPending}
        dataSource={penalties.data?.items ?? []}
        pagination={{ pageSize: 5, hideOnSinglePage: true, size: "small" }}
        locale={{ emptyText: emptyText(t("consoleGov.merchant.noPenalties")) }}
        data-testid="merchant-penalties"
        onRow={(p) => ({ onClick: () => navigate(`/admin/penalties/${p.id}`), style: { cursor: "pointer" }, "data-testid": `merchant-penalty-${p.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("consoleGov.penalties.kind"),
            dataIndex: "kind",
            width: 190,
            render: (k: string, p) => (
              <Space size={4} wrap>
                <PenaltyKindTag kind={k} />
                <PenaltyStatusTag status={p.status} />
              </Space>
            ),
          },
          {
            title: t("consoleGov.penalty.reason"),
            dataIndex: "reason",
            render: (v: string, p) => (
              <div style={{ minWidth: 0 }}>
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                  <Link to={`/admin/penalties/${p.id}`} onClick={(e) => e.stopPropagation()} style={{ color: "inherit" }}>
                    {v}
                  </Link>
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {penaltyPeriod(p)}
                </Typography.Text>
              </div>
            ),
          },
        ]}
      />
      <IssuePenaltyModal open={issuing} merchant={{ id: merchant.id, name: merchant.name }} onClose={() => setIssuing(false)} />
    </div>
  );
}
