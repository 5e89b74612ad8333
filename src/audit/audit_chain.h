// The audit trail's hash chain. Each entry's hash covers its own fields and the previous
// entry's hash, so changing, inserting or removing any past entry breaks every hash after it.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/audit.h"

namespace dxgov::audit {

// Hex SHA-256 over the entry's fields (length-prefixed, so no two entries hash alike by
// shifting text between fields) and its prev_hash. The `hash` field itself is not read.
std::string HashOf(const AuditEntry& e);

// A SHA-256 over a sequence of fields (length-prefixed, like HashOf), for audit entries that
// stand for more rows than they spell out (a bulk import of figures): the entry keeps the
// digest, and the rows, recomputed from the tables, must give the same one.
class ContentDigest {
 public:
  ContentDigest();
  ContentDigest& Add(std::string_view field);
  // The same digest as Add for each field in turn, hashed in one update (for many short fields).
  ContentDigest& AddAll(std::initializer_list<std::string_view> fields);
  std::string Hex();  // REQUIRES: called once; the digest of everything added

 private:
  alignas(16) unsigned char state_[128];  // crypto_hash_sha256_state, kept opaque here
};

struct ChainReport {
  bool ok = true;
  int64_t checked = 0;
  int64_t first_bad_id = 0;  // 0 when ok
  std::string reason;        // English, for the command line
};

// Feeds entries in id order and says whether they form an unbroken chain from id 1.
class ChainVerifier {
 public:
  void Add(const AuditEntry& e);
  const ChainReport& report() const { return report_; }

 private:
  ChainReport report_;
  std::string last_hash_;
  int64_t last_id_ = 0;
};

}  // namespace dxgov::audit
