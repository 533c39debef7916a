import { Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { PersonalisedSwitch } from "./personalised";
import { SORTS } from "./queries";
import type { Sort } from "./queries";

/** Reads the `sort` search parameter; anything unknown is the default order. */
export const sortParam = (v: string | null): Sort | undefined => SORTS.find((s) => s === v);

/** The search parameters with another order (none: the default). */
export function withSort(params: URLSearchParams, sort: Sort | undefined): URLSearchParams {
  const next = new URLSearchParams(params);
  if (sort) next.set("sort", sort);
  else next.delete("sort");
  return next;
}

/**
 * 综合 / price ↑ / price ↓ / sales / newest, with the personalised-ranking switch (MK5).
 * `relevance` is only offered with a search: without words there is nothing to rank by,
 * and the default order (综合) is then the newest first.
 */
export function SortBar({ value, onChange, search }: { value: Sort | undefined; onChange: (sort: Sort | undefined) => void; search: boolean }) {
  const { t } = useTranslation();
  const sorts = SORTS.filter((s) => s !== "relevance");
  const current = value === "relevance" || !value ? "default" : value;
  return (
    <div style={{ background: "#fff", borderRadius: 8, padding: "0 16px", marginBottom: 12 }} data-testid="sort-bar">
      <Tabs
        size="small"
        activeKey={current}
        onChange={(k) => onChange(k === "default" ? undefined : (k as Sort))}
        items={[
          { key: "default", label: <span data-testid="sort-default">{t(search ? "shopCat.sort.relevance" : "shopCat.sort.default")}</span> },
          ...sorts.map((s) => ({ key: s, label: <span data-testid={`sort-${s}`}>{t(`shopCat.sort.${s}`)}</span> })),
        ]}
        tabBarExtraContent={<PersonalisedSwitch />}
        tabBarStyle={{ marginBottom: 0 }}
      />
    </div>
  );
}
