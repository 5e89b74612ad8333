// Account commands of the dxgov binary: the first admin at server start, and
// `dxgov user ...` / `dxgov token ...` for administrators at the console. They act on the
// data directory directly (the server may be running: SQLite serialises the writers) and
// are audited as actor "cli".
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace dxgov::cli {

// When no enabled admin exists, creates "admin" with the password in `password_file`
// (first line) or a random one, which is then written once to the log and to
// DIR/initial-admin.txt (mode 0600). Never reads standard input.
Status EnsureFirstAdmin(Store& store, const std::string& data_dir, const std::string& password_file);

// Registers `user` and `token` subcommands on `app`. `open` opens the data directory's
// store; the returned function runs whichever of them was parsed (-1 when none).
std::function<int()> AddAccountCommands(CLI::App& app,
                                        std::function<Result<std::unique_ptr<Store>>(const std::string&)> open);

}  // namespace dxgov::cli
