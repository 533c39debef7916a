import { Button, Flex, Result } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Brand } from "./Brand";
import { LanguageSwitch } from "./LanguageSwitch";

/** A friendly 403: the page exists, but this account may not use it. */
export function Forbidden({ fullPage = false }: { fullPage?: boolean }) {
  const { t } = useTranslation();
  const result = (
    <Result
      status="403"
      title={t("forbidden.title")}
      subTitle={t("forbidden.text")}
      data-testid="forbidden"
      extra={
        <Link to="/">
          <Button type="primary">{t("common.backHome")}</Button>
        </Link>
      }
    />
  );
  if (!fullPage) return result;
  return (
    <div style={{ minHeight: "100vh", background: "#f5f5f5" }}>
      <Flex justify="space-between" align="center" style={{ padding: "12px 24px", background: "#fff" }}>
        <Brand />
        <LanguageSwitch />
      </Flex>
      {result}
    </div>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t("notFound.title")}
      subTitle={t("notFound.text")}
      data-testid="not-found"
      extra={
        <Link to="/">
          <Button type="primary">{t("common.backHome")}</Button>
        </Link>
      }
    />
  );
}
