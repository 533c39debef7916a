import { useMemo, useState } from "react";
import { Alert, Button, Card, DatePicker, Flex, Form, Input, Space, Table, Tooltip, Typography } from "antd";
import { SafetyCertificateOutlined, SearchOutlined } from "@ant-design/icons";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Dayjs } from "dayjs";
import { api } from "../../api";
import type { AuditEntry, AuditVerify, Page } from "../../api";
import { useSession } from "../../auth/session";
import { ErrorAlert } from "../../components/errors";
import { formatDateTimeSeconds, formatSummary, shortId } from "../../components/format";
import { emptyText } from "../../components/labels";
import { PageHeader } from "../../components/PageHeader";

const PAGE_SIZE = 50;

interface Filters {
  action?: string;
  entityType?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

interface FilterForm {
  action?: string;
  entityType?: string;
  actorId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** The tamper-evident audit log (S3): filter, page with a cursor, verify the hash chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<Filters>({});

  const audit = useInfiniteQuery({
    queryKey: ["admin", "audit", "list", filters],
    initialPageParam: "" as string,
    queryFn: ({ pageParam }) => api<Page<AuditEntry>>("/admin/audit", { query: { ...filters, cursor: pageParam, limit: PAGE_SIZE } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => audit.data?.pages.flatMap((p) => p.items) ?? [], [audit.data]);

  const verify = useMutation({ mutationFn: () => api<AuditVerify>("/admin/audit/verify") });
  const brokenSeq = verify.data && !verify.data.ok ? verify.data.firstBroken.seq : null;

  const apply = (v: FilterForm) => {
    const [from, to] = v.range ?? [];
    setFilters({
      action: v.action?.trim() || undefined,
      entityType: v.entityType?.trim() || undefined,
      actorId: v.actorId?.trim() || undefined,
      from: from ? from.startOf("day").toISOString() : undefined,
      to: to ? to.endOf("day").toISOString() : undefined,
    });
  };

  return (
    <div data-testid="admin-audit">
      <PageHeader title={t("audit.title")}>
        {can("audit.verify") ? (
          <Button icon={<SafetyCertificateOutlined />} onClick={() => verify.mutate()} loading={verify.isPending} data-testid="audit-verify">
            {t("audit.verify")}
          </Button>
        ) : null}
      </PageHeader>
      {verify.isError ? <ErrorAlert error={verify.error} style={{ marginBottom: 16 }} /> : null}
      {verify.data ? (
        verify.data.ok ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="audit-verify-ok"
            title={t("audit.verifyOk", { count: verify.data.checked })}
            description={verify.data.lastSeq != null ? t("audit.verifyOkLast", { seq: verify.data.lastSeq }) : undefined}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="audit-verify-broken"
            title={<span style={{ color: "#cf1322" }}>{t("audit.verifyBroken", { seq: verify.data.firstBroken.seq })}</span>}
            description={
              <span style={{ color: "#cf1322" }}>
                {t("audit.verifyBrokenReason", { reason: verify.data.firstBroken.reason, count: verify.data.checked })}
              </span>
            }
          />
        )
      ) : null}
      <Card>
        <Form<FilterForm> form={form} layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 12 }}>
          <Form.Item name="action" label={t("audit.actionPrefix")}>
            <Input allowClear placeholder={t("audit.actionPlaceholder")} style={{ width: 180 }} data-testid="audit-action" />
          </Form.Item>
          <Form.Item name="entityType" label={t("audit.entityType")}>
            <Input allowClear placeholder={t("audit.entityTypePlaceholder")} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="actorId" label={t("audit.actorId")}>
            <Input allowClear style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="range" label={t("audit.dateRange")}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-filter">
                {t("common.search")}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                }}
              >
                {t("common.reset")}
              </Button>
            </Space>
          </Form.Item>
        </Form>
        {audit.isError ? <ErrorAlert error={audit.error} style={{ marginBottom: 16 }} /> : null}
        <Table<AuditEntry>
          rowKey="seq"
          size="small"
          loading={audit.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1300 }}
          locale={{ emptyText: emptyText(t("audit.empty")) }}
          rowClassName={(r) => (r.seq === brokenSeq ? "sg-broken-row" : "")}
          onRow={(r) => (r.seq === brokenSeq ? ({ "data-testid": "audit-broken-row" } as React.HTMLAttributes<HTMLElement>) : {})}
          columns={[
            { title: t("audit.seq"), dataIndex: "seq", width: 70, fixed: "left" },
            { title: t("audit.at"), dataIndex: "at", width: 170, render: (v: string) => formatDateTimeSeconds(v) },
            {
              title: t("audit.actor"),
              key: "actor",
              width: 160,
              render: (_, r) => (
                <Tooltip title={r.actorId ?? ""}>
                  <span>{r.actorLabel ?? (r.actorId ? shortId(r.actorId) : t("audit.system"))}</span>
                </Tooltip>
              ),
            },
            {
              title: t("audit.action"),
              dataIndex: "action",
              width: 190,
              render: (v: string) => (
                <span data-testid="audit-row-action">
                  <Typography.Text code>{v}</Typography.Text>
                </span>
              ),
            },
            {
              title: t("audit.entity"),
              key: "entity",
              width: 180,
              render: (_, r) =>
                r.entityType ? (
                  <Tooltip title={r.entityId ?? ""}>
                    <span>
                      {r.entityType}
                      {r.entityId ? <Typography.Text type="secondary">{` · ${shortId(r.entityId)}`}</Typography.Text> : null}
                    </span>
                  </Tooltip>
                ) : (
                  "—"
                ),
            },
            {
              title: t("audit.summary"),
              dataIndex: "summary",
              render: (v: unknown) => (
                <Typography.Paragraph style={{ fontSize: 13, marginBottom: 0, wordBreak: "break-word" }} ellipsis={{ rows: 2, tooltip: formatSummary(v) }}>
                  {formatSummary(v)}
                </Typography.Paragraph>
              ),
            },
            { title: t("audit.ip"), dataIndex: "ip", width: 120, render: (v: string | null) => v ?? "—" },
            {
              title: t("audit.requestId"),
              dataIndex: "requestId",
              width: 110,
              render: (v: string | null) =>
                v ? (
                  <Tooltip title={v}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {shortId(v)}
                    </Typography.Text>
                  </Tooltip>
                ) : (
                  "—"
                ),
            },
            {
              title: t("audit.hash"),
              dataIndex: "hash",
              width: 110,
              render: (v: string) => (
                <Tooltip title={v}>
                  <Typography.Text code style={{ fontSize: 12 }}>
                    {v.slice(0, 10)}
                  </Typography.Text>
                </Tooltip>
              ),
            },
          ]}
        />
        <Flex justify="center" style={{ marginTop: 16 }}>
          {audit.hasNextPage ? (
            <Button onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage} data-testid="audit-load-more">
              {t("common.loadMore")}
            </Button>
          ) : rows.length > 0 ? (
            <Typography.Text type="secondary">{t("audit.end", { count: rows.length })}</Typography.Text>
          ) : null}
        </Flex>
      </Card>
    </div>
  );
}
