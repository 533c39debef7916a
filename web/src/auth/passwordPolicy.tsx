import { Typography } from "antd";
import { CheckCircleFilled, CloseCircleOutlined, InfoCircleOutlined } from "@ant-design/icons";
import type { Rule } from "antd/es/form";
import { useTranslation } from "react-i18next";
import i18n from "../i18n";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export function passwordClasses(pw: string): number {
  let n = 0;
  if (/[a-z]/.test(pw)) n++;
  if (/[A-Z]/.test(pw)) n++;
  if (/[0-9]/.test(pw)) n++;
  if (/[^A-Za-z0-9]/.test(pw)) n++;
  return n;
}

export interface PolicyCheck {
  length: boolean;
  maxLength: boolean;
  classes: boolean;
  /** null when the login is not known (e.g. masked on the account page). */
  noLogin: boolean | null;
}

/** The part of a login a password must not contain (the server's rule: the name before "@"). */
function loginCore(login: string | null | undefined): string | null {
  const bare = (login ?? "").trim().toLowerCase().split("@")[0] ?? "";
  return bare.length >= 3 ? bare : null;
}

export function checkPassword(pw: string, login?: string | null): PolicyCheck {
  const core = loginCore(login);
  return {
    length: pw.length >= PASSWORD_MIN_LENGTH,
    maxLength: pw.length <= PASSWORD_MAX_LENGTH,
    classes: passwordClasses(pw) >= 3,
    noLogin: core ? !pw.toLowerCase().includes(core) : null,
  };
}

/** Form rules enforcing the password policy; `getLogin` returns the login typed in the same form. */
export function passwordRules(getLogin?: () => string | undefined): Rule[] {
  return [
    { required: true, message: i18n.t("password.required") },
    {
      validator: async (_rule, value: string | undefined) => {
        if (!value) return;
        const c = checkPassword(value, getLogin?.());
        if (!c.length) throw new Error(i18n.t("password.tooShort", { min: PASSWORD_MIN_LENGTH }));
        if (!c.maxLength) throw new Error(i18n.t("password.tooLong", { max: PASSWORD_MAX_LENGTH }));
        if (!c.classes) throw new Error(i18n.t("password.tooSimple"));
        if (c.noLogin === false) throw new Error(i18n.t("password.containsLogin"));
      },
    },
  ];
}

/** The policy, shown next to every new-password field, ticking off as the user types. */
export function PasswordPolicyHint({ password, login }: { password: string; login?: string | null }) {
  const { t } = useTranslation();
  const c = checkPassword(password ?? "", login);
  const line = (ok: boolean | null, text: string, id: string) => (
    <div key={id} data-testid={`policy-${id}`} style={{ display: "flex", gap: 6, alignItems: "center" }}>
      {ok === null || !password ? (
        <InfoCircleOutlined style={{ color: "#8c8c8c" }} />
      ) : ok ? (
        <CheckCircleFilled style={{ color: "#52c41a" }} />
      ) : (
        <CloseCircleOutlined style={{ color: "#ff4d4f" }} />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {text}
      </Typography.Text>
    </div>
  );
  return (
    <div style={{ margin: "-8px 0 16px" }} data-testid="password-policy">
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t("password.policyTitle")}
      </Typography.Text>
      {line(c.length, t("password.ruleLength", { min: PASSWORD_MIN_LENGTH }), "length")}
      {line(c.classes, t("password.ruleClasses"), "classes")}
      {line(c.noLogin, t("password.ruleNoLogin"), "login")}
    </div>
  );
}
