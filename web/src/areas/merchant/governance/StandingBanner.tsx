import { Alert, Flex, Space, Typography } from "antd";
import { CheckCircleFilled, CloseCircleFilled } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { formatDateTime } from "../../../components/format";
import { penaltyNoun, StandingTag } from "./labels";
import type { Restriction, Standing } from "../../../types/governance";

/** Why the shop is restricted, one line per restriction, with where to fix it. */
function RestrictionLine({ r }: { r: Restriction }) {
  const { t } = useTranslation();
  if (r.kind === "qualification_hold") {
    return (
      <li data-testid="restriction-qualification_hold">
        {t("portalGov.standing.hold", { since: formatDateTime(r.since) })} <Link to="/merchant/qualifications">{t("portalGov.standing.fixHold")}</Link>
      </li>
    );
  }
  const kind = penaltyNoun(r.kind);
  return (
    <li data-testid={`restriction-${r.kind}`}>
      {r.until
        ? t("portalGov.standing.penaltyUntil", { kind, since: formatDateTime(r.since), until: formatDateTime(r.until) })
        : t("portalGov.standing.penaltyOpen", { kind, since: formatDateTime(r.since) })}{" "}
      <Link to="/merchant/penalties">{t("portalGov.standing.fixPenalty")}</Link>
    </li>
  );
}

/** A standing banner while the shop may not do everything (restricted, suspended, closed, on hold). */
export function StandingBanner({ standing }: { standing: Standing }) {
  const { t } = useTranslation();
  if (standing.status === "active" && standing.restrictions.length === 0) return null;
  return (
    <Alert
      type={standing.status === "restricted" || standing.status === "active" ? "warning" : "error"}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="standing-banner"
      data-status={standing.status}
      title={t(`portalGov.standing.banner.${standing.status}`)}
      description={
        <ul style={{ margin: "4px 0 0", paddingInlineStart: 20 }}>
          {standing.restrictions.map((r, i) => (
            <RestrictionLine key={`${r.kind}-${r.penaltyId ?? i}`} r={r} />
          ))}
        </ul>
      }
    />
  );
}

function Can({ yes, label }: { yes: boolean; label: string }) {
  return (
    <Space size={6}>
      {yes ? <CheckCircleFilled style={{ color: "#52c41a" }} /> : <CloseCircleFilled style={{ color: "#cf1322" }} />}
      <Typography.Text>{label}</Typography.Text>
    </Space>
  );
}

/** The standing in a few words: status, whether the shop may list and sell, and the restrictions. */
export function StandingSummary({ standing }: { standing: Standing }) {
  const { t } = useTranslation();
  return (
    <div data-testid="standing-summary">
      <Flex gap={24} wrap align="center">
        <StandingTag status={standing.status} />
        <Can yes={standing.canList} label={standing.canList ? t("portalGov.standing.canList") : t("portalGov.standing.cannotList")} />
        <Can yes={standing.canSell} label={standing.canSell ? t("portalGov.standing.canSell") : t("portalGov.standing.cannotSell")} />
      </Flex>
      {standing.restrictions.length ? (
        <ul style={{ margin: "12px 0 0", paddingInlineStart: 20 }}>
          {standing.restrictions.map((r, i) => (
            <RestrictionLine key={`${r.kind}-${r.penaltyId ?? i}`} r={r} />
          ))}
        </ul>
      ) : (
        <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
          {t("portalGov.standing.noRestrictions")}
        </Typography.Paragraph>
      )}
    </div>
  );
}
