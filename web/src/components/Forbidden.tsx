import { Button, Flex, Result } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Brand } from "./Brand";
import { LanguageSwitch } from "./LanguageSwitch";

/** What each error page says, by its status. */
const PAGES = {
  "403": { title: "forbidden.title", text: "forbidden.text", testId: "forbidden" },
  "404": { title: "notFound.title", text: "notFound.text", testId: "not-found" },
} as const;

/** An error page (what is missing may be said more precisely) with a way back, to the home page unless given. */
export function ErrorResult({ status, title, text, back }: { status: keyof typeof PAGES; title?: string; text?: string; back?: { to: string; label: string } }) {
  const { t } = useTranslation();
  const page = PAGES[status];
  return (
    <Result
      status={status}
      title={title ?? t(page.title)}
      subTitle={text ?? t(page.text)}
      data-testid={page.testId}
      extra={
        <Link to={back?.to ?? "/"}>
          <Button type="primary">{back?.label ?? t("common.backHome")}</Button>
        </Link>
      }
    />
  );
}

/** A friendly 403: the page exists, but this account may not use it. */
export function Forbidden({ fullPage = false }: { fullPage?: boolean }) {
  const result = <ErrorResult status="403" />;
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
  return <ErrorResult status="404" />;
}
