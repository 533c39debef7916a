import { Segmented } from "antd";
import { GlobalOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { setLanguage } from "../i18n";
import type { Language } from "../i18n";

/** The visible language switch of every header; the choice is kept in localStorage `sg.lang`. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value: Language = i18n.language === "en-US" ? "en-US" : "zh-CN";
  return (
    <span style={{ display: "inline-flex", alignItems: "center", gap: 6 }} title={t("lang.label")}>
      <GlobalOutlined aria-label={t("lang.label")} style={{ color: "#8c8c8c" }} />
      <Segmented<Language>
        size="small"
        data-testid="lang-switch"
        value={value}
        onChange={(v) => void setLanguage(v)}
        options={[
          { label: <span data-testid="lang-zh-CN">{t("lang.zhCN")}</span>, value: "zh-CN" },
          { label: <span data-testid="lang-en-US">{t("lang.enUS")}</span>, value: "en-US" },
        ]}
      />
    </span>
  );
}
