#include "store/files/blob_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>
#include <vector>

#include "support/temp_dir.h"

namespace dxgov::files {
namespace {

namespace fs = std::filesystem;

// `sha256sum` of the UTF-8 bytes of "Biên bản nghiệm thu".
constexpr const char* kHash = "2c6afcf5c0154006ce210bc4069022a3d4c5cad88107fc2b4a83a3a8737844c8";

TEST(BlobDirTest, KeepsEachContentOnceUnderItsHash) {
  testing::TempDir tmp("dxgov-blobs");
  BlobDir dir(tmp.path() / "files");
  auto a = dir.Put("Biên bản nghiệm thu");
  ASSERT_TRUE(a.ok()) << a.error().message_en();
  EXPECT_EQ(*a, kHash);
  EXPECT_TRUE(fs::is_regular_file(tmp.path() / "files" / "2c" / kHash));
  auto again = dir.Put("Biên bản nghiệm thu");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, kHash);
  auto read = dir.Get(kHash);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, "Biên bản nghiệm thu");
  // Only the file itself is left: no temporary files.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::recursive_directory_iterator(tmp.path() / "files")) ++entries;
  EXPECT_EQ(entries, 2);  // the "2c" directory and the file
}

TEST(BlobDirTest, NamesOutsideTheDirectoryAndDamagedFilesAreRefused) {
  testing::TempDir tmp("dxgov-blobs");
  BlobDir dir(tmp.path() / "files");
  EXPECT_EQ(dir.Get("../../etc/passwd").error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(dir.Get(std::string(64, 'A')).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(dir.Get(std::string(64, 'a')).error().code(), ErrorCode::kNotFound);
  ASSERT_TRUE(dir.Put("Biên bản nghiệm thu").ok());
  std::ofstream(dir.PathOf(kHash), std::ios::binary | std::ios::trunc) << "sửa trộm";
  EXPECT_EQ(dir.Get(kHash).error().code(), ErrorCode::kInternal);
}

TEST(BlobDirTest, CopiesWhatABackupNamesAndManyWritersAgree) {
  testing::TempDir tmp("dxgov-blobs");
  BlobDir dir(tmp.path() / "files");
  std::vector<std::thread> writers;
  std::vector<std::string> hashes(8);
  for (int i = 0; i < 8; ++i)
    writers.emplace_back([&, i] {
      auto h = dir.Put(std::string(1000, static_cast<char>('a' + i % 2)));  // two contents, four writers each
      hashes[i] = h.ok() ? *h : "";
    });
  for (auto& t : writers) t.join();
  for (int i = 0; i < 8; ++i) EXPECT_EQ(hashes[i], hashes[i % 2]);
  ASSERT_TRUE(dir.CopyTo({hashes[0], hashes[1]}, tmp.path() / "backup.files").ok());
  BlobDir copy(tmp.path() / "backup.files");
  EXPECT_EQ(copy.Get(hashes[1]).value(), std::string(1000, 'b'));
  EXPECT_EQ(dir.CopyTo({std::string(64, 'f')}, tmp.path() / "backup.files").error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace dxgov::files
