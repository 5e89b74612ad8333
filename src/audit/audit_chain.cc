#include "audit/audit_chain.h"

#include <sodium.h>

#include <charconv>
#include <cstdlib>

namespace dxgov::audit {
namespace {

void Field(crypto_hash_sha256_state& st, const std::string& s) {
  const std::string len = std::to_string(s.size()) + ":";
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(len.data()), len.size());
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(s.data()), s.size());
}

}  // namespace

std::string HashOf(const AuditEntry& e) {
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();  // libsodium cannot start: no safe way to go on
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  Field(st, std::to_string(e.id));
  Field(st, e.at);
  Field(st, e.actor);
  Field(st, e.remote);
  Field(st, e.entity);
  Field(st, e.entity_id);
  Field(st, e.action);
  Field(st, e.before ? "1" + *e.before : "0");
  Field(st, e.after);
  Field(st, e.prev_hash);
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, out);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

static_assert(sizeof(crypto_hash_sha256_state) <= 128, "ContentDigest::state_ too small");

ContentDigest::ContentDigest() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();
  crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_));
}

ContentDigest& ContentDigest::Add(std::string_view field) {
  auto* st = reinterpret_cast<crypto_hash_sha256_state*>(state_);
  char len[24];
  char* end = std::to_chars(len, len + sizeof len - 1, field.size()).ptr;
  *end++ = ':';
  crypto_hash_sha256_update(st, reinterpret_cast<const unsigned char*>(len), static_cast<size_t>(end - len));
  crypto_hash_sha256_update(st, reinterpret_cast<const unsigned char*>(field.data()), field.size());
  return *this;
}

ContentDigest& ContentDigest::AddAll(std::initializer_list<std::string_view> fields) {
  std::string framed;
  for (std::string_view f : fields) {
    char len[24];
    char* end = std::to_chars(len, len + sizeof len - 1, f.size()).ptr;
    *end++ = ':';
    framed.append(len, end).append(f);
  }
  crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_),
                            reinterpret_cast<const unsigned char*>(framed.data()), framed.size());
  return *this;
}

std::string ContentDigest::Hex() {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_), out);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

void ChainVerifier::Add(const AuditEntry& e) {
  if (!report_.ok) return;
  auto fail = [&](std::string why) {
    report_.ok = false;
    report_.first_bad_id = e.id;
    report_.reason = std::move(why);
  };
  if (e.id != last_id_ + 1) {
    fail("entry " + std::to_string(last_id_ + 1) + " is missing (next is " + std::to_string(e.id) + ")");
    report_.first_bad_id = last_id_ + 1;
    return;
  }
  if (e.prev_hash != last_hash_) return fail("does not link to the entry before it");
  if (HashOf(e) != e.hash) return fail("its content does not match its hash");
  last_hash_ = e.hash;
  last_id_ = e.id;
  report_.checked++;
}

}  // namespace dxgov::audit
