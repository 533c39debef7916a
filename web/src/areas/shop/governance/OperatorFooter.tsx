import { Fragment } from "react";
import type { ReactNode } from "react";
import { Divider, Layout, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { contactHref, useOperator } from "./queries";

const muted = { color: "#8c8c8c", fontSize: 12 } as const;

/** One line of the footer: its parts separated by thin bars, wrapping on narrow screens. */
function Line({ parts, testId }: { parts: ReactNode[]; testId: string }) {
  const shown = parts.filter(Boolean);
  if (shown.length === 0) return null;
  return (
    <div style={{ ...muted, lineHeight: "22px" }} data-testid={testId}>
      {shown.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <Divider orientation="vertical" style={{ borderColor: "#d9d9d9" }} /> : null}
          <span style={{ display: "inline-block" }}>{part}</span>
        </Fragment>
      ))}
    </div>
  );
}

/** A web or mail address as a link, anything else (a hotline) as text. */
export function ContactValue({ value, style }: { value: string; style?: React.CSSProperties }) {
  const href = contactHref(value);
  if (!href) return <>{value}</>;
  return (
    <a href={href} target={href.startsWith("mailto:") ? undefined : "_blank"} rel="noopener noreferrer" style={style}>
      {value}
    </a>
  );
}

/**
 * The storefront footer (G2): the operator's name, licences, filings, service contact and
 * complaint channels on every page, compact and centred as Chinese shops show them.
 */
export function OperatorFooter() {
  const { t } = useTranslation();
  const { data: o } = useOperator();
  const empty = o && !o.companyName && !o.licences.length && !o.filings.length && !o.complaintChannels.length && !o.contact.phone && !o.contact.email;
  return (
    <Layout.Footer style={{ background: "#fff", borderTop: "1px solid #f0f0f0", padding: "20px 24px 24px", textAlign: "center" }} data-testid="shop-footer">
      <div style={{ maxWidth: 1200, margin: "0 auto", display: "flex", flexDirection: "column", gap: 2 }}>
        <div style={{ marginBottom: 8 }} data-testid="footer-links">
          <Link to="/about">{t("publicGov.footer.about")}</Link>
          <Divider orientation="vertical" />
          <Link to="/rules">{t("publicGov.footer.rules")}</Link>
          <Divider orientation="vertical" />
          <Link to="/privacy">{t("publicGov.footer.privacy")}</Link>
        </div>
        {o ? (
          <>
            <Line
              testId="footer-operator"
              parts={[
                o.companyName ? `${t("publicGov.footer.operator")}${o.companyName}` : null,
                o.contact.phone ? `${t("publicGov.footer.phone")}${o.contact.phone}` : null,
                o.contact.email ? (
                  <>
                    {t("publicGov.footer.email")}
                    <ContactValue value={o.contact.email} style={muted} />
                  </>
                ) : null,
              ]}
            />
            <Line testId="footer-licence" parts={o.licences.map((l) => `${t("common.labelColon", { label: l.name })}${l.number}`)} />
            <Line
              testId="footer-filings"
              parts={o.filings.map((f) =>
                f.url ? (
                  <a href={f.url} target="_blank" rel="noopener noreferrer" style={muted} title={f.name}>
                    {f.number}
                  </a>
                ) : (
                  <span title={f.name}>{f.number}</span>
                ),
              )}
            />
            <Line
              testId="footer-complaints"
              parts={o.complaintChannels.map((c, i) => (
                <>
                  {i === 0 ? t("publicGov.footer.complaints") : null}
                  {`${c.name} `}
                  <ContactValue value={c.contact} style={muted} />
                  {c.hours ? t("publicGov.footer.hours", { hours: c.hours }) : null}
                </>
              ))}
            />
            {empty ? (
              <div style={muted} data-testid="footer-not-published">
                {t("publicGov.footer.notPublished")}
              </div>
            ) : null}
          </>
        ) : null}
        <Typography.Text style={{ ...muted, marginTop: 8 }}>{t("footer.copyright", { year: new Date().getFullYear() })}</Typography.Text>
      </div>
    </Layout.Footer>
  );
}
