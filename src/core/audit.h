// The audit trail's records: every change says who made it, when, from where, to which
// entity, and the entity's document before and after. Entries form a hash chain (see
// audit/audit_chain.h), so that editing or removing a past entry is detected.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dxgov {

struct AuditEntry {
  int64_t id = 0;           // 1, 2, 3, ... without gaps
  std::string at;           // ISO-8601 UTC with milliseconds
  std::string actor;        // user name, or "system" / "anonymous" until accounts exist
  std::string remote;       // client address, empty for local commands
  std::string entity;       // "unit", "plan", "objective", "task", "progress"
  std::string entity_id;
  std::string action;       // "create", "update"
  std::optional<std::string> before;  // JSON document, absent on create
  std::string after;        // JSON document
  std::string prev_hash;    // hex SHA-256 of the previous entry ("" for the first)
  std::string hash;         // hex SHA-256 of this entry (audit/audit_chain.h)
};

struct AuditQuery {
  std::string entity;
  std::string entity_id;
  std::string actor;
  std::string from, to;     // ISO timestamps or dates, inclusive bounds on `at`
  int64_t after_id = 0;     // only entries with a larger id (for scanning the chain)
  bool oldest_first = false;
  int limit = 50;
  int64_t offset = 0;
};

}  // namespace dxgov
