#include "export/docx_document.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace dxgov::exporting {
namespace {

TEST(XmlTextTest, EscapesMarkupAndDropsWhatXmlForbids) {
  EXPECT_EQ(XmlText("a < b & \"c\" > d"), "a &lt; b &amp; &quot;c&quot; &gt; d");
  EXPECT_EQ(XmlText(std::string("x\x01y\x1Fz\tw", 7)), "xyz\tw");
  EXPECT_EQ(XmlText("Việt\xC3"), "Việt\xEF\xBF\xBD");  // a cut sequence becomes U+FFFD
}

TEST(DocxBodyTest, LineBreaksStartParagraphsAndTablesRepeatTheirHeader) {
  DocxBody b;
  b.Paragraph("một\nhai");
  EXPECT_EQ(b.xml(),
            "<w:p><w:pPr><w:pStyle w:val=\"BodyText\"/></w:pPr><w:r><w:t xml:space=\"preserve\">một</w:t></w:r></w:p>"
            "<w:p><w:pPr><w:pStyle w:val=\"BodyText\"/></w:pPr><w:r><w:t xml:space=\"preserve\">hai</w:t></w:r></w:p>");
  DocxBody t;
  t.Table({{"A", 1000}, {"B", 2000}}, {{"1", "<x>"}});
  EXPECT_NE(t.xml().find("<w:tblW w:w=\"3000\""), std::string::npos);
  EXPECT_NE(t.xml().find("<w:tblHeader/>"), std::string::npos);
  EXPECT_NE(t.xml().find("&lt;x&gt;"), std::string::npos);
}

TEST(WriteDocxTest, AnUnfilledPlaceholderIsAnErrorNamingIt) {
  dxgov::testing::TempDir dir("dxgov-docx");
  const DocxBody empty;
  auto r = WriteDocx((dir.path() / "x.docx").string(), {{"ISSUING_BODY", "Bộ"}},
                     {{"ISSUER", &empty}, {"BODY", &empty}, {"RECIPIENTS", &empty}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInternal);
  EXPECT_NE(r.error().message_en().find("{{NUMBER}}"), std::string::npos) << r.error().message_en();
}

}  // namespace
}  // namespace dxgov::exporting
