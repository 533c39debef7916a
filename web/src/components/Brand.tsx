import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";

/** The logo mark plus "商管 Shangguan", linking to the storefront. */
export function Brand({ to = "/", subtitle, dark = false }: { to?: string; subtitle?: string; dark?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to={to} style={{ display: "inline-flex", alignItems: "center", gap: 10, textDecoration: "none" }} data-testid="brand">
      <span
        aria-hidden
        style={{
          width: 32,
          height: 32,
          borderRadius: 8,
          background: "linear-gradient(135deg, #c2410c, #ea580c)",
          color: "#fff",
          fontWeight: 700,
          fontSize: 18,
          display: "inline-flex",
          alignItems: "center",
          justifyContent: "center",
          flex: "none",
        }}
      >
        {t("brand.mark")}
      </span>
      <span style={{ display: "inline-flex", flexDirection: "column", lineHeight: 1.15 }}>
        <span style={{ fontWeight: 700, fontSize: 17, color: dark ? "#fff" : "#1f1f1f", whiteSpace: "nowrap" }}>{t("brand.name")}</span>
        {subtitle ? (
          <span style={{ fontSize: 12, color: dark ? "rgba(255,255,255,0.65)" : "#8c8c8c", whiteSpace: "nowrap" }}>{subtitle}</span>
        ) : null}
      </span>
    </Link>
  );
}
