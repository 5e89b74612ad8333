// Live updates: the dashboard open in Chromium changes when progress arrives through the
// API (Server-Sent Events), without the page being reloaded.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { adminApi, launchBrowser, startServer } from "./support.mjs";

let server, admin, browser, page;

before(async () => {
  server = await startServer();
  admin = await adminApi(server);
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("the dashboard counts a task done the moment it is reported", async () => {
  const plans = await admin.call("GET", "/api/plans?limit=200");
  const plan = plans.body.items.find((p) => p.key === "27-qd-ubqgcds-2022");
  await page.goto(`${server.url}/?ke-hoach=${plan.id}&ngay=2022-07-15`);
  const done = page.locator(".card.tone-good .card-value");
  await done.filter({ hasText: /^0$/ }).waitFor();
  // A marker that a reload would wipe out.
  await page.evaluate(() => { window.__notReloaded = true; });
  await page.waitForTimeout(300); // the event stream is open

  const tasks = await admin.call("GET", `/api/tasks?plan=${plan.id}&lead=bo-tttt&limit=1`);
  const task = tasks.body.items[0];
  const r = await admin.call("POST", `/api/tasks/${task.id}/progress`, {
    text: "Đã hoàn thành", status: "done", completed_on: "2022-07-01", percent: 100,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  await done.filter({ hasText: /^1$/ }).waitFor({ timeout: 10000 });
  assert.equal(await page.evaluate(() => window.__notReloaded), true);
});
