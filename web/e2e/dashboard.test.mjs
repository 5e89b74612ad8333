// The public views through a real Chromium against a real `dxgov serve` with the demo data:
// the dashboard and a plan's tasks in Vietnamese and English, signing in, accessibility
// (axe-core: no serious or critical violations) and screenshots at laptop and phone sizes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshots, seriousViolations, suite } from "./support.mjs";

const ctx = suite();




async function apiJson(path) {
  const res = await fetch(ctx.server.url + path);
  assert.equal(res.status, 200, path);
  return res.json();
}

test("the dashboard shows the 2022 plan's tasks as the board counts them", async () => {
  const plans = await apiJson("/api/plans?limit=200");
  const plan = plans.items.find((p) => p.key === "27-qd-ubqgcds-2022");
  const board = await apiJson(`/api/board/tasks?plan=${plan.id}&as_of=2022-07-15`);
  await ctx.page.goto(`${ctx.server.url}/?ke-hoach=${plan.id}&ngay=2022-07-15`);
  await ctx.page.getByRole("heading", { level: 1, name: "Tổng quan chuyển đổi số quốc gia" }).waitFor();
  const cards = ctx.page.locator(".cards");
  await cards.getByText("Quá hạn", { exact: true }).waitFor();
  const overdue = await cards.locator(".card.tone-bad .card-value").textContent();
  assert.equal(overdue, String(board.all.overdue));
  const total = await cards.locator(".card").first().locator(".card-value").textContent();
  assert.equal(total, String(board.all.total));
  // Objectives against targets, with their assessment.
  await ctx.page.getByRole("heading", { name: "Mục tiêu và chỉ tiêu" }).waitFor();
  await ctx.page.locator("table tbody tr").first().waitFor();
  assert.ok((await ctx.page.locator("table tbody tr").count()) > 5);
  // The busiest lead unit is named in the chart's accessible list.
  const first = board.by_lead.find((l) => l.summary.overdue > 0);
  assert.ok(await ctx.page.locator(".sr-only li").filter({ hasText: first.name }).count());
  // Dates are typed day/month/year whatever the browser's language; a day that does not
  // exist is refused beside the field and changes nothing.
  const day = ctx.page.getByRole("textbox", { name: /Tính đến ngày/ });
  assert.equal(await day.inputValue(), "15/07/2022");
  await day.fill("31/06/2022");
  await day.press("Enter");
  await ctx.page.getByText("Ngày không hợp lệ").waitFor();
  assert.match(ctx.page.url(), /ngay=2022-07-15/);
  await day.fill("30/06/2022");
  await day.press("Enter");
  await ctx.page.waitForURL(/ngay=2022-06-30/);
  await day.fill("15/07/2022");
  await day.press("Enter");
  await ctx.page.waitForURL(/ngay=2022-07-15/);
  await ctx.page.locator(".card.tone-bad .card-value").filter({ hasText: String(board.all.overdue) }).waitFor();
  assert.deepEqual(await seriousViolations(ctx.page), []);
  await screenshots(ctx.page, "dashboard");
});

test("English is one click away and stays chosen", async () => {
  await ctx.page.getByRole("button", { name: "English" }).click();
  await ctx.page.getByRole("heading", { level: 1, name: "National digital transformation at a glance" }).waitFor();
  assert.equal(await ctx.page.evaluate(() => document.documentElement.lang), "en");
  await ctx.page.reload();
  await ctx.page.getByRole("heading", { level: 1, name: "National digital transformation at a glance" }).waitFor();
  await ctx.page.getByRole("button", { name: "Tiếng Việt" }).click();
  await ctx.page.getByRole("heading", { level: 1, name: "Tổng quan chuyển đổi số quốc gia" }).waitFor();
});

test("a plan's tasks are searched without diacritics and filtered", async () => {
  const plans = await apiJson("/api/plans?limit=200");
  const plan = plans.items.find((p) => p.key === "27-qd-ubqgcds-2022");
  const expected = await apiJson(`/api/tasks?plan=${plan.id}&q=${encodeURIComponent("ha noi")}&limit=1`);
  assert.ok(expected.total > 0);
  await ctx.page.goto(`${ctx.server.url}/ke-hoach/${plan.id}?ngay=2022-07-15`);
  await ctx.page.getByRole("heading", { level: 1, name: plan.title }).waitFor();
  // In document order, each section's tasks come under a row naming the section.
  await ctx.page.locator("tr.section-row", { hasText: "Mục II. NHIỆM VỤ TRỌNG TÂM PHÂN CÔNG CÁC THÀNH VIÊN ỦY BAN" }).waitFor();
  await ctx.page.getByLabel("Tìm kiếm (không cần dấu)").fill("ha noi");
  await ctx.page.getByLabel("Tìm kiếm (không cần dấu)").press("Enter");
  const shown = Math.min(expected.total, 50);
  await ctx.page.getByText(`Hiển thị 1–${shown} trên ${expected.total}`, { exact: true }).waitFor();
  assert.equal(await ctx.page.locator("table.tasks tbody tr:not(.section-row)").count(), Math.min(expected.total, 50));
  // Overdue only: every row says so.
  await ctx.page.getByLabel("Tình trạng hạn").selectOption("overdue");
  await ctx.page.waitForURL(/han=overdue/);
  await ctx.page.locator("table.tasks tbody tr").first().waitFor();
  const labels = await ctx.page.locator("table.tasks tbody tr td:nth-child(6)").allTextContents();
  assert.ok(labels.length > 0 && labels.every((l) => l === "Quá hạn"), labels.join(","));
  // The table downloads as a workbook.
  const xlsx = ctx.page.locator(".downloads a", { hasText: "XLSX" });
  const [download] = await Promise.all([ctx.page.waitForEvent("download"), xlsx.click()]);
  assert.match(download.suggestedFilename(), /^nhiem-vu-.*\.xlsx$/);
  assert.deepEqual(await seriousViolations(ctx.page), []);
  await ctx.page.getByLabel("Tình trạng hạn").selectOption("");
  await ctx.page.getByLabel("Tìm kiếm (không cần dấu)").fill("");
  await ctx.page.getByLabel("Tìm kiếm (không cần dấu)").press("Enter");
  // By lead unit: every row is Bộ Công an's, as many as the API counts.
  const byLead = await apiJson(`/api/tasks?plan=${plan.id}&lead=bo-cong-an&limit=1`);
  await ctx.page.getByLabel("Chủ trì", { exact: true }).selectOption("bo-cong-an");
  await ctx.page.getByText(`Hiển thị 1–${Math.min(byLead.total, 50)} trên ${byLead.total}`, { exact: true }).waitFor();
  const leads = await ctx.page.locator("table.tasks tbody tr td:nth-child(3)").allTextContents();
  assert.ok(leads.every((l) => l === "Bộ Công an"), leads.join(","));
  await ctx.page.getByLabel("Chủ trì", { exact: true }).selectOption("");
  await screenshots(ctx.page, "plan");

  // A task's page links the indicators its objectives are measured by.
  await ctx.page.getByRole("link", { name: "Phổ cập điện thoại thông minh và cấp quang băng rộng toàn dân" }).click();
  await ctx.page.getByRole("heading", { name: "Chỉ tiêu liên quan" }).waitFor();
  await ctx.page.getByRole("link", { name: "HTS-01" }).waitFor();
});

test("signing in shows who is signed in; a wrong password says so", async () => {
  await ctx.page.goto(`${ctx.server.url}/dang-nhap`);
  await ctx.page.getByLabel("Tên đăng nhập").fill("admin");
  await ctx.page.getByLabel("Mật khẩu").fill("không phải mật khẩu");
  await ctx.page.getByRole("button", { name: "Đăng nhập" }).click();
  await ctx.page.getByRole("alert").filter({ hasText: "không đúng" }).waitFor();
  assert.deepEqual(await seriousViolations(ctx.page), []);
  await screenshots(ctx.page, "login");
  await ctx.page.getByLabel("Mật khẩu").fill(ctx.server.adminPassword);
  await ctx.page.getByRole("button", { name: "Đăng nhập" }).click();
  await ctx.page.getByText("Đang đăng nhập:").waitFor();
  await ctx.page.getByRole("button", { name: "Đăng xuất" }).click();
  await ctx.page.getByRole("link", { name: "Đăng nhập" }).waitFor();
});

test("the first admin is asked to replace the generated password, and does", async () => {
  await ctx.page.goto(`${ctx.server.url}/dang-nhap`);
  await ctx.page.getByLabel("Tên đăng nhập").fill("admin");
  await ctx.page.getByLabel("Mật khẩu").fill(ctx.server.adminPassword);
  await ctx.page.getByRole("button", { name: "Đăng nhập" }).click();
  const banner = ctx.page.getByRole("note").filter({ hasText: "Hãy đổi mật khẩu của riêng bạn" });
  await banner.waitFor();
  await banner.getByRole("link", { name: "Đổi mật khẩu" }).click();
  await ctx.page.getByLabel("Mật khẩu hiện tại").fill(ctx.server.adminPassword);
  // A common password is refused beside its field.
  await ctx.page.getByLabel("Mật khẩu mới (ít nhất 12 ký tự)").fill("matkhau12345");
  await ctx.page.getByLabel("Nhập lại mật khẩu mới").fill("matkhau12345");
  await ctx.page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await ctx.page.locator("#err-new_password").waitFor();
  const chosen = "Sông Hồng chảy qua Hà Nội năm 2026";
  await ctx.page.getByLabel("Mật khẩu mới (ít nhất 12 ký tự)").fill(chosen);
  await ctx.page.getByLabel("Nhập lại mật khẩu mới").fill(chosen);
  await ctx.page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await ctx.page.getByRole("status").filter({ hasText: "Đã đổi mật khẩu." }).waitFor();
  assert.equal(await banner.count(), 0);
  assert.deepEqual(await seriousViolations(ctx.page), []);
  await screenshots(ctx.page, "password");
  await ctx.page.getByRole("button", { name: "Đăng xuất" }).click();
  await ctx.page.goto(`${ctx.server.url}/dang-nhap`);
  await ctx.page.getByLabel("Tên đăng nhập").fill("admin");
  await ctx.page.getByLabel("Mật khẩu").fill(chosen);
  await ctx.page.getByRole("button", { name: "Đăng nhập" }).click();
  await ctx.page.getByText("Đang đăng nhập:").waitFor();
});
