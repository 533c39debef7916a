import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import zhCN from "./zh-CN";
import enUS from "./en-US";

export type Language = "zh-CN" | "en-US";
export const LANGUAGES: readonly Language[] = ["zh-CN", "en-US"];
export const LANG_STORAGE_KEY = "sg.lang";

function storedLanguage(): Language {
  try {
    const v = window.localStorage.getItem(LANG_STORAGE_KEY);
    if (v === "zh-CN" || v === "en-US") return v;
  } catch {
    // storage unavailable (private mode): fall back to the default
  }
  return "zh-CN";
}

function applyDocumentLanguage(lng: Language): void {
  document.documentElement.lang = lng;
  dayjs.locale(lng === "zh-CN" ? "zh-cn" : "en");
}

const initial = storedLanguage();

void i18n.use(initReactI18next).init({
  resources: {
    "zh-CN": { translation: zhCN },
    "en-US": { translation: enUS },
  },
  lng: initial,
  fallbackLng: "zh-CN",
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  // A visible string without a translation is a bug: report it loudly.
  saveMissing: true,
  missingKeyHandler: (_lngs, _ns, key) => {
    console.error(`[i18n] missing translation key: ${key}`);
  },
});
applyDocumentLanguage(initial);

export function currentLanguage(): Language {
  return i18n.language === "en-US" ? "en-US" : "zh-CN";
}

export async function setLanguage(lng: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lng);
  } catch {
    // ignore: the choice then lasts for this page only
  }
  applyDocumentLanguage(lng);
  await i18n.changeLanguage(lng);
}

/** Picks the zh or en variant of a server-provided bilingual text. */
export function pick(text: { zh: string; en: string }, lng: string = i18n.language): string {
  return lng === "en-US" ? text.en : text.zh;
}

export default i18n;
