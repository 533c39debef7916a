import type { ReactNode } from "react";
import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { passwordRules, PasswordPolicyHint } from "../auth/passwordPolicy";

// The fields of an account (login, display name, new password with the policy hint,
// confirmation), shared by every form that creates or changes one. Each takes the
// field's name in its form and, where a form shows it differently, its label and input.

/** The display name: required, at most 40 characters. */
export function DisplayNameField({ name = "displayName", label, children = <Input /> }: { name?: string; label: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[
        { required: true, whitespace: true, message: t("profile.displayNameRequired") },
        { max: 40, message: t("profile.displayNameTooLong", { max: 40 }) },
      ]}
    >
      {children}
    </Form.Item>
  );
}

/**
 * A new password checked against the policy, with the policy's checklist below it.
 * `loginName`: the form's login field, which the password must not contain (none on the account page).
 */
export function NewPasswordField({
  name = "password",
  label,
  loginName,
  children = <Input.Password autoComplete="new-password" />,
}: {
  name?: string;
  label: ReactNode;
  loginName?: string;
  children?: ReactNode;
}) {
  const form = Form.useFormInstance();
  const password = (Form.useWatch(name, form) as string | undefined) ?? "";
  // Hooks run unconditionally: without a login field this watches the password again and is ignored.
  const login = (Form.useWatch(loginName ?? name, form) as string | undefined) ?? "";
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        rules={passwordRules(loginName ? () => form.getFieldValue(loginName) as string | undefined : undefined)}
        dependencies={loginName ? [loginName] : undefined}
      >
        {children}
      </Form.Item>
      <PasswordPolicyHint password={password} login={loginName ? login : undefined} />
    </>
  );
}

/** "confirm": must repeat the password typed in `passwordName`. */
export function ConfirmPasswordField({ passwordName, children = <Input.Password autoComplete="new-password" /> }: { passwordName: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="confirm"
      label={t("password.confirm")}
      dependencies={[passwordName]}
      rules={[
        { required: true, message: t("password.confirmRequired") },
        ({ getFieldValue }) => ({
          validator: async (_r, v: string | undefined) => {
            if (v && v !== getFieldValue(passwordName)) throw new Error(t("password.mismatch"));
          },
        }),
      ]}
    >
      {children}
    </Form.Item>
  );
}

export interface AccountFieldNames {
  login: string;
  displayName: string;
  password: string;
}

/**
 * Login, display name and initial password of an account someone else creates
 * (platform staff, a merchant's owner or staff). `names`: where the form keeps them.
 */
export function AccountFields({
  names = { login: "login", displayName: "displayName", password: "password" },
  loginExtra,
}: {
  names?: AccountFieldNames;
  loginExtra: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name={names.login} label={t("users.login")} extra={loginExtra} rules={[{ required: true, whitespace: true, message: t("users.loginRequired") }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <DisplayNameField name={names.displayName} label={t("users.displayName")} />
      <NewPasswordField name={names.password} label={t("users.initialPassword")} loginName={names.login} />
    </>
  );
}
