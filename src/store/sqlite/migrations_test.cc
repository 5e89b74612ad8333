// Upgrades of an existing database: a file at an older schema, with figures in it, is
// brought to the latest schema by ApplyMigrations with nothing lost.
#include "store/sqlite/migrations.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

namespace dxgov::sqlite {
namespace {

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("dxgov-migrations-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".sqlite"))
                .string();
    Remove();
  }
  void TearDown() override { Remove(); }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  // The schema as it stood at `version`, applied the way ApplyMigrations records it.
  void MigrateTo(Db& db, int version) {
    ASSERT_TRUE(CurrentSchemaVersion(db).ok());
    for (const Migration& m : AllMigrations()) {
      if (m.version > version) break;
      ASSERT_TRUE(db.Exec(m.sql).ok()) << "migration " << m.version;
      auto ins = db.Prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)");
      ASSERT_TRUE(ins.ok());
      ins->Bind(1, m.version).Bind(2, m.name);
      ASSERT_TRUE(ins->Run().ok());
    }
  }

  std::string path_;
};

TEST_F(MigrationsTest, FiguresSurviveTheRekeyingOfVersion6) {
  auto db = Db::Open(path_, true);
  ASSERT_TRUE(db.ok()) << db.error().message_en();
  MigrateTo(*db, 5);
  ASSERT_TRUE(db->Exec("INSERT INTO data_values VALUES "
                       "('HTS-01','tinh-cao-bang','2024-03',12.5,0,1,1,'',1,'2024-04-01T00:00:00Z','u1'),"
                       "('HTS-01','tinh-cao-bang','2024-02',11,1,2,0,'ghi chú',3,'2024-03-01T00:00:00Z','u2'),"
                       "('HTS-01','tp-ha-noi','2024-02',40,0,1,2,'',1,'2024-03-02T00:00:00Z','u1')")
                  .ok());

  auto version = ApplyMigrations(*db);
  ASSERT_TRUE(version.ok()) << version.error().message_en();
  EXPECT_EQ(*version, LatestSchemaVersion());
  EXPECT_GE(*version, 6);

  // Every column of every figure is kept; the key is now indicator, period, unit.
  auto s = db->Prepare("SELECT unit, period, value, estimated, status, provenance, note, revision, updated_by "
                       "FROM data_values ORDER BY indicator, period, unit");
  ASSERT_TRUE(s.ok());
  std::vector<std::string> rows;
  for (;;) {
    auto row = s->Step();
    ASSERT_TRUE(row.ok());
    if (!*row) break;
    rows.push_back(s->Text(0) + " " + s->Text(1) + " " + std::to_string(s->Real(2)) + " " + std::to_string(s->Int(3)) +
                   std::to_string(s->Int(4)) + std::to_string(s->Int(5)) + " " + s->Text(6) + " " +
                   std::to_string(s->Int(7)) + " " + s->Text(8));
  }
  EXPECT_EQ(rows, (std::vector<std::string>{"tinh-cao-bang 2024-02 11.000000 120 ghi chú 3 u2",
                                            "tp-ha-noi 2024-02 40.000000 012  1 u1",
                                            "tinh-cao-bang 2024-03 12.500000 011  1 u1"}));
  auto pk = db->Prepare("SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info("
                        "(SELECT name FROM pragma_index_list('data_values') WHERE origin = 'pk')) ORDER BY seqno)");
  ASSERT_TRUE(pk.ok());
  auto has_row = pk->Step();
  ASSERT_TRUE(has_row.ok() && *has_row);
  EXPECT_EQ(pk->Text(0), "indicator,period,unit");

  // The same key is still unique: a second figure for one indicator, unit and period is refused.
  EXPECT_FALSE(db->Exec("INSERT INTO data_values VALUES "
                        "('HTS-01','tp-ha-noi','2024-02',41,0,1,2,'',1,'2024-03-02T00:00:00Z','u1')")
                   .ok());
}

}  // namespace
}  // namespace dxgov::sqlite
