// What the importer's tests share: files of the repository and the embedded unit registry.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "demo/demo_data.h"

namespace dxgov::importer::testing {

// A file of the repository, by its path from the root ("" when missing).
inline std::string ReadRepoFile(const std::string& rel) {
  std::ifstream in(std::string(DXGOV_SOURCE_DIR) + "/" + rel, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The registry dxgov embeds, read once.
inline std::shared_ptr<const UnitRegistry> Registry() {
  static std::shared_ptr<const UnitRegistry> reg = [] {
    auto units = demo::ParseUnitRegistry(demo::EmbeddedFile("registry/units.json"));
    EXPECT_TRUE(units.ok());
    auto r = UnitRegistry::Create(std::move(units.value()));
    EXPECT_TRUE(r.ok());
    return r.value();
  }();
  return reg;
}

}  // namespace dxgov::importer::testing
