// Live updates: the dashboard open in Chromium changes when progress arrives through the
// API (Server-Sent Events), without the page being reloaded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite } from "./support.mjs";

const ctx = suite();




test("the dashboard counts a task done the moment it is reported", async () => {
  const plans = await ctx.admin.call("GET", "/api/plans?limit=200");
  const plan = plans.body.items.find((p) => p.key === "27-qd-ubqgcds-2022");
  await ctx.page.goto(`${ctx.server.url}/?ke-hoach=${plan.id}&ngay=2022-07-15`);
  const done = ctx.page.locator(".card.tone-good .card-value");
  await done.filter({ hasText: /^0$/ }).waitFor();
  // A marker that a reload would wipe out.
  await ctx.page.evaluate(() => { window.__notReloaded = true; });
  await ctx.page.waitForTimeout(300); // the event stream is open

  const tasks = await ctx.admin.call("GET", `/api/tasks?plan=${plan.id}&lead=bo-tttt&limit=1`);
  const task = tasks.body.items[0];
  const r = await ctx.admin.call("POST", `/api/tasks/${task.id}/progress`, {
    text: "Đã hoàn thành", status: "done", completed_on: "2022-07-01", percent: 100,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  await done.filter({ hasText: /^1$/ }).waitFor({ timeout: 10000 });
  assert.equal(await ctx.page.evaluate(() => window.__notReloaded), true);
});
