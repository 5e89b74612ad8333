#include "core/evidence.h"

#include <gtest/gtest.h>

#include "core/test_status.h"

namespace dxgov {
namespace {

using testing_status::PathsOf;

Evidence Pdf() {
  Evidence e;
  e.owner_id = 12;
  e.sha256 = std::string(64, 'a');
  e.file_name = "Quyết định 123.pdf";
  e.media_type = "application/pdf";
  e.size = 2048;
  return e;
}

TEST(EvidenceTest, FilesAreAcceptedByTheirDetectedTypeAndSize) {
  EXPECT_TRUE(ValidateEvidence(Pdf()).ok());
  EXPECT_EQ(ExtensionOf("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "xlsx");
  EXPECT_FALSE(AcceptedEvidenceType("application/zip"));
  EXPECT_FALSE(AcceptedEvidenceType("application/x-dosexec"));
  Evidence e = Pdf();
  e.owner_id = 0;
  e.sha256 = "ABC";
  e.file_name = "../../etc/passwd";
  e.media_type = "application/x-dosexec";
  e.size = kMaxEvidenceBytes + 1;
  e.title = std::string(501, 'x');
  EXPECT_EQ(PathsOf(ValidateEvidence(e)),
            (std::vector<std::string>{"/owner_id", "/sha256", "/file_name", "/media_type", "/size", "/title"}));
}

TEST(EvidenceTest, LinksAreHttpAddresses) {
  Evidence link;
  link.owner_id = 3;
  link.kind = EvidenceKind::kLink;
  link.url = "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html";
  EXPECT_TRUE(ValidateEvidence(link).ok());
  for (const char* bad : {"javascript:alert(1)", "ftp://x.vn/a", "https://", "https:///path", "https://a b.vn",
                          "file:///etc/passwd", "http://x.vn/\n"}) {
    link.url = bad;
    EXPECT_EQ(PathsOf(ValidateEvidence(link)), (std::vector<std::string>{"/url"})) << bad;
  }
}

TEST(EvidenceTest, FileNamesKeepOnlyTheirLastComponent) {
  EXPECT_EQ(CleanFileName("C:\\Users\\lan\\Báo cáo quý III.docx"), "Báo cáo quý III.docx");
  EXPECT_EQ(CleanFileName("../../etc/passwd"), "passwd");
  EXPECT_EQ(CleanFileName("a\r\nb.pdf"), "ab.pdf");
  EXPECT_EQ(CleanFileName(".."), "tep-dinh-kem");
  EXPECT_EQ(CleanFileName(""), "tep-dinh-kem");
  // 100 two-byte letters and more: cut on a character boundary.
  std::string long_name;
  for (int i = 0; i < 150; ++i) long_name += "ư";
  const std::string cut = CleanFileName(long_name);
  EXPECT_EQ(cut.size(), 200u);
  EXPECT_EQ(cut.substr(198), "ư");
}

}  // namespace
}  // namespace dxgov
