import { Alert, Button, Select, Tag, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { api, isApiError } from "../../../api";
import i18n from "../../../i18n";
import { errorText } from "../../../components/errors";
import { useInventory } from "../context";
import type { AlertKind, AlertList, MonthlyReport, ReplenishmentPlan, WarehouseRef } from "./types";

// Shared by the alerts, replenishment and monthly report screens.

const insightKey = (apiBase: string) => ["inventory", apiBase, "insight"] as const;

export function useAlerts(filter: { warehouseId?: string; kind?: AlertKind }) {
  const place = useInventory();
  return useQuery({
    queryKey: [...insightKey(place.api), "alerts", filter],
    queryFn: () => api<AlertList>(`${place.api}/alerts`, { query: filter }),
    placeholderData: (previous) => previous,
  });
}

export function useReplenishment(filter: { warehouseId?: string }) {
  const place = useInventory();
  return useQuery({ queryKey: [...insightKey(place.api), "replenishment", filter], queryFn: () => api<ReplenishmentPlan>(`${place.api}/replenishment`, { query: filter }) });
}

export function useMonthlyReport(filter: { warehouseId?: string; month?: string }) {
  const place = useInventory();
  return useQuery({
    queryKey: [...insightKey(place.api), "report", filter],
    queryFn: () => api<MonthlyReport>(`${place.api}/reports/monthly`, { query: filter }),
    placeholderData: (previous) => previous,
  });
}

/** A download link of the API (the session cookie goes along with a plain GET). */
export function apiFileUrl(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ""}`;
}

/** One filter value kept in the address, so a view can be shared and reloaded. */
export function useParam(name: string): [string | undefined, (value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? undefined;
  const set = (next: string | undefined) =>
    setParams(
      (p) => {
        const copy = new URLSearchParams(p);
        if (next) copy.set(name, next);
        else copy.delete(name);
        return copy;
      },
      { replace: true },
    );
  return [value, set];
}

export function insightErrorText(err: unknown): string {
  if (isApiError(err)) {
    const key = `invAlert.errors.${err.code}`;
    if (i18n.exists(key)) return i18n.t(key as never);
  }
  return errorText(err);
}

export function InsightError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={insightErrorText(error)}
      style={{ marginBottom: 16 }}
      data-testid="error-alert"
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t("invAlert.common.retry")}
          </Button>
        ) : undefined
      }
    />
  );
}

export function WarehouseFilter({ value, onChange, warehouses, loading }: { value: string | undefined; onChange: (v: string | undefined) => void; warehouses: WarehouseRef[] | undefined; loading?: boolean }) {
  const { t } = useTranslation();
  const { platform } = useInventory();
  return (
    <Select<string>
      value={value ?? ""}
      onChange={(v) => onChange(v || undefined)}
      loading={loading}
      style={{ minWidth: 240 }}
      data-testid="insight-warehouse"
      aria-label={t("invAlert.common.warehouse")}
      options={[
        { value: "", label: t("invAlert.common.allWarehouses") },
        ...(warehouses ?? []).map((w) => ({
          value: w.id,
          label: (
            <span data-testid={`warehouse-option-${w.code}`}>
              {w.code} · {w.name}
              {!platform && w.platform ? (
                <Tag style={{ marginInlineStart: 6 }} variant="filled">
                  {t("invAlert.common.platform")}
                </Tag>
              ) : null}
            </span>
          ),
        })),
      ]}
    />
  );
}

/** Product title, SKU code and (in the console, for goods of a shop) whose goods they are. */
export function ProductCell({ title, skuCode, owner }: { title: string; skuCode: string; owner?: string | null }) {
  return (
    <div style={{ minWidth: 0 }}>
      <div>{title}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <span style={{ fontFamily: "monospace" }} data-testid="sku-code">
          {skuCode}
        </span>
        {owner ? ` · ${owner}` : null}
      </Typography.Text>
    </div>
  );
}

export function WarehouseCell({ warehouse }: { warehouse: WarehouseRef }) {
  return (
    <div>
      <div style={{ fontFamily: "monospace" }}>{warehouse.code}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {warehouse.name}
      </Typography.Text>
    </div>
  );
}

const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
export const num = (n: number) => numberFormat.format(n);
