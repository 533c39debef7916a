import { mkdirSync } from "node:fs";
import { crc32, deflateSync } from "node:zlib";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";

// Helpers for the browser tests: the system Chromium driven by playwright-core.
export const DEMO_PASSWORD = "Shangguan@2026";
const root = fileURLToPath(new URL("../../", import.meta.url));
export const SCREENSHOT_DIR = join(root, "test-results/screenshots");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Page errors and console errors seen so far (missing translations, React errors …). */
  problems: string[];
}

/** A fresh browser context (own cookies and storage) with one page on the given server. */
export async function openTab(browser: Browser, baseURL: string, options: { locale?: string } = {}): Promise<Tab> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 860 }, locale: options.locale ?? "zh-CN", timezoneId: "Asia/Shanghai", reducedMotion: "reduce" });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const text = m.text();
    // Expected: the browser logs failed requests (401 from /auth/me when signed out, 403 pages …).
    if (/Failed to load resource/.test(text)) return;
    problems.push(`console: ${text}`);
  });
  return { context, page, problems };
}

/** Starts over as a visitor in the same context (keeps the browser cache: faster than a new context). */
export async function resetTab(tab: Tab): Promise<void> {
  await tab.context.clearCookies();
  if (tab.page.url().startsWith("http")) await tab.page.evaluate(() => window.localStorage.clear());
  tab.problems.length = 0;
}

/** Fills in the login form shown on the page and submits it. */
export async function submitLogin(page: Page, loginName: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByTestId("login-input").fill(loginName);
  await page.getByTestId("password-input").fill(password);
  await page.getByTestId("login-submit").click();
}

/** Signs in through the login form and waits until the app has navigated away from /login. */
export async function login(page: Page, loginName: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await submitLogin(page, loginName, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** The same tab, signed in afresh as `loginName` (a visitor first: see resetTab). */
export async function signInAfresh(tab: Tab, loginName: string): Promise<Tab> {
  await resetTab(tab);
  await login(tab.page, loginName);
  return tab;
}

/** No untranslated i18n key on the page, and no page or console error so far. */
export async function expectClean(tab: Tab): Promise<void> {
  expect(await untranslatedKeys(tab.page)).toEqual([]);
  expect(tab.problems).toEqual([]);
}

/** Signs out through the user menu. */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId("user-menu").click();
  await page.getByTestId("menu-logout").click();
  await page.getByTestId("header-login").waitFor();
}

/** The labels of the area's side menu, in order. */
export async function menuLabels(page: Page): Promise<string[]> {
  await page.getByTestId("area-menu").waitFor();
  return page.locator("[data-testid=area-menu] [data-testid^=nav-]").allInnerTexts();
}

/** The test ids of the area's side menu items (nav-dashboard, nav-users …). */
export async function menuIds(page: Page): Promise<string[]> {
  await page.getByTestId("area-menu").waitFor();
  return page.locator("[data-testid=area-menu] [data-testid^=nav-]").evaluateAll((els) => els.map((e) => e.getAttribute("data-testid") ?? ""));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Let fonts and antd's entry animations settle.
  // Scrolled to the top: a sticky header would otherwise be painted mid-page.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    return document.fonts.ready.then(() => undefined);
  });
  await page.waitForTimeout(150);
  // Passing toasts ("saved") would hide the top of the page.
  const style = await page.addStyleTag({ content: ".ant-message { display: none !important; }" });
  try {
    await page.screenshot({ path, fullPage: true });
  } finally {
    await style.evaluate((el) => (el as HTMLElement).remove());
  }
  return path;
}

/** A small PDF, as a scanned document would be. */
export const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

/** A real PNG: a cream card with a darker band, so that previews show something. */
export function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const band = y > height * 0.35 && y < height * 0.5 && x > width * 0.1 && x < width * 0.9;
      row.set(band ? [194, 65, 12] : [255, 237, 213], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** "YYYY-MM-DD" of now + days in Asia/Shanghai (the browser's time zone in these tests). */
export function shanghaiDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
}

/** Types a date into an antd date picker and confirms it. */
export async function pickDate(picker: Locator, date: string): Promise<void> {
  await picker.click();
  await picker.fill(date);
  await picker.press("Enter");
}

/** Waits until some element shows exactly this text (or matches the pattern). */
export async function seeText(page: Page, text: string | RegExp): Promise<void> {
  await page.getByText(text, { exact: typeof text === "string" }).first().waitFor();
}

/**
 * Visible text of the page that looks like an untranslated i18n key ("admin.menu.users").
 * Data shown as code (rule keys, audit actions) is left out: it is not a UI string.
 */
export async function untranslatedKeys(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement?.closest("code, script, style")) continue;
      parts.push(n.textContent ?? "");
    }
    return parts.join("\n");
  });
  const sections = "brand|lang|areas|nav|common|home|footer|forbidden|notFound|auth|password|privacy|account|profile|mfa|sessions|consents|userKind|userStatus|merchantStatus|roles|units|merchant|admin|users|merchants|audit|rules|errors|onboarding|apply|applicant|review|docRules|portalGov|consoleGov|publicGov|shopCat|catalogAdmin|supplierUi|inventory|invStock|invFlow|invCount|invAlert|cart|checkout|tradeOps|fulfil|logistics|settle|quality|exceptions";
  const re = new RegExp(`\\b(?:${sections})\\.[A-Za-z_]+(?:\\.[A-Za-z_]+)*\\b`, "g");
  return [...new Set(text.match(re) ?? [])];
}

export interface World {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The browser of one test file, and the server it drives: the suite's shared server
 * (started by global-setup.ts), or with `ownServer` a fresh one for a file that changes
 * platform-wide state (rules that would affect the other files).
 */
export async function startWorld(options: { ownServer?: boolean } = {}): Promise<World> {
  const shared = options.ownServer ? undefined : inject("browserBaseUrl");
  const own = shared ? undefined : await (await import("../support/server.js")).startTestServer();
  const browser = await launchBrowser();
  return {
    url: shared ?? own!.url,
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      await own?.close();
    },
  };
}

/** A test file's world and its one tab, set by the file's beforeAll (see fileTab). */
export interface FileTab {
  world: World;
  tab: Tab;
}

/**
 * Starts the file's world (see startWorld) and opens one tab on it before the file's
 * tests, and closes it after them. The fields of the returned object are set from then on.
 */
export function fileTab(options: { ownServer?: boolean; locale?: string } = {}): FileTab {
  const file = {} as FileTab;
  beforeAll(async () => {
    file.world = await startWorld({ ownServer: options.ownServer });
    file.tab = await openTab(file.world.browser, file.world.url, { locale: options.locale });
  });
  afterAll(async () => {
    await file.world?.close();
  });
  return file;
}
