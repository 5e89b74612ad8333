// SQL for the account tables (users, sessions, api_tokens) of migration 3. Free functions
// over a connection; SqliteStore decides transactions, locking and auditing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/query.h"
#include "store/sqlite/sqlite_db.h"

namespace dxgov::sqlite {

Result<int64_t> InsertUser(Db& db, const User& u, const std::string& now);
// kPreconditionFailed when the stored revision is not `expected`; kNotFound when absent.
Status UpdateUser(Db& db, const User& u, int64_t expected, const std::string& now);
Result<User> SelectUserById(Db& db, int64_t id);
Result<User> SelectUserByLogin(Db& db, const std::string& login);
Result<Page<User>> SelectUsers(Db& db, int limit, int64_t offset);
Result<int64_t> CountEnabledAdmins(Db& db);

Result<int64_t> InsertApiToken(Db& db, const ApiToken& t, const std::string& now);
Status MarkApiTokenRevoked(Db& db, int64_t id, const std::string& now);
Result<ApiToken> SelectApiTokenById(Db& db, int64_t id);
Result<ApiToken> SelectApiTokenByHash(Db& db, const std::string& secret_hash);
Result<std::vector<ApiToken>> SelectApiTokens(Db& db);
Status UpdateApiTokenLastUsed(Db& db, int64_t id, const std::string& at);

Status InsertSession(Db& db, const Session& s);
Result<Session> SelectSession(Db& db, const std::string& id_hash);
Status UpdateSessionLastSeen(Db& db, const std::string& id_hash, int64_t now_s);
Status MarkSessionRevoked(Db& db, const std::string& id_hash);
Status MarkUserSessionsRevoked(Db& db, int64_t user_id);

}  // namespace dxgov::sqlite
