// The remaining views in Chromium against a real server: the public scoreboard without
// signing in (and its open data), the committee's sessions and the cascade of plans for the
// working group; then keyboard use (skip link, focus order) and 200 % zoom (no sideways
// scrolling) on the main views.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshots, seriousViolations, signIn, suite } from "./support.mjs";

const ctx = suite();




test("the public scoreboard needs no sign-in and offers open data", async () => {
  await ctx.page.goto(`${ctx.server.url}/cong-khai`);
  await ctx.page.getByRole("heading", { level: 1, name: "Kết quả chuyển đổi số công khai" }).waitFor();
  await ctx.page.locator("table.ranking tbody tr").first().waitFor();
  assert.ok((await ctx.page.locator(".bar-row").count()) >= 4, "progress by section");
  await ctx.page.locator("#assessed-title + ul li").first().waitFor();
  const csv = ctx.page.locator("a.download", { hasText: "CSV" }).first();
  const res = await ctx.page.request.get(ctx.server.url + (await csv.getAttribute("href")));
  assert.equal(res.status(), 200);
  assert.equal(res.headers()["content-type"], "text/csv; charset=utf-8");
  assert.deepEqual(await seriousViolations(ctx.page), []);
  await screenshots(ctx.page, "public");
  // The list of plans, also public.
  await ctx.page.goto(`${ctx.server.url}/ke-hoach`);
  await ctx.page.locator(".plan-list li").nth(1).waitFor();
  assert.deepEqual(await seriousViolations(ctx.page), []);
});

test("the working group sees the 2022 sessions and who has issued their own plan", async () => {
  await signIn(ctx.page, ctx.server, "admin", ctx.server.adminPassword);
  await ctx.page.goto(`${ctx.server.url}/to-cong-tac/phien-hop?nam=2022`);
  await ctx.page.locator("table.sessions tbody tr").nth(3).waitFor();
  const months = await ctx.page.locator("table.sessions tbody tr td:first-child").allTextContents();
  assert.deepEqual(months, ["3", "7", "9", "11"]);
  // The first session, 30/11/2021, with its programme and papers.
  await ctx.page.goto(`${ctx.server.url}/to-cong-tac/phien-hop?nam=2021`);
  const first = ctx.page.locator("table.sessions tbody tr", { hasText: "Phiên họp lần thứ nhất" });
  await first.getByText("30/11/2021").waitFor();
  await first.locator("summary").click();
  await first.getByText("14h10: Công bố Quyết định thành lập Ủy ban Quốc gia về chuyển đổi số").waitFor();
  await ctx.page.goto(`${ctx.server.url}/to-cong-tac/phien-hop?nam=2022`);
  await ctx.page.locator("table.sessions tbody tr").nth(3).waitFor();
  // The March session's conclusions: a notice whose two items become tasks.
  const march = ctx.page.locator("table.sessions tbody tr").first();
  await march.getByRole("button", { name: "Thêm thông báo kết luận" }).click();
  const form = ctx.page.locator("form[aria-labelledby=conclusions-title]");
  await form.getByRole("textbox", { name: /^Số thông báo/ }).fill("12/TB-UBQGCĐS");
  await form.getByRole("textbox", { name: /^Ngày thông báo/ }).fill("31/03/2022");
  await form.getByRole("textbox", { name: /^Ngày thông báo/ }).press("Enter");
  await form.getByRole("button", { name: "Thêm nội dung" }).click();
  const items = form.locator("fieldset");
  await items.nth(0).getByRole("textbox", { name: /^Nhiệm vụ/ }).fill("Hoàn thiện Đề án dữ liệu dân cư");
  await items.nth(0).getByRole("textbox", { name: /^Mã đơn vị chủ trì/ }).fill("bo-cong-an");
  await items.nth(0).getByRole("textbox", { name: /^Thời hạn/ }).fill("Tháng 6/2022");
  await items.nth(1).getByRole("textbox", { name: /^Nhiệm vụ/ }).fill("Sơ kết 6 tháng chuyển đổi số");
  await items.nth(1).getByRole("textbox", { name: /^Mã đơn vị chủ trì/ }).fill("bo-tttt");
  await form.getByRole("button", { name: "Gửi" }).click();
  await form.getByRole("status").filter({ hasText: "Đã ghi thông báo kết luận" }).waitFor();
  await march.locator("td", { hasText: /^1 / }).waitFor();
  const plans = await ctx.admin.call("GET", "/api/plans?limit=200");
  const notice = plans.body.items.find((p) => p.kind === "conclusions" && p.decision.number === "12/TB-UBQGCĐS");
  assert.ok(notice, "the notice is a plan of kind conclusions");
  const noticeTasks = await ctx.admin.call("GET", `/api/tasks?plan=${notice.id}&limit=10`);
  assert.equal(noticeTasks.body.total, 2);
  assert.deepEqual(await seriousViolations(ctx.page), []);
  await screenshots(ctx.page, "sessions");

  await ctx.page.goto(`${ctx.server.url}/to-cong-tac/nhiem-vu-trong-diem`);
  await ctx.page.locator("table.key-tasks tbody tr").nth(13).waitFor();
  assert.equal(await ctx.page.locator("table.key-tasks tbody tr").count(), 14);
  assert.deepEqual(await seriousViolations(ctx.page), []);

  await ctx.page.goto(`${ctx.server.url}/to-cong-tac/ke-hoach-cac-cap`);
  await ctx.page.getByRole("heading", { level: 2, name: /Các bộ, ngành: ban hành Kế hoạch hoạt động năm 2022/ }).waitFor();
  assert.deepEqual(await seriousViolations(ctx.page), []);
  await screenshots(ctx.page, "cascade");
});

test("the keyboard reaches everything: the skip link first, then the navigation", async () => {
  await ctx.page.goto(`${ctx.server.url}/`);
  await ctx.page.getByRole("heading", { level: 1 }).waitFor();
  await ctx.page.keyboard.press("Tab");
  assert.equal(await ctx.page.evaluate(() => document.activeElement?.textContent), "Bỏ qua, đến nội dung chính");
  await ctx.page.keyboard.press("Enter");
  assert.equal(await ctx.page.evaluate(() => document.activeElement?.id), "main");
  await ctx.page.keyboard.press("Tab");
  const focused = await ctx.page.evaluate(() => document.activeElement?.tagName);
  assert.ok(["SELECT", "INPUT", "A", "BUTTON"].includes(focused), focused);
});

test("at 200 % zoom the main views reflow without sideways scrolling", async () => {
  // 200 % zoom on a 1366×768 laptop leaves a 683×384 CSS-pixel viewport.
  await ctx.page.setViewportSize({ width: 683, height: 384 });
  for (const path of ["/?ke-hoach=2&ngay=2022-07-15", "/ke-hoach/2", "/chi-tieu/CPS-01", "/cong-khai", "/to-cong-tac"]) {
    await ctx.page.goto(ctx.server.url + path);
    await ctx.page.getByRole("heading", { level: 1 }).waitFor();
    await ctx.page.waitForTimeout(200);
    const overflow = await ctx.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
  }
  await ctx.page.setViewportSize({ width: 1366, height: 768 });
});
