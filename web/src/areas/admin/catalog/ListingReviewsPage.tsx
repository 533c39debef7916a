import { Card, Flex, Table, Tag, Typography } from "antd";
import { WarningOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { api } from "../../../api";
import { formatDateTime } from "../../../components/format";
import { emptyText } from "../../../components/labels";
import { PageHeader } from "../../../components/PageHeader";
import { AgeingTag } from "../applications/ApplicationsPage";
import { CatalogErrorAlert, KeyChangeTags } from "../../merchant/catalog/labels";
import type { ListingQueueItem } from "../../../types/catalog";

export const LISTING_QUEUE_KEY = ["admin", "listing-reviews"] as const;

/** New listings and revisions waiting for a reviewer, oldest first (P3). */
export function ListingReviewsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queue = useQuery({ queryKey: LISTING_QUEUE_KEY, queryFn: () => api<{ items: ListingQueueItem[] }>("/admin/listing-reviews", { query: { limit: 200 } }).then((r) => r.items) });

  return (
    <div data-testid="listing-reviews">
      <PageHeader title={t("catalogAdmin.review.title")} />
      <Typography.Paragraph type="secondary">{t("catalogAdmin.review.intro")}</Typography.Paragraph>
      <Card>
        {queue.isError ? <CatalogErrorAlert error={queue.error} style={{ marginBottom: 16 }} /> : null}
        <Table<ListingQueueItem>
          rowKey="versionId"
          loading={queue.isPending}
          dataSource={queue.data ?? []}
          pagination={false}
          scroll={{ x: 980 }}
          data-testid="listing-queue"
          locale={{ emptyText: emptyText(t("catalogAdmin.review.empty")) }}
          onRow={(r) =>
            ({
              onClick: () => navigate(`/admin/listing-reviews/${r.productId}`),
              style: { cursor: "pointer" },
              "data-testid": `review-row-${r.productId}`,
              "data-title": r.title,
            }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: t("catalogAdmin.fields.title"),
              dataIndex: "title",
              render: (v: string, r) => (
                <Link to={`/admin/listing-reviews/${r.productId}`} onClick={(e) => e.stopPropagation()} data-testid="review-row-title">
                  {v}
                </Link>
              ),
            },
            { title: t("catalogAdmin.review.merchant"), dataIndex: "merchantName", width: 170 },
            {
              title: t("catalogAdmin.review.kind"),
              dataIndex: "revision",
              width: 110,
              render: (rev: boolean, r) => (
                <Tag color={rev ? "purple" : "blue"} data-testid="review-kind">
                  {rev ? t("catalogAdmin.review.revision", { number: r.number }) : t("catalogAdmin.review.new")}
                </Tag>
              ),
            },
            { title: t("catalogAdmin.review.keyChangesColumn"), dataIndex: "keyChanges", width: 170, render: (v: string[], r) => (r.revision ? <KeyChangeTags changes={v} /> : "—") },
            {
              title: t("catalogAdmin.review.warnings"),
              dataIndex: "warnings",
              width: 90,
              render: (n: number) =>
                n ? (
                  <Tag color="orange" icon={<WarningOutlined />}>
                    {n}
                  </Tag>
                ) : (
                  <Typography.Text type="secondary">0</Typography.Text>
                ),
            },
            { title: t("catalogAdmin.review.submittedAt"), dataIndex: "submittedAt", width: 150, render: (v: string | null) => formatDateTime(v) },
            { title: t("catalogAdmin.review.waiting"), dataIndex: "waitingHours", width: 130, render: (h: number | null) => <AgeingTag hours={h} /> },
          ]}
        />
        {queue.data?.length ? (
          <Flex justify="flex-end" style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{t("catalogAdmin.review.count", { count: queue.data.length })}</Typography.Text>
          </Flex>
        ) : null}
      </Card>
    </div>
  );
}
