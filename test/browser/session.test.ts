import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, fileTab, login, logout, openTab, resetTab, seeText } from "./browser.js";
import type { Tab } from "./browser.js";

// S1: signing out ends the session on the server, on one device or on all of them.
const file = fileTab();

async function sessionCookie(t: Tab): Promise<string> {
  const cookie = (await t.context.cookies()).find((c) => c.name === "sg_session");
  expect(cookie, "the session cookie").toBeTruthy();
  expect(cookie!.httpOnly).toBe(true);
  return cookie!.value;
}

async function meStatus(t: Tab, token: string): Promise<number> {
  const r = await t.page.request.get(`${file.world.url}/api/v1/auth/me`, { headers: { cookie: `sg_session=${token}` } });
  return r.status();
}

describe("sessions", () => {
  it("S1 logout works and the session is gone", async () => {
    const { tab } = file;
    const { page } = tab;
    await login(page, "13800138000");
    await seeText(page, "欢迎回来，李四 Li Si");
    const token = await sessionCookie(tab);
    expect(await meStatus(tab, token)).toBe(200);
    // The token lives only in the httpOnly cookie, never in storage the page can read.
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(token);

    await logout(page);
    await seeText(page, "欢迎来到商管");
    expect(await meStatus(tab, token)).toBe(401);
    await page.goto("/account");
    await page.waitForURL("**/login?next=%2Faccount");
    expect(tab.problems).toEqual([]);
  });

  it("S1 log out everywhere ends the sessions on the other devices too", async () => {
    const { tab, world } = file;
    const { page } = tab;
    await resetTab(tab);
    const other = await openTab(world.browser, world.url);
    try {
      await login(other.page, "13800138000");
      const otherToken = await sessionCookie(other);
      await login(page, "13800138000", DEMO_PASSWORD);
      await page.goto("/account");
      const sessions = page.getByTestId("sessions-card");
      await sessions.getByTestId("session-current").waitFor();
      expect(await sessions.locator("tbody tr").count()).toBeGreaterThanOrEqual(2);

      await page.getByTestId("logout-all").click();
      await page.getByRole("tooltip").getByRole("button", { name: "确定" }).click();
      await page.waitForURL("**/login");
      expect(await meStatus(tab, otherToken)).toBe(401);
      await other.page.goto("/account");
      await other.page.waitForURL("**/login?next=%2Faccount");
      expect(tab.problems).toEqual([]);
      expect(other.problems).toEqual([]);
    } finally {
      await other.context.close();
    }
  });
});
