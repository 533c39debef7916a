import { useSyncExternalStore } from "react";
import { Space, Switch, Tooltip, Typography } from "antd";
import { QuestionCircleOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";

// MK5: buyers may switch personalised ranking off; the choice stays in this browser.
const KEY = "sg.personalised";
const listeners = new Set<() => void>();

function stored(): boolean {
  try {
    return window.localStorage.getItem(KEY) !== "false";
  } catch {
    return true;
  }
}

// Kept here too: without storage (private mode) the choice still lasts for this page.
let current = stored();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePersonalised(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, () => current, () => true);
  const set = (value: boolean) => {
    current = value;
    try {
      window.localStorage.setItem(KEY, String(value));
    } catch {
      // storage unavailable: nothing to remember, the default applies next time
    }
    listeners.forEach((l) => l());
  };
  return [on, set];
}

export function PersonalisedSwitch() {
  const { t } = useTranslation();
  const [on, set] = usePersonalised();
  return (
    <Space size={6} align="center">
      <Switch size="small" checked={on} onChange={set} data-testid="personalised-switch" aria-label={t("shopCat.personalised.label")} />
      <Typography.Text style={{ fontSize: 13 }}>{t("shopCat.personalised.label")}</Typography.Text>
      <Tooltip title={t("shopCat.personalised.help")}>
        <QuestionCircleOutlined style={{ color: "#8c8c8c" }} aria-label={t("shopCat.personalised.helpLabel")} />
      </Tooltip>
    </Space>
  );
}
