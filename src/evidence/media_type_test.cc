#include "evidence/media_type.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/evidence.h"
#include "support/source_file.h"

namespace dxgov::evidence {
namespace {

std::string Fixture(const std::string& name) {
  std::string bytes = testing::SourceFile("tests/data/evidence/" + name);
  EXPECT_FALSE(bytes.empty()) << name;
  return bytes;
}

std::string TypeOf(std::string_view bytes) {
  auto r = DetectMediaType(bytes);
  return r.ok() ? r.value() : "error: " + r.error().message_en();
}

TEST(MediaTypeTest, TheContentDecidesNotTheName) {
  EXPECT_EQ(TypeOf(Fixture("bien-ban.pdf")), "application/pdf");
  EXPECT_EQ(TypeOf(Fixture("bao-cao.docx")),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(TypeOf(Fixture("so-lieu.xlsx")), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(TypeOf(Fixture("anh-chup.png")), "image/png");
  EXPECT_EQ(TypeOf(Fixture("anh.jpg")), "image/jpeg");
  // A program named .pdf is a program, and is not accepted.
  const std::string exe = TypeOf(Fixture("chuong-trinh.pdf"));
  EXPECT_NE(exe, "application/pdf");
  EXPECT_FALSE(AcceptedEvidenceType(exe)) << exe;
  EXPECT_FALSE(AcceptedEvidenceType(TypeOf("<html><script>alert(1)</script></html>")));
  EXPECT_FALSE(AcceptedEvidenceType(TypeOf("")));
}

TEST(MediaTypeTest, DetectsFromManyThreadsAtOnce) {
  const std::string pdf = Fixture("bien-ban.pdf"), png = Fixture("anh-chup.png");
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (TypeOf(pdf) != "application/pdf") ++wrong;
        if (TypeOf(png) != "image/png") ++wrong;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace dxgov::evidence
