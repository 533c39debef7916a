import { useState } from "react";
import type { ReactNode } from "react";
import { App, Modal } from "antd";
import type { FormInstance } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import type { QueryKey } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { applyFormErrors, ErrorAlert } from "./errors";

/**
 * A dialog around a form (`children`) that creates something. On OK: validates the
 * form, sends its values with `create`, says `created`, refreshes the queries under
 * `queryKey`, resets the form and closes. The server's validation issues go to the
 * fields `fields` names (see applyFormErrors), any other error above the form.
 */
export function CreateModal<T>({
  open,
  onClose,
  title,
  width,
  form,
  create,
  created,
  queryKey,
  fields,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  width?: number;
  form: FormInstance<T>;
  create: (values: T) => Promise<unknown>;
  created: string;
  queryKey: QueryKey;
  fields: string[] | Record<string, string>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    setSaving(true);
    try {
      await create(v);
      message.success(created);
      await queryClient.invalidateQueries({ queryKey });
      form.resetFields();
      onClose();
    } catch (e) {
      if (!applyFormErrors(form, e, fields)) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t("common.create")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      forceRender
      width={width}
    >
      <ErrorAlert error={error} style={{ marginBottom: 16 }} />
      {children}
    </Modal>
  );
}
