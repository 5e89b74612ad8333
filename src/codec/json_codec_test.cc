#include "codec/json_codec.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace dxgov::codec {
namespace {
namespace json = boost::json;

json::value Parse(const char* s) {
  auto v = ParseJson(s);
  EXPECT_TRUE(v.ok()) << s;
  return v.ok() ? v.value() : json::value();
}

std::vector<std::string> Paths(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields()) out.push_back(f.path);
  return out;
}

TEST(CodecTest, TaskRoundTrips) {
  Task t;
  t.id = 7;
  t.plan_id = 2;
  t.section = "III";
  t.number = "III.10.đ";
  t.title = "Chủ trì điều phối";
  t.lead = {"bo-tttt", "Bộ Thông tin và Truyền thông"};
  t.coordinators = {{"cac-bo-nganh-dia-phuong", "Các bộ, ngành, địa phương"}};
  Deadline d;
  d.kind = DeadlineKind::kMonth;
  d.text = "Tháng 12/2022";
  d.year = 2022;
  d.month = 12;
  t.deadline = d;
  Target target;
  target.value = 65;
  target.value_to = 70;
  target.comparator = Comparator::kRange;
  target.unit = "%";
  target.year = 2022;
  t.targets = {target};
  t.source = SourceRef{"data/seeds/000.txt", 10, 12};
  auto back = TaskFromJson(ToJson(t), "");
  ASSERT_TRUE(back.ok()) << back.error().message_en();
  EXPECT_EQ(back->number, t.number);
  EXPECT_EQ(back->deadline, t.deadline);
  EXPECT_EQ(back->coordinators[0].as_written, "Các bộ, ngành, địa phương");
  EXPECT_EQ(back->targets[0].value_to, 70);
  EXPECT_EQ(back->source->line_to, 12);
}

TEST(CodecTest, UnknownFieldsAndBadTypesAreNamed) {
  auto t = TaskFromJson(Parse(R"({"plan_id":1,"title":"x","lead":"bo-tttt","colour":"red","progress_percent":"5"})"), "");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Paths(t.error()), (std::vector<std::string>{"/progress_percent", "/colour"}));
}

// Found by the fuzzer: the string shorthand for a unit skipped the object form's checks
// (length, NFC), so a task decoded once could not be read back from its own JSON. Both
// forms now require a well-formed unit id.
TEST(CodecTest, UnitReferencesMustBeUnitIds) {
  const std::string long_id(65, 'j');
  auto t = TaskFromJson(Parse(("{\"plan_id\":1,\"title\":\"x\",\"lead\":\"" + long_id + "\"}").c_str()), "");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(Paths(t.error()), (std::vector<std::string>{"/lead"}));
  auto decomposed = TaskFromJson(Parse("{\"plan_id\":1,\"title\":\"x\",\"lead\":\"bo\",\"coordinators\":"
                                       "[\"n\u0303m\",{\"unit\":\"Bộ Y tế\"}]}"), "");
  ASSERT_FALSE(decomposed.ok());
  EXPECT_EQ(Paths(decomposed.error()), (std::vector<std::string>{"/coordinators/0", "/coordinators/1/unit"}));
}

TEST(CodecTest, DeadlineKindsAreChecked) {
  auto d = DeadlineFromJson(Parse(R"({"kind":"fortnight"})"), "/deadline");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(Paths(d.error()), (std::vector<std::string>{"/deadline/kind"}));
  auto q = DeadlineFromJson(Parse(R"({"kind":"quarter","year":2022})"), "/deadline");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(Paths(q.error()), (std::vector<std::string>{"/deadline/quarter"}));
}

TEST(CodecTest, DeadlineTextAloneIsRead) {
  auto d = DeadlineFromJson(Parse(R"({"text":"Quý II/2022"})"), "/deadline");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->kind, DeadlineKind::kQuarter);
  EXPECT_EQ(d->quarter, 2);
  auto s = DeadlineFromJson(json::value("trước ngày 30 tháng 11 hàng năm"), "/deadline");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, DeadlineKind::kRecurring);
}

TEST(CodecTest, ReadOnlyMembersAreAcceptedAndIgnored) {
  auto t = TaskFromJson(Parse(R"({"plan_id":1,"title":"x","lead":{"unit":"bo-tttt","name":"Bộ TT&TT"},
                                  "timeliness":"overdue","status_label":"Quá hạn"})"), "");
  ASSERT_TRUE(t.ok()) << t.error().message_en();
  EXPECT_EQ(t->lead.unit_id, "bo-tttt");
}

TEST(CodecTest, TooDeepJsonIsRejected) {
  std::string deep(100, '[');
  deep += std::string(100, ']');
  auto v = ParseJson(deep);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().fields().at(0).reason, "too deeply nested");
  EXPECT_FALSE(ParseJson("{\"a\":").ok());
}

TEST(CodecTest, InvalidUtf8InAStringIsNamed) {
  json::object o{{"plan_id", 1}, {"title", json::string("\xc3\x28")}, {"lead", "bo-tttt"}};
  auto t = TaskFromJson(o, "");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(Paths(t.error()), (std::vector<std::string>{"/title"}));
}

TEST(CodecTest, TargetsValidateByComparator) {
  auto range = TargetFromJson(Parse(R"({"value":70,"value_to":65,"unit":"%","comparator":"range"})"), "/t");
  ASSERT_FALSE(range.ok());
  EXPECT_EQ(Paths(range.error()), (std::vector<std::string>{"/t/value_to"}));
  auto pct = TargetFromJson(Parse(R"({"value":120,"unit":"%","comparator":"ge"})"), "/t");
  ASSERT_FALSE(pct.ok());
  EXPECT_EQ(Paths(pct.error()), (std::vector<std::string>{"/t/value"}));
  auto top = TargetFromJson(Parse(R"({"value":50,"unit":"rank","comparator":"top"})"), "/t");
  ASSERT_TRUE(top.ok());
  EXPECT_EQ(DescribeTargetVi(*top), "nhóm 50 dẫn đầu");
}

TEST(CodecTest, MergePatchFollowsRfc7396) {
  json::value target = Parse(R"({"a":1,"b":{"c":2,"d":3},"e":[1,2]})");
  MergePatch(target, Parse(R"({"a":null,"b":{"c":5},"e":[9]})"));
  EXPECT_EQ(target, Parse(R"({"b":{"c":5,"d":3},"e":[9]})"));
}

TEST(CodecTest, ErrorShape) {
  Error e(ErrorCode::kInvalidArgument, "Sai", "wrong", {{"/deadline/kind", "unknown"}});
  json::object o = ToJson(e);
  EXPECT_EQ(o.at("error").at("code"), "invalid_argument");
  EXPECT_EQ(o.at("error").at("message"), "Sai");
  EXPECT_EQ(o.at("error").at("fields").at(0).at("path"), "/deadline/kind");
}

}  // namespace
}  // namespace dxgov::codec

namespace dxgov::codec {
namespace {

TEST(SerializeTest, WritesNumbersAsPeopleReadThem) {
  const boost::json::value v = boost::json::object{
      {"a", 10.0}, {"b", 85.5}, {"c", 150000.0}, {"d", 0.001}, {"e", -2.25}, {"f", 1e300},
      {"g", std::nan("")}, {"n", 42}, {"s", "Hà Nội \"x\"\n"}, {"l", boost::json::array{0.5, nullptr, true}}};
  EXPECT_EQ(Serialize(v), "{\"a\":10,\"b\":85.5,\"c\":150000,\"d\":0.001,\"e\":-2.25,\"f\":1e+300,\"g\":null,"
                          "\"n\":42,\"s\":\"Hà Nội \\\"x\\\"\\n\",\"l\":[0.5,null,true]}");
  // What it writes reads back to the same numbers.
  const auto back = boost::json::parse(Serialize(v));
  EXPECT_EQ(back.at("b").to_number<double>(), 85.5);
  EXPECT_EQ(back.at("f").to_number<double>(), 1e300);
}

}  // namespace
}  // namespace dxgov::codec
