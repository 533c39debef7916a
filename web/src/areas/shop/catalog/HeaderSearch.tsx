import { useEffect, useState } from "react";
import { Input } from "antd";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate, useSearchParams } from "react-router-dom";

/** The storefront header's search box: submits to /search, and shows the words searched for there. */
export function HeaderSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const searched = pathname === "/search" ? (params.get("q") ?? "") : "";
  const [value, setValue] = useState(searched);
  useEffect(() => setValue(searched), [searched]);
  return (
    <Input.Search
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onSearch={(v) => {
        const q = v.trim();
        if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
      }}
      placeholder={t("shopCat.searchBox.placeholder")}
      enterButton={t("common.search")}
      maxLength={100}
      allowClear
      style={{ maxWidth: 460, flex: 1, minWidth: 160 }}
      data-testid="header-search"
      aria-label={t("shopCat.searchBox.placeholder")}
    />
  );
}
