// What a file is, from its bytes: the media type libmagic reads from the content (PDF
// signature, zip entries of an Office document, image headers), never from the file's
// name or the type the client claims.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace dxgov::evidence {

// The media type of `bytes` ("application/pdf", "image/png", ...). Thread-safe (one
// libmagic handle per thread). kInternal when libmagic or its database cannot be loaded.
Result<std::string> DetectMediaType(std::string_view bytes);

}  // namespace dxgov::evidence
