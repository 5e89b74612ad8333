// The one mapping between domain values and JSON, used by the HTTP API, the SQLite store
// (entity bodies are kept as JSON documents) and the demo-data loader.
//
// Parsing is strict: unknown members, wrong types and out-of-range values give an
// kInvalidArgument error naming each field by JSON pointer (under `path`). Read-only
// members that the API adds to responses (names, labels, computed dates) are accepted
// and ignored on input, so a client may send back what it read.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

#include "core/account.h"
#include "core/deadline.h"
#include "core/plan.h"
#include "core/plan_import.h"
#include "core/status.h"
#include "core/task.h"
#include "core/unit.h"

namespace dxgov::codec {

// kStrict: input from outside (checked, normalised to NFC, validated).
// kStored: a body this program wrote itself from validated values; read as is, which makes
// reading a page of stored records several times cheaper.
enum class ReadMode { kStrict, kStored };

// Parses text into JSON with dxgov's limits (nesting depth, size) and precise errors.
constexpr int kMaxJsonDepth = 32;
Result<boost::json::value> ParseJson(std::string_view text, const std::string& what_path = "");

boost::json::object ToJson(const Deadline& d);
Result<Deadline> DeadlineFromJson(const boost::json::value& v, const std::string& path,
                        ReadMode mode = ReadMode::kStrict);

boost::json::object ToJson(const Target& t);
Result<Target> TargetFromJson(const boost::json::value& v, const std::string& path,
                        ReadMode mode = ReadMode::kStrict);

boost::json::object ToJson(const Unit& u);
Result<Unit> UnitFromJson(const boost::json::value& v, const std::string& path,
                        ReadMode mode = ReadMode::kStrict);

boost::json::object ToJson(const Plan& p);
Result<Plan> PlanFromJson(const boost::json::value& v, const std::string& path,
                        ReadMode mode = ReadMode::kStrict);

boost::json::object ToJson(const Objective& o);
Result<Objective> ObjectiveFromJson(const boost::json::value& v, const std::string& path,
                        ReadMode mode = ReadMode::kStrict);

boost::json::object ToJson(const Task& t);
Result<Task> TaskFromJson(const boost::json::value& v, const std::string& path,
                        ReadMode mode = ReadMode::kStrict);

boost::json::object ToJson(const ProgressEntry& p);
Result<ProgressEntry> ProgressFromJson(const boost::json::value& v, const std::string& path,
                        ReadMode mode = ReadMode::kStrict);

// Users without their password hash; the hash never leaves the store.
boost::json::object ToJson(const User& u);
Result<User> UserFromJson(const boost::json::value& v, const std::string& path,
                        ReadMode mode = ReadMode::kStrict);

// API tokens without their secret or its hash. From JSON: name, unit, permissions and an
// optional expires_on date (the token ends at the close of that day, UTC).
boost::json::object ToJson(const ApiToken& t);
Result<ApiToken> ApiTokenFromJson(const boost::json::value& v, const std::string& path);

// A plan import's summary: everything but the document and the proposal, which the API
// serves on their own and the audit trail never copies.
boost::json::object ToJson(const PlanImport& i);

// Merges a JSON merge-patch (RFC 7396) into `target`. Objects merge member by member;
// null removes; anything else replaces.
void MergePatch(boost::json::value& target, const boost::json::value& patch);

// {"error":{"code":..,"message":..,"message_en":..,"fields":[{"path","reason"}]}}
boost::json::object ToJson(const Error& e);

// Compact JSON text. Numbers are written the way people and spreadsheets read them: a double
// in its shortest form that reads back to the same value, in plain decimals where that is
// at most 21 digits long (85.5, 10, 150000, 0.001), not Boost's 8.55E1.
std::string Serialize(const boost::json::value& v);

}  // namespace dxgov::codec
