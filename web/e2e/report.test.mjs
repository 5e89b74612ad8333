// A report cycle end to end, in two browsers against one real `dxgov serve`: Hà Nội's editor
// fills and submits the quarter's report; the working group returns it with a reason; Hà
// Nội sees the reason and may correct it; Hà Nội cannot open Hồ Chí Minh City's report.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createUser, screenshots, seriousViolations, signIn, suite } from "./support.mjs";

const password = "Mật khẩu thử nghiệm đủ dài 2026";
// Two browsers: Hà Nội's editor in the first, the working group in the second.
const ctx = suite({
  browsers: 2,
  async setUp(c) {
    await createUser(c.admin, "hanoi", "tp-ha-noi", ["unit_editor"], password);
    await createUser(c.admin, "totruong", "to-cong-tac-ubqg-cds", ["standing_editor"], password);
    const plans = await c.admin.call("GET", "/api/plans?limit=200");
    const plan = plans.body.items.find((p) => p.key === "27-qd-ubqgcds-2022");
    const created = await c.admin.call("POST", "/api/cycles", {
      title: "Báo cáo quý IV/2026",
      period: "Quý IV/2026",
      opens_on: "2026-10-01",
      due: "2099-01-15",
      respondents: { units: ["tp-ha-noi", "tp-ho-chi-minh-2025"] },
      plans: [plan.id],
      state: "open",
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    c.cycle = created.body.id;
  },
});
const hanoi = () => ctx.pages[0];
const group = () => ctx.pages[1];

test("Hà Nội fills, saves and submits its report", async () => {
  await signIn(hanoi(), ctx.server, "hanoi", password);
  await hanoi().getByRole("navigation").getByRole("link", { name: "Đơn vị của tôi" }).click();
  const entry = hanoi().locator(".plain-list li", { hasText: "Báo cáo quý IV/2026" });
  await entry.getByText("Chưa báo cáo").waitFor();
  await entry.getByRole("link", { name: "Báo cáo quý IV/2026" }).click();
  await hanoi().getByRole("heading", { level: 1, name: "Báo cáo quý IV/2026: Thành phố Hà Nội" }).waitFor();

  const firstTask = hanoi().locator("fieldset.panel").first();
  await firstTask.getByLabel("Kết quả thực hiện").fill("Đã cấp 1,2 triệu tài khoản định danh");
  await firstTask.getByLabel("Tỷ lệ hoàn thành (%)").fill("60");
  await hanoi().getByLabel("Kết quả đạt được").fill("Hoàn thành 70% dịch vụ công trực tuyến toàn trình");
  await hanoi().getByRole("button", { name: "Lưu nháp" }).click();
  await hanoi().getByRole("status").filter({ hasText: "Đã lưu bản nháp." }).waitFor();
  await hanoi().locator(".badge", { hasText: "Đang soạn" }).waitFor();

  // Submitting needs every section: the missing ones are named beside their fields.
  await hanoi().getByRole("button", { name: "Gửi báo cáo" }).click();
  await hanoi().getByRole("alert").waitFor();
  const named = await hanoi().locator(".field-error").allTextContents();
  assert.ok(named.length >= 2, `${await hanoi().getByRole("alert").textContent()} | ${named.join(" | ")}`);
  await hanoi().getByLabel("Khó khăn, vướng mắc").fill("Thiếu nhân lực an toàn thông tin");
  await hanoi().getByLabel("Đề xuất, kiến nghị").fill("Đề nghị hỗ trợ kinh phí");
  await hanoi().getByRole("button", { name: "Gửi báo cáo" }).click();
  await hanoi().getByRole("status").filter({ hasText: "Đã gửi báo cáo." }).waitFor();
  await hanoi().locator(".badge", { hasText: "Đã gửi đúng hạn" }).waitFor();
  assert.ok(await hanoi().getByRole("button", { name: "Gửi báo cáo" }).isDisabled());
  assert.ok(await hanoi().getByLabel("Kết quả đạt được").isDisabled());
  assert.deepEqual(await seriousViolations(hanoi()), []);
  await screenshots(hanoi(), "report");
});

test("the working group returns it with a reason", async () => {
  await signIn(group(), ctx.server, "totruong", password);
  await group().getByRole("link", { name: "Tổ công tác" }).click();
  await group().getByRole("heading", { level: 1, name: "Theo dõi báo cáo định kỳ" }).waitFor();
  const row = group().locator("tbody tr", { hasText: "Thành phố Hà Nội" });
  await row.getByText("Đã gửi đúng hạn").waitFor();
  await group().locator("tbody tr", { hasText: "Thành phố Hồ Chí Minh" }).getByText("Chưa báo cáo").waitFor();
  // A return needs a reason.
  await row.getByRole("button", { name: "Trả lại" }).click();
  await group().getByRole("alert").waitFor();
  await row.getByLabel(/Lý do trả lại/).fill("Thiếu số liệu minh chứng cho nhiệm vụ IV.1");
  await row.getByRole("button", { name: "Trả lại" }).click();
  await row.getByText("Bị trả lại").waitFor();
  // The dashboard shows the cycle's completeness to those signed in.
  await group().goto(`${ctx.server.url}/`);
  await group().getByRole("heading", { name: "Kỳ báo cáo hiện tại: Báo cáo quý IV/2026" }).waitFor();
  await group().getByText("0/2 (0 %)").waitFor();
  assert.deepEqual(await seriousViolations(group()), []);
  await screenshots(group(), "working-group");
});

test("Hà Nội sees the reason and may correct the report", async () => {
  await hanoi().getByRole("navigation").getByRole("link", { name: "Đơn vị của tôi" }).click();
  const entry = hanoi().locator(".plain-list li", { hasText: "Báo cáo quý IV/2026" });
  await entry.getByText("Lý do trả lại: Thiếu số liệu minh chứng cho nhiệm vụ IV.1").waitFor();
  await entry.getByRole("link", { name: "Báo cáo quý IV/2026" }).click();
  await hanoi().getByRole("note").filter({ hasText: "Thiếu số liệu minh chứng cho nhiệm vụ IV.1" }).waitFor();
  assert.equal(await hanoi().getByRole("button", { name: "Gửi báo cáo" }).isDisabled(), false);
  assert.equal(await hanoi().getByLabel("Kết quả đạt được").inputValue(), "Hoàn thành 70% dịch vụ công trực tuyến toàn trình");
});

test("Hà Nội cannot open Hồ Chí Minh City's report", async () => {
  await hanoi().goto(`${ctx.server.url}/bao-cao/${ctx.cycle}/tp-ho-chi-minh-2025`);
  await hanoi().getByRole("alert").filter({ hasText: "Không tải được dữ liệu" }).waitFor();
  assert.equal(await hanoi().locator("form").count(), 0);
  // Nor does the API answer it otherwise.
  const res = await hanoi().request.get(`${ctx.server.url}/api/cycles/${ctx.cycle}/submissions/tp-ho-chi-minh-2025`);
  assert.equal(res.status(), 404);
});
