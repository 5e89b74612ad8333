// Random secrets and their digests: session cookies, CSRF tokens, API tokens and
// generated passwords (libsodium's CSPRNG), and the SHA-256 under which they are stored.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dxgov::auth {

// `bytes` random bytes as URL-safe base64 without padding (43 characters for 32 bytes).
std::string RandomToken(size_t bytes = 32);
// A password of `length` characters from letters and digits without look-alikes (0/O, 1/l/I).
std::string RandomPassword(size_t length = 20);
// Lower-case hex SHA-256.
std::string Sha256Hex(std::string_view data);
// Compares without leaking where the inputs differ.
bool ConstantTimeEqual(std::string_view a, std::string_view b);

}  // namespace dxgov::auth
