// Indicators, figures, rollups and attainment through the real API (loopback HTTP, a real
// SQLite file with the demo data: the registry, the 24 indicators, the 2022 plan).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "api/demo_server.h"
#include "support/http_client.h"

namespace dxgov {
namespace {

namespace json = boost::json;
using testing::Http;
using testing::HttpResult;
using Headers = std::vector<std::pair<std::string, std::string>>;

// A raw Server-Sent Events listener: sends the request, then reads what arrives.
class EventListener {
 public:
  EventListener(uint16_t port, const std::string& topics) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return;
    const std::string req = "GET /api/events?topics=" + topics + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    if (send(fd_, req.data(), req.size(), 0) != static_cast<ssize_t>(req.size())) return;
    ok_ = true;
  }
  ~EventListener() {
    if (fd_ >= 0) close(fd_);
  }
  bool ok() const { return ok_; }
  // Reads until `needle` has arrived or `timeout` passes; everything read so far.
  const std::string& ReadUntil(const std::string& needle, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (got_.find(needle) == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      char buf[4096];
      const ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      got_.append(buf, static_cast<size_t>(n));
    }
    return got_;
  }

 private:
  int fd_ = -1;
  bool ok_ = false;
  std::string got_;
};

class IndicatorApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::DemoServer("dxgov-indicators", 4 << 20);
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().message_en();
    ASSERT_TRUE(server_->AddUser("admin", "", Role::kAdmin, kPassword).ok());
    ASSERT_TRUE(server_->AddUser("tinh", "tinh-tuyen-quang-2025", Role::kUnitEditor, kPassword).ok());
    ASSERT_TRUE(server_->AddUser("duyet", "tinh-tuyen-quang-2025", Role::kUnitApprover, kPassword).ok());
    port_ = server_->port();
    admin_ = testing::SignIn(port_, "admin", kPassword);
    editor_ = testing::SignIn(port_, "tinh", kPassword);
    approver_ = testing::SignIn(port_, "duyet", kPassword);
    ASSERT_FALSE(admin_.empty());
    ASSERT_FALSE(editor_.empty());
  }
  static void TearDownTestSuite() { delete server_; }

  static HttpResult As(const Headers& h, const std::string& method, const std::string& target,
                       const std::string& body = "") {
    return Http(port_, method, target, body, h);
  }
  static json::value Json(const HttpResult& r) {
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return v;
  }
  static HttpResult Post(const std::string& values, bool accept_valid = false, const Headers& h = admin_) {
    return As(h, "POST", "/api/values",
              R"({"values":[)" + values + "]" + (accept_valid ? R"(,"accept_valid_rows":true)" : "") + "}");
  }
  static std::string Fig(const std::string& ind, const std::string& unit, const std::string& period, double v,
                         const std::string& extra = "") {
    const std::string u = unit.empty() ? "null" : "\"" + unit + "\"";
    return R"({"indicator":")" + ind + R"(","unit":)" + u + R"(,"period":")" + period +
           R"(","value":)" + json::serialize(json::value(v)) + extra + "}";
  }
  static json::value Rollup(const std::string& query) {
    HttpResult r = As({}, "GET", "/api/rollups?" + query);
    EXPECT_EQ(r.status, 200) << query << " " << r.body;
    return Json(r);
  }
  static std::vector<std::pair<std::string, std::string>> Fields(const HttpResult& r) {
    std::vector<std::pair<std::string, std::string>> out;
    const json::value v = Json(r);
    for (const auto& f : v.at("error").at("fields").as_array())
      out.emplace_back(f.at("path").as_string(), f.at("reason").as_string());
    return out;
  }

  static constexpr const char* kPassword = "Mật khẩu chỉ tiêu thử nghiệm 2026";
  static inline testing::DemoServer* server_ = nullptr;
  static inline uint16_t port_ = 0;
  static inline Headers admin_, editor_, approver_;
};

TEST_F(IndicatorApiTest, PublishedIndicatorsAreReadableWithoutCredentials) {
  const json::value list = Json(As({}, "GET", "/api/indicators"));
  EXPECT_EQ(list.at("total"), 24 + 3 * 35) << "annex and plan indicators, three adoption measures per platform";
  EXPECT_EQ(Json(As({}, "GET", "/api/indicators?group=" + testing::UrlEncode("Hạ tầng số"))).at("total"), 2);
  // Fibre households: Phụ lục I's 70 % and the plan's 75 % for 2022, side by side.
  const json::value fibre = Json(As({}, "GET", "/api/indicators/HTS-02"));
  EXPECT_EQ(fibre.at("objectives").as_array().size(), 1u);
  EXPECT_EQ(fibre.at("objectives").at(0).at("code"), "I.1.b");
  std::vector<double> y2022;
  for (const auto& y : fibre.at("targets_by_year").as_array())
    if (y.at("year") == 2022)
      for (const auto& t : y.at("targets").as_array()) y2022.push_back(t.at("value").to_number<double>());
  EXPECT_EQ(y2022, (std::vector<double>{70, 75}));
  EXPECT_EQ(As({}, "GET", "/api/indicators/KHONG-CO").status, 404);
}

TEST_F(IndicatorApiTest, ABadRowRefusesTheWholeBatchUnlessAskedOtherwise) {
  const std::string good = Fig("DS-01", "tinh-ha-giang", "2023", 900000);
  const std::string bad = Fig("DS-01", "tinh-tuyen-quang", "2023", 12.5);
  HttpResult refused = Post(good + "," + bad);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(Fields(refused), (std::vector<std::pair<std::string, std::string>>{{"/values/1/value", "a count is a whole number"}}));
  EXPECT_EQ(Json(As({}, "GET", "/api/values?indicator=DS-01&unit=tinh-ha-giang")).at("total"), 0);

  HttpResult partial = Post(good + "," + bad, true);
  ASSERT_EQ(partial.status, 200) << partial.body;
  EXPECT_EQ(Json(partial).at("inserted"), 1);
  EXPECT_EQ(Json(partial).at("rejected_rows"), 1);
  EXPECT_EQ(Json(partial).at("rejected").at(0).at("path"), "/values/1/value");
  // Re-sending the same batch changes nothing.
  HttpResult again = Post(good);
  EXPECT_EQ(Json(again).at("unchanged"), 1);
  EXPECT_EQ(Json(again).at("inserted"), 0);
  const json::value listed = Json(As({}, "GET", "/api/values?indicator=DS-01&unit=tinh-ha-giang"));
  EXPECT_EQ(listed.at("items").at(0).at("provenance"), "manual");
  EXPECT_EQ(listed.at("items").at(0).at("updated_by"), "admin");
}

TEST_F(IndicatorApiTest, ValidationNamesEachFieldOfEachRow) {
  HttpResult r = Post(Fig("HS-ALL", "tinh-ha-giang", "2024", 5) + "," +           // monthly indicator
                      Fig("HS-ALL", "bo-khcn", "2099-01", 5) + "," +              // future
                      Fig("HTS-01", "xa-2025-00070", "2025", 50) + "," +          // communes do not report it
                      Fig("HTS-01", "tinh-ha-giang", "2025", 50) + "," +          // ended 2025-06-30
                      Fig("CPS-03", "tinh-ha-giang", "2024-01", 50) + "," +       // derived ratio
                      Fig("KTS-01", "", "2023", 140));                             // a share above 100
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(Fields(r), (std::vector<std::pair<std::string, std::string>>{
                           {"/values/0/period", "'HS-ALL' is reported per month, not per year"},
                           {"/values/1/period", "has not begun yet"},
                           {"/values/2/unit", "units of this kind do not report 'HTS-01'"},
                           {"/values/3/unit", "'tinh-ha-giang' did not exist on 2025-12-31, the end of 2025"},
                           {"/values/4/indicator", "'CPS-03' is computed from HS-TT / HS-ALL; report those"},
                           {"/values/5/value", "out of range 0..100"}}));
}

TEST_F(IndicatorApiTest, UnitEditorsReportForTheirSubtreeAndDraftsStayTheirs) {
  HttpResult foreign = Post(Fig("DS-01", "tp-ha-noi", "2025", 8000000), false, editor_);
  EXPECT_EQ(foreign.status, 403) << foreign.body;
  HttpResult own = Post(Fig("DS-01", "tinh-tuyen-quang-2025", "2025", 1900000, R"(,"status":"draft")"), false, editor_);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(Json(As({}, "GET", "/api/values?indicator=DS-01&unit=tinh-tuyen-quang-2025")).at("total"), 0);
  EXPECT_EQ(Json(As(editor_, "GET", "/api/values?indicator=DS-01&unit=tinh-tuyen-quang-2025")).at("total"), 1);
  // A unit editor may not approve; the refusal names the row.
  HttpResult approve = Post(Fig("DS-01", "tinh-tuyen-quang-2025", "2025", 1900000, R"(,"status":"approved")"), false, editor_);
  EXPECT_EQ(approve.status, 403) << approve.body;
}

TEST_F(IndicatorApiTest, RatioOfSumsAndRankingOfProvinces) {
  ASSERT_EQ(Post(Fig("HS-TT", "tinh-ha-giang", "2024-05", 30) + "," + Fig("HS-ALL", "tinh-ha-giang", "2024-05", 100) +
                 "," + Fig("HS-TT", "tinh-tuyen-quang", "2024-05", 10) + "," +
                 Fig("HS-ALL", "tinh-tuyen-quang", "2024-05", 20))
                .status,
            200);
  const json::value national = Rollup("indicator=CPS-03&period=2024-05&missing=true");
  const json::value& n = national.at("items").at(0);
  EXPECT_EQ(n.at("unit"), nullptr);
  EXPECT_DOUBLE_EQ(n.at("value").to_number<double>(), 33.3) << "40 of 120 files, not the mean of 30 % and 50 %";
  EXPECT_EQ(n.at("reported"), 2);
  // Files are reported by provinces and ministries (HS-TT's reporting kinds) valid then.
  const int64_t ministries =
      Json(As({}, "GET", "/api/units?kind=ministry&as_of=2024-05-31&limit=1")).at("total").as_int64();
  EXPECT_EQ(n.at("expected").as_int64(), 63 + ministries) << "63 provinces in May 2024, and the ministries";
  EXPECT_EQ(static_cast<int64_t>(n.at("missing").as_array().size()), 61 + ministries);
  // Provinces ranked, the best first; those without figures last and unranked.
  const json::value ranked = Rollup("indicator=CPS-03&period=2024-05&level=province&sort=-value");
  EXPECT_EQ(ranked.at("items").at(0).at("unit"), "tinh-tuyen-quang");
  EXPECT_EQ(ranked.at("items").at(0).at("rank"), 1);
  EXPECT_EQ(ranked.at("items").at(1).at("unit"), "tinh-ha-giang");
  EXPECT_EQ(ranked.at("items").at(2).at("rank"), nullptr);
  EXPECT_FALSE(ranked.at("items").at(2).as_object().contains("missing")) << "only when asked";
  EXPECT_EQ(Rollup("indicator=CPS-03&period=2024-05&level=provincial").at("total"), 63) << "provinces and cities";
  EXPECT_EQ(Rollup("indicator=CPS-03&period=2025-08&level=provincial").at("total"), 34);
  // The merged province over a month before it existed: its predecessors' files.
  const json::value merged = Rollup("indicator=HS-ALL&unit=tinh-tuyen-quang-2025&period=2024-05");
  EXPECT_EQ(merged.at("items").at(0).at("value").to_number<double>(), 120);
}

TEST_F(IndicatorApiTest, WeightedMeanByPopulationAndATimeSeries) {
  ASSERT_EQ(Post(Fig("DS-01", "tp-ha-noi", "2024", 8000000) + "," + Fig("DS-01", "tp-ho-chi-minh", "2024", 2000000) +
                 "," + Fig("HTS-01", "tp-ha-noi", "2024", 90) + "," + Fig("HTS-01", "tp-ho-chi-minh", "2024", 80) +
                 "," + Fig("HTS-01", "tp-ha-noi", "2023", 85))
                .status,
            200);
  const json::value r = Rollup("indicator=HTS-01&period=2024");
  ASSERT_TRUE(r.at("items").at(0).at("value").is_number()) << r;
  EXPECT_DOUBLE_EQ(r.at("items").at(0).at("value").to_number<double>(), 88) << "(90×8 + 80×2) / 10";
  EXPECT_EQ(r.at("items").at(0).at("expected"), 63) << "the 63 provinces of 2024";
  EXPECT_EQ(r.at("items").at(0).at("reported"), 2);
  const json::value series = Rollup("indicator=HTS-01&unit=tp-ha-noi&from=2022&to=2024");
  ASSERT_EQ(series.at("items").as_array().size(), 3u);
  EXPECT_EQ(series.at("items").at(0).at("value"), nullptr);
  EXPECT_DOUBLE_EQ(series.at("items").at(1).at("value").to_number<double>(), 85);
  EXPECT_EQ(series.at("items").at(2).at("period"), "2024");
}

TEST_F(IndicatorApiTest, AttainmentOfThe2022Objectives) {
  HttpResult r = As({}, "GET", "/api/attainment?plan=2&as_of=2022-06-30");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value v = Json(r);
  EXPECT_EQ(v.at("total"), 12) << "one target per objective of the 2022 plan";
  bool smartphones = false;
  for (const auto& item : v.at("items").as_array()) {
    if (item.at("objective").at("code") != "I.1.a") continue;
    smartphones = true;
    // Smartphones: 72 % (2020), 75 % (2021) → +3 a year, 78 by the end of 2022 against 85.
    EXPECT_EQ(item.at("status"), "off_track") << item;
    EXPECT_EQ(item.at("latest").to_number<double>(), 75);
    EXPECT_NEAR(item.at("projected").to_number<double>(), 78, 0.1);
  }
  EXPECT_TRUE(smartphones) << "objective I.1.a is judged";
  EXPECT_EQ(As({}, "GET", "/api/attainment").status, 400);
}

TEST_F(IndicatorApiTest, CsvAsOfficesWriteIt) {
  const Headers csv = [] {
    Headers h = admin_;
    h.emplace_back("Content-Type", "text/csv");
    return h;
  }();
  const std::string file =
      "\xEF\xBB\xBFMã chỉ tiêu;Đơn vị;Kỳ;Giá trị;Ghi chú\r\n"
      "DS-01;Tỉnh Cao Bằng;Năm 2023;\"530.000\";Niên giám thống kê\r\n"
      "DS-01;Cao Bằng;2022;\"525.000\";\r\n";
  HttpResult ok = Http(port_, "POST", "/api/values", file, csv);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Json(ok).at("inserted"), 2);
  const json::value stored = Json(As({}, "GET", "/api/values?indicator=DS-01&unit=tinh-cao-bang&from=2023&to=2023"));
  ASSERT_EQ(stored.at("total"), 1);
  EXPECT_EQ(stored.at("items").at(0).at("value").to_number<double>(), 530000);
  EXPECT_EQ(stored.at("items").at(0).at("provenance"), "import");
  // Idempotent: the same file again changes nothing.
  EXPECT_EQ(Json(Http(port_, "POST", "/api/values", file, csv)).at("unchanged"), 2);

  // Ambiguous numbers and unknown units are named by row; nothing is written.
  const std::string bad = "indicator,unit,period,value\nDS-01,tinh-cao-bang,2021,\"85.5\"\nDS-01,Tỉnh Không Có,2021,1\n";
  HttpResult refused = Http(port_, "POST", "/api/values", bad, csv);
  ASSERT_EQ(refused.status, 422) << refused.body;
  const auto fields = Fields(refused);
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].first, "/rows/2/value");
  EXPECT_NE(fields[0].second.find("ambiguous"), std::string::npos);
  EXPECT_EQ(fields[1].first, "/rows/3/unit");
  // The international rule, declared.
  HttpResult en = Http(port_, "POST", "/api/values?format=en",
                       "indicator,unit,period,value\nDS-01,tinh-cao-bang,2021,\"520,000\"\n", csv);
  ASSERT_EQ(en.status, 200) << en.body;
  // Another encoding is refused naming the row.
  HttpResult latin = Http(port_, "POST", "/api/values", "indicator,unit,period,value\nDS-01,Cao B\xE8ng,2020,1\n", csv);
  ASSERT_EQ(latin.status, 422);
  EXPECT_EQ(Fields(latin).at(0).first, "/rows/2");
}

TEST_F(IndicatorApiTest, AnAcceptedFigureReachesListenersWithinASecond) {
  EventListener all(port_, "values"), phones(port_, "values:HTS-01");
  ASSERT_TRUE(all.ok());
  ASSERT_TRUE(phones.ok());
  EXPECT_NE(all.ReadUntil(": dxgov events", std::chrono::seconds(2)).find("text/event-stream"), std::string::npos);
  phones.ReadUntil(": dxgov events", std::chrono::seconds(2));
  const auto sent = std::chrono::steady_clock::now();
  ASSERT_EQ(Post(Fig("DS-01", "tinh-lao-cai-2025", "2025", 1800000)).status, 200);
  const std::string& got = all.ReadUntil("tinh-lao-cai-2025", std::chrono::seconds(1));
  const auto waited = std::chrono::steady_clock::now() - sent;
  ASSERT_NE(got.find("event: values"), std::string::npos) << got;
  EXPECT_LT(waited, std::chrono::seconds(1));
  EXPECT_NE(got.find(R"("indicator":"DS-01")"), std::string::npos) << got;
  EXPECT_NE(got.find("tinh-lao-cai-2025"), std::string::npos) << got;
  // A listener to one indicator hears only that one.
  ASSERT_EQ(Post(Fig("HTS-01", "tinh-lao-cai-2025", "2025", 81)).status, 200);
  const std::string& mine = phones.ReadUntil("HTS-01", std::chrono::seconds(1));
  EXPECT_NE(mine.find(R"("indicator":"HTS-01")"), std::string::npos) << mine;
  EXPECT_EQ(mine.find("DS-01"), std::string::npos) << mine;
  // Drafts are nobody's news.
  auto count = [](const std::string& s) {
    size_t n = 0;
    for (size_t at = s.find("event: values"); at != std::string::npos; at = s.find("event: values", at + 1)) ++n;
    return n;
  };
  const size_t before = count(mine);
  ASSERT_EQ(Post(Fig("HTS-01", "tinh-lao-cai-2025", "2025", 82, R"(,"status":"draft")")).status, 200);
  EXPECT_EQ(count(phones.ReadUntil("never sent", std::chrono::milliseconds(300))), before);
  EXPECT_EQ(As({}, "GET", "/api/events?topics=tasks:dau").status, 400);
  EXPECT_EQ(As({}, "GET", "/api/events?topics=cycles").status, 400);
  // Progress on a published plan's task is announced on "tasks:<plan>", ids only.
  const json::value task = Json(As({}, "GET", "/api/tasks?limit=1")).at("items").at(0);
  const std::string plan = std::to_string(task.at("plan_id").as_int64());
  EventListener plan_listener(port_, "tasks:" + plan);
  ASSERT_TRUE(plan_listener.ok());
  plan_listener.ReadUntil(": dxgov events", std::chrono::seconds(2));
  HttpResult progress = As(admin_, "POST", "/api/tasks/" + std::to_string(task.at("id").as_int64()) + "/progress",
                           R"({"text":"Đã triển khai","percent":10})");
  ASSERT_EQ(progress.status, 201) << progress.body;
  const std::string& heard = plan_listener.ReadUntil("event: tasks", std::chrono::seconds(2));
  EXPECT_NE(heard.find("event: tasks"), std::string::npos) << heard;
  EXPECT_NE(heard.find("\"plan\":" + plan), std::string::npos) << heard;
  EXPECT_EQ(heard.find("Đã triển khai"), std::string::npos) << "the stream is public: ids only";
}

TEST_F(IndicatorApiTest, TheThirtyFiveNationalPlatforms) {
  const json::value all = Json(As({}, "GET", "/api/platforms"));
  EXPECT_EQ(all.at("total"), 35);
  EXPECT_EQ(Json(As({}, "GET", "/api/platforms?category=state")).at("total"), 20);
  EXPECT_EQ(Json(As({}, "GET", "/api/platforms?category=enterprise")).at("total"), 15);
  // Owners resolved to units; enterprises searchable.
  const json::value health = Json(As({}, "GET", "/api/platforms?owner=bo-y-te"));
  EXPECT_EQ(health.at("total"), 4) << "telemedicine, vaccination, health records, commune health stations";
  EXPECT_EQ(Json(As({}, "GET", "/api/platforms?q=misa")).at("total"), 2);
  // The e-invoice platform with its adoption indicator, rolled up from figures.
  ASSERT_EQ(Post(Fig("KTS-03", "", "2023", 96.5)).status, 200);
  const json::value invoices = Json(As({}, "GET", "/api/platforms/nn-09"));
  EXPECT_EQ(invoices.at("owner").at("unit"), "bo-tai-chinh");
  EXPECT_EQ(invoices.at("owner").at("name"), "Bộ Tài chính");
  const json::array& measures = invoices.at("adoption").as_array();
  ASSERT_EQ(measures.size(), 4u) << "units connected, accounts, transactions, and the annex's KTS-03";
  EXPECT_EQ(measures.at(0).at("indicator").at("code"), "NT-NN-09-DV");
  bool found = false;
  for (const auto& y : measures.at(3).at("series").as_array())
    if (y.at("period") == "2023") found = y.at("value").to_number<double>() == 96.5;
  EXPECT_TRUE(found) << invoices.at("adoption");
  // The agricultural data platform is promoted by tasks of the 2022 plan.
  const json::value agri = Json(As({}, "GET", "/api/platforms/nn-11"));
  EXPECT_GE(agri.at("tasks").as_array().size(), 3u);
  EXPECT_EQ(As({}, "GET", "/api/platforms/nn-99").status, 404);
}

// A bulk batch's audit entry summarises it with a digest; a small one spells out every figure.
TEST_F(IndicatorApiTest, BulkBatchesAreAuditedByDigestSmallOnesInFull) {
  std::string rows;
  for (int m = 1; m <= 12; ++m)
    for (const char* unit : {"tp-ha-noi", "tinh-cao-bang", "tinh-dien-bien", "tinh-lai-chau", "tinh-son-la",
                             "tinh-lang-son", "tinh-quang-ninh", "tinh-thanh-hoa", "tinh-nghe-an", "tinh-ha-tinh"})
    {
      char period[8];
      std::snprintf(period, sizeof period, "2025-%02d", m);
      if (!rows.empty()) rows.push_back(',');
      rows.append(Fig("NT-NN-01-GD", unit, period, m));
    }
  HttpResult bulk = Post(rows);
  ASSERT_EQ(bulk.status, 200) << bulk.body;
  ASSERT_EQ(Json(bulk).at("inserted"), 120);
  const json::value trail = Json(As(admin_, "GET", "/api/audit?entity=values&limit=5"));
  const json::value& entry = trail.at("items").at(0);
  EXPECT_EQ(entry.at("entity_id"), "120 values");
  EXPECT_EQ(entry.at("after").at("count"), 120);
  EXPECT_EQ(entry.at("after").at("from"), "2025-01");
  EXPECT_EQ(entry.at("after").at("to"), "2025-12");
  EXPECT_EQ(entry.at("after").at("units"), 10);
  EXPECT_EQ(entry.at("after").at("sha256").as_string().size(), 64u);
  // A single figure is spelled out, with the version it replaced.
  ASSERT_EQ(Post(Fig("NT-NN-01-GD", "tp-ha-noi", "2025-01", 99)).status, 200);
  const json::value single = Json(As(admin_, "GET", "/api/audit?entity=values&limit=1")).at("items").at(0);
  EXPECT_EQ(single.at("entity_id"), "NT-NN-01-GD/tp-ha-noi/2025-01");
  EXPECT_EQ(single.at("after").at(0).at("value").to_number<double>(), 99);
  EXPECT_EQ(single.at("before").at(0).at("value").to_number<double>(), 1);
}

// Adoption of a platform per unit, through the same figures and rollups as any indicator:
// units connected is a stock (the year's latest quarter, summed over reporting units),
// transactions a flow (a year's months summed).
TEST_F(IndicatorApiTest, PlatformAdoptionRollsUpFromMinistriesAndProvinces) {
  HttpResult posted = Post(Fig("NT-NN-10-DV", "tp-ha-noi", "2025-Q3", 90) + "," +
                           Fig("NT-NN-10-DV", "tp-ha-noi", "2025-Q4", 120) + "," +
                           Fig("NT-NN-10-DV", "tinh-lao-cai-2025", "2025-Q4", 40) + "," +
                           Fig("NT-NN-10-DV", "bo-y-te", "2025-Q4", 15) + "," +
                           Fig("NT-NN-10-GD", "tp-ha-noi", "2025-11", 1000) + "," +
                           Fig("NT-NN-10-GD", "tp-ha-noi", "2025-12", 500));
  ASSERT_EQ(posted.status, 200) << posted.body;
  // A commune does not report platform adoption; a count is whole.
  HttpResult commune = Post(Fig("NT-NN-10-DV", "xa-2025-00070", "2025-Q4", 3));
  EXPECT_EQ(commune.status, 422);
  EXPECT_EQ(Fields(commune).at(0).first, "/values/0/unit");
  EXPECT_EQ(Post(Fig("NT-NN-10-GD", "tp-ha-noi", "2025-10", 2.5)).status, 422);

  auto year = [](const json::value& platform, size_t measure, const std::string& period) -> json::value {
    for (const auto& y : platform.at("adoption").at(measure).at("series").as_array())
      if (y.at("period") == json::value(period)) return y;
    return nullptr;
  };
  const json::value country = Json(As({}, "GET", "/api/platforms/nn-10?years=20"));
  ASSERT_EQ(country.at("adoption").as_array().size(), 3u);
  EXPECT_EQ(country.at("adoption").at(2).at("indicator").at("period_type"), "month");
  const json::value connected = year(country, 0, "2025");
  ASSERT_TRUE(connected.is_object()) << country.at("adoption");
  EXPECT_EQ(connected.at("value").to_number<double>(), 175) << "Q4, not Q3 + Q4";
  EXPECT_EQ(connected.at("reported").to_number<int64_t>(), 3);
  EXPECT_EQ(year(country, 2, "2025").at("value").to_number<double>(), 1500);

  const json::value hanoi = Json(As({}, "GET", "/api/platforms/nn-10?unit=tp-ha-noi&years=20"));
  EXPECT_EQ(year(hanoi, 0, "2025").at("value").to_number<double>(), 120);
  EXPECT_EQ(year(hanoi, 0, "2025").at("unit"), "tp-ha-noi");
  // A province ranking on the platform, as for any indicator.
  const json::value ranking = Rollup("indicator=NT-NN-10-DV&level=provincial&period=2025-Q4&sort=-value");
  EXPECT_EQ(ranking.at("items").at(0).at("unit"), "tp-ha-noi");
  EXPECT_EQ(ranking.at("items").at(1).at("unit"), "tinh-lao-cai-2025");
  EXPECT_EQ(As({}, "GET", "/api/platforms/nn-10?unit=nowhere").status, 400);
  EXPECT_EQ(As({}, "GET", "/api/platforms/nn-10?years=0").status, 400);
}

TEST_F(IndicatorApiTest, ApproversApproveSubmittedFiguresAndHistoryKeepsEveryVersion) {
  ASSERT_EQ(Post(Fig("DS-01", "xa-2025-02269", "2025", 12000), false, editor_).status, 200) << "a commune of the province";
  const std::string item = R"({"indicator":"DS-01","unit":"xa-2025-02269","period":"2025")";
  EXPECT_EQ(As(approver_, "POST", "/api/values/approve", R"({"items":[)" + item + R"(,"revision":7}]})").status, 412);
  EXPECT_EQ(As(editor_, "POST", "/api/values/approve", R"({"items":[)" + item + "}]}").status, 403);
  HttpResult ok = As(approver_, "POST", "/api/values/approve", R"({"items":[)" + item + R"(,"revision":1}]})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Json(ok).at("approved"), 1);
  EXPECT_EQ(As(approver_, "POST", "/api/values/approve",
               R"({"items":[{"indicator":"DS-01","unit":"tp-ha-noi","period":"2025"}]})").status, 403);
  const json::value history = Json(As({}, "GET", "/api/values/history?indicator=DS-01&unit=xa-2025-02269&period=2025"));
  ASSERT_EQ(history.at("total"), 2);
  EXPECT_EQ(history.at("items").at(0).at("status"), "approved");
  EXPECT_EQ(history.at("items").at(0).at("updated_by"), "duyet");
  EXPECT_EQ(history.at("items").at(1).at("status"), "submitted");
  EXPECT_EQ(history.at("items").at(1).at("updated_by"), "tinh");
  // Approved figures are what approved_only rollups count.
  const json::value approved = Rollup("indicator=DS-01&unit=xa-2025-02269&period=2025&approved_only=true");
  EXPECT_EQ(approved.at("items").at(0).at("value").to_number<double>(), 12000);
}

TEST_F(IndicatorApiTest, StandingEditorsDefineIndicators) {
  const std::string def = R"({"code":"TEST-01","name":"Số điểm truy cập Internet công cộng","unit_of_measure":"điểm",
    "period_type":"quarter","value_type":"count","reported_by":["province","city"],
    "aggregation":{"across_units":"sum","over_time":"latest"}})";
  EXPECT_EQ(As(editor_, "POST", "/api/indicators", def).status, 403);
  HttpResult made = As(admin_, "POST", "/api/indicators", def);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.header("location"), "/api/indicators/TEST-01");
  EXPECT_EQ(As(admin_, "POST", "/api/indicators", def).status, 409);
  HttpResult weightless = As(admin_, "POST", "/api/indicators",
                             R"({"code":"TEST-02","name":"X","unit_of_measure":"%","period_type":"year",
                                 "value_type":"percentage","reported_by":["province"],
                                 "aggregation":{"across_units":"weighted_mean","over_time":"latest","weight":"NOPE"}})");
  ASSERT_EQ(weightless.status, 422);
  EXPECT_EQ(Fields(weightless), (std::vector<std::pair<std::string, std::string>>{{"/aggregation/weight", "no indicator NOPE"}}));
  HttpResult patched = Http(port_, "PATCH", "/api/indicators/TEST-01", R"({"period_type":"month"})",
                            [&] { Headers h = admin_; h.emplace_back("If-Match", made.header("etag")); return h; }());
  EXPECT_EQ(patched.status, 422) << patched.body;
}

}  // namespace
}  // namespace dxgov
