#include "audit/audit_chain.h"

#include <gtest/gtest.h>

namespace dxgov::audit {
namespace {

std::vector<AuditEntry> Chain(int n) {
  std::vector<AuditEntry> out;
  std::string prev;
  for (int i = 1; i <= n; ++i) {
    AuditEntry e;
    e.id = i;
    e.at = "2026-11-23T09:00:0" + std::to_string(i) + ".000Z";
    e.actor = "system";
    e.entity = "task";
    e.entity_id = std::to_string(i);
    e.action = i == 1 ? "create" : "update";
    if (i > 1) e.before = R"({"title":"cũ"})";
    e.after = R"({"title":"mới )" + std::to_string(i) + "\"}";
    e.prev_hash = prev;
    e.hash = HashOf(e);
    prev = e.hash;
    out.push_back(e);
  }
  return out;
}

ChainReport Verify(const std::vector<AuditEntry>& entries) {
  ChainVerifier v;
  for (const auto& e : entries) v.Add(e);
  return v.report();
}

TEST(AuditChainTest, AnUntouchedChainVerifies) {
  auto r = Verify(Chain(5));
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.checked, 5);
}

TEST(AuditChainTest, AnEditedEntryIsFound) {
  auto chain = Chain(5);
  chain[2].after = R"({"title":"sửa lén"})";
  auto r = Verify(chain);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, 3);
}

TEST(AuditChainTest, ARemovedEntryIsFound) {
  auto chain = Chain(5);
  chain.erase(chain.begin() + 1);
  auto r = Verify(chain);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, 2);
}

TEST(AuditChainTest, RehashingOneEntryDoesNotHideTheEdit) {
  auto chain = Chain(5);
  chain[2].actor = "someone else";
  chain[2].hash = HashOf(chain[2]);  // the editor recomputes this entry's hash...
  auto r = Verify(chain);
  EXPECT_FALSE(r.ok);                // ...but the next entry still links to the old one
  EXPECT_EQ(r.first_bad_id, 4);
}

TEST(AuditChainTest, FieldsCannotTradeText) {
  AuditEntry a;
  a.entity = std::string("task");
  a.entity_id = std::string("12");
  AuditEntry b;
  b.entity = std::string("task1");
  b.entity_id = std::string("2");
  EXPECT_NE(HashOf(a), HashOf(b));
}

// The digest is SHA-256 over length-prefixed fields: "1:a2:bc" for ("a", "bc"), so moving
// text between fields changes it.
TEST(ContentDigestTest, HashesLengthPrefixedFields) {
  EXPECT_EQ(ContentDigest().Add("a").Add("bc").Hex(), "5310a58788781ab25d5ad7c3f85035824b4eb7bdfa394e0ac2186271472b5492");
  EXPECT_NE(ContentDigest().Add("ab").Add("c").Hex(), ContentDigest().Add("a").Add("bc").Hex());
  EXPECT_EQ(ContentDigest().Hex().size(), 64u);
  EXPECT_EQ(ContentDigest().AddAll({"a", "bc"}).Add("").Hex(), ContentDigest().Add("a").Add("bc").Add("").Hex());
  EXPECT_NE(ContentDigest().AddAll({"ab", "c"}).Hex(), ContentDigest().AddAll({"a", "bc"}).Hex());
}

}  // namespace
}  // namespace dxgov::audit
