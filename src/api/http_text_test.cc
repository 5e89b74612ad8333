// The request target, query parameters and identity headers, read without a server.
#include <gtest/gtest.h>

#include "api/http_auth.h"
#include "api/query_params.h"
#include "api/request_target.h"

namespace dxgov::api {
namespace {

TEST(RequestTarget, DecodesPathAndQueryInOrder) {
  std::string path;
  QueryPairs q;
  ASSERT_TRUE(ParseRequestTarget("/api/t%C3%A1sks?lead=B%E1%BB%99+T%C3%A0i&&limit=5&flag", path, q));
  EXPECT_EQ(path, "/api/t\xC3\xA1sks");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0], (std::pair<std::string, std::string>("lead", "B\xE1\xBB\x99 T\xC3\xA0i")));
  EXPECT_EQ(q[1], (std::pair<std::string, std::string>("limit", "5")));
  EXPECT_EQ(q[2], (std::pair<std::string, std::string>("flag", "")));
}

TEST(RequestTarget, PlusIsASpaceOnlyInTheQuery) {
  std::string path;
  QueryPairs q;
  ASSERT_TRUE(ParseRequestTarget("/a+b?x=a+b", path, q));
  EXPECT_EQ(path, "/a+b");
  EXPECT_EQ(q[0].second, "a b");
}

TEST(RequestTarget, RejectsMalformedTargets) {
  std::string path;
  QueryPairs q;
  EXPECT_FALSE(ParseRequestTarget("", path, q));
  EXPECT_FALSE(ParseRequestTarget("api/tasks", path, q));
  EXPECT_FALSE(ParseRequestTarget("*", path, q));
  EXPECT_FALSE(ParseRequestTarget("/api/%zz", path, q));
  EXPECT_FALSE(ParseRequestTarget("/api/%4", path, q));
  EXPECT_FALSE(ParseRequestTarget("/api?q=%", path, q));
  EXPECT_FALSE(ParseRequestTarget("/api?%G1=x", path, q));
  EXPECT_FALSE(ParseRequestTarget("%2Fapi", path, q)) << "origin-form starts with a literal slash";
}

TEST(RequestTarget, MediaTypeDropsParametersAndCase) {
  EXPECT_EQ(MediaType("Application/JSON; charset=utf-8"), "application/json");
  EXPECT_EQ(MediaType("  text/csv\t"), "text/csv");
  EXPECT_EQ(MediaType(""), "");
}

TEST(QueryParamsTest, ReadsTypedValues) {
  QueryParams p({{"limit", "20"}, {"due", "2022-12-31"}, {"open", "1"}, {"q", "Nông nghiệp"}}, {"limit", "offset", "due", "open", "q"});
  int limit = 0;
  int64_t offset = -1;
  p.Page(limit, offset);
  EXPECT_EQ(limit, 20);
  EXPECT_EQ(offset, 0);
  EXPECT_EQ(p.DateP("due"), MakeDate(2022, 12, 31));
  EXPECT_TRUE(p.Bool("open"));
  EXPECT_EQ(p.Str("q"), "Nông nghiệp");
  EXPECT_FALSE(p.Problems().has_value());
}

TEST(QueryParamsTest, NamesEveryProblemAtOnce) {
  QueryParams p({{"limit", "0"}, {"limit", "7"}, {"offset", "-1"}, {"due", "31/12/2022"}, {"open", "yes"}, {"color", "red"},
                 {"q", std::string("\xC3\x28", 2)}, {"status", "done,bogus"}},
                {"limit", "offset", "due", "open", "q", "status"});
  int limit = 0;
  int64_t offset = 0;
  p.Page(limit, offset);
  EXPECT_EQ(limit, 7) << "the last of a repeated parameter is read, and the repetition reported";
  (void)p.DateP("due");
  (void)p.Bool("open");
  (void)p.Str("q");
  auto parse = [](const std::string& s) -> std::optional<int> {
    if (s == "done") return 1;
    return std::nullopt;
  };
  EXPECT_EQ(p.List<int>("status", parse, "done"), std::vector<int>{1});
  auto e = p.Problems();
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(e->message_en(), "unknown query parameters: color");
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& f : e->fields()) got.emplace_back(f.path, f.reason);
  const std::vector<std::pair<std::string, std::string>> want = {
      {"/query/limit", "given more than once"},
      {"/query/offset", "must be an integer 0..4611686018427387903"},
      {"/query/due", "must be a date YYYY-MM-DD"},
      {"/query/open", "must be true or false"},
      {"/query/q", "must be valid UTF-8 of at most 1000 bytes"},
      {"/query/status", "'bogus' is not one of done"},
      {"/query/color", "unknown parameter"},
  };
  EXPECT_EQ(got, want);
}

TEST(HttpAuth, CookieValueTakesTheFirstWellFormedOccurrence) {
  EXPECT_EQ(CookieValue("a=1; dxgov_session=abc-_; dxgov_session=zzz", "dxgov_session"), "abc-_");
  EXPECT_EQ(CookieValue("dxgov_session=\"q\"", "dxgov_session"), "q");
  EXPECT_EQ(CookieValue("dxgov_session=a b", "dxgov_session"), "");
  EXPECT_EQ(CookieValue("other=1", "dxgov_session"), "");
  EXPECT_EQ(CookieValue("dxgov_session=" + std::string(300, 'a'), "dxgov_session"), "");
}

TEST(HttpAuth, BearerTokenNeedsTheSchemeAndTokenCharacters) {
  bool ok = false;
  EXPECT_EQ(BearerToken("Bearer dxt_abc", ok), "dxt_abc");
  EXPECT_TRUE(ok);
  EXPECT_EQ(BearerToken("  bearer   dxt_abc  ", ok), "dxt_abc");
  EXPECT_TRUE(ok);
  EXPECT_EQ(BearerToken("", ok), "");
  EXPECT_TRUE(ok) << "no header is anonymous, not malformed";
  EXPECT_EQ(BearerToken("Basic YTpi", ok), "");
  EXPECT_FALSE(ok);
  EXPECT_EQ(BearerToken("Bearer dxt_a\"b", ok), "");
  EXPECT_FALSE(ok);
  EXPECT_EQ(BearerToken("Bearer ", ok), "");
  EXPECT_FALSE(ok);
}

TEST(HttpAuth, ClientAddressTrustsOnlyConfiguredProxiesAndAddresses) {
  const std::vector<std::string> proxies = {"127.0.0.1"};
  EXPECT_EQ(ClientAddress("10.0.0.9", "203.0.113.5", proxies), "10.0.0.9");
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1, 203.0.113.5", proxies), "203.0.113.5");
  EXPECT_EQ(ClientAddress("127.0.0.1", "2001:db8::1", proxies), "2001:db8::1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "evil\nlog line", proxies), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "", proxies), "127.0.0.1");
}

TEST(HttpAuth, SessionCookieAttributes) {
  EXPECT_EQ(SessionSetCookie("v", false, 60), "dxgov_session=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=60");
  EXPECT_EQ(SessionSetCookie("", true, 0), "dxgov_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure");
}

}  // namespace
}  // namespace dxgov::api
