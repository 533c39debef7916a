import { Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Table, Typography } from "antd";
import { FileProtectOutlined, RightOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useEffect } from "react";
import { Link, useLocation } from "react-router-dom";
import { ErrorAlert } from "../../../components/errors";
import { formatDateTime } from "../../../components/format";
import { ContactValue } from "./OperatorFooter";
import { useOperator } from "./queries";
import type { Operator } from "./queries";

/** A storefront page's title and lead paragraph. */
export function StoreHeading({ title, intro }: { title: React.ReactNode; intro?: React.ReactNode }) {
  return (
    <div style={{ marginBottom: 20 }}>
      <Typography.Title level={2} style={{ marginTop: 0, marginBottom: intro ? 8 : 0 }}>
        {title}
      </Typography.Title>
      {intro ? (
        <Typography.Paragraph type="secondary" style={{ maxWidth: 820, marginBottom: 0 }}>
          {intro}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}

const none = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ margin: "8px 0" }} />;

function OperatorCards({ o }: { o: Operator }) {
  const { t } = useTranslation();
  const contact = [
    { key: "phone", label: t("publicGov.about.phone"), value: o.contact.phone },
    { key: "email", label: t("publicGov.about.email"), value: o.contact.email },
    { key: "hours", label: t("publicGov.about.hours"), value: o.contact.hours },
  ].filter((c) => c.value);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          <Card title={t("publicGov.about.operator")} data-testid="about-operator">
            <Descriptions
              column={1}
              bordered
              size="small"
              styles={{ label: { width: 160 } }}
              items={[
                { key: "name", label: t("publicGov.about.companyName"), children: o.companyName || "—" },
                ...(o.contact.address ? [{ key: "address", label: t("publicGov.about.address"), children: o.contact.address }] : []),
                { key: "updated", label: t("publicGov.about.updatedAt"), children: formatDateTime(o.updatedAt) },
              ]}
            />
          </Card>
          <Card title={t("publicGov.about.licences")} data-testid="about-licences">
            {o.licences.length === 0 ? (
              none(t("publicGov.about.noLicences"))
            ) : (
              <Table
                size="small"
                pagination={false}
                rowKey={(l) => `${l.name}-${l.number}`}
                dataSource={o.licences}
                columns={[
                  { title: t("publicGov.about.licenceName"), dataIndex: "name" },
                  { title: t("publicGov.about.number"), dataIndex: "number" },
                  { title: t("publicGov.about.issuer"), dataIndex: "issuer", render: (v?: string) => v || "—" },
                ]}
              />
            )}
          </Card>
          <Card title={t("publicGov.about.filings")} data-testid="about-filings">
            {o.filings.length === 0 ? (
              none(t("publicGov.about.noFilings"))
            ) : (
              <Table
                size="small"
                pagination={false}
                rowKey={(f) => `${f.name}-${f.number}`}
                dataSource={o.filings}
                columns={[
                  { title: t("publicGov.about.filingName"), dataIndex: "name" },
                  {
                    title: t("publicGov.about.number"),
                    dataIndex: "number",
                    render: (v: string, f) =>
                      f.url ? (
                        <a href={f.url} target="_blank" rel="noopener noreferrer">
                          {v}
                        </a>
                      ) : (
                        v
                      ),
                  },
                ]}
              />
            )}
          </Card>
        </Space>
      </Col>
      <Col xs={24} lg={10}>
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          <Card title={t("publicGov.about.contact")} data-testid="about-contact">
            {contact.length === 0 ? (
              none(t("publicGov.about.noContact"))
            ) : (
              <Descriptions
                column={1}
                size="small"
                items={contact.map((c) => ({ key: c.key, label: c.label, children: <ContactValue value={c.value!} /> }))}
              />
            )}
          </Card>
          <Card title={t("publicGov.about.complaints")} id="complaints" style={{ scrollMarginTop: 80 }} data-testid="about-complaints">
            {o.complaintChannels.length === 0 ? (
              none(t("publicGov.about.noComplaints"))
            ) : (
              <Space orientation="vertical" size={12} style={{ width: "100%" }}>
                {o.complaintChannels.map((c) => (
                  <div key={`${c.name}-${c.contact}`}>
                    <Typography.Text strong>{c.name}</Typography.Text>
                    <div>
                      <ContactValue value={c.contact} />
                      {c.hours ? <Typography.Text type="secondary">{t("publicGov.footer.hours", { hours: c.hours })}</Typography.Text> : null}
                    </div>
                  </div>
                ))}
              </Space>
            )}
          </Card>
          <RulesCard />
        </Space>
      </Col>
    </Row>
  );
}

function RulesCard() {
  const { t } = useTranslation();
  return (
    <Card data-testid="about-rules">
      <Space align="start" size={12}>
        <FileProtectOutlined style={{ fontSize: 24, color: "#c2410c", marginTop: 4 }} />
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t("publicGov.about.rulesTitle")}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t("publicGov.about.rulesText")}</Typography.Paragraph>
          <Link to="/rules">
            <Button type="primary" ghost icon={<RightOutlined />} iconPlacement="end" data-testid="about-rules-link">
              {t("publicGov.about.rulesLink")}
            </Button>
          </Link>
        </div>
      </Space>
    </Card>
  );
}

/** /about: everything the operator publishes about itself (G2). */
export function AboutPage() {
  const { t } = useTranslation();
  const operator = useOperator();
  const { hash } = useLocation();
  const o = operator.data;
  useEffect(() => {
    // /about#complaints (from a shop page) lands on the complaint channels once they are shown.
    if (o && hash) document.getElementById(hash.slice(1))?.scrollIntoView({ block: "start" });
  }, [o, hash]);
  const empty = o && !o.companyName && !o.licences.length && !o.filings.length && !o.complaintChannels.length && !Object.values(o.contact).some(Boolean);
  return (
    <div style={{ padding: "32px 0 48px" }} data-testid="about-page">
      <StoreHeading title={t("publicGov.about.title")} intro={t("publicGov.about.intro")} />
      {operator.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : operator.isError ? (
        <ErrorAlert error={operator.error} />
      ) : empty ? (
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          <Card>
            <Empty description={t("publicGov.about.empty")} data-testid="about-empty" />
          </Card>
          <RulesCard />
        </Space>
      ) : (
        <OperatorCards o={o!} />
      )}
    </div>
  );
}
