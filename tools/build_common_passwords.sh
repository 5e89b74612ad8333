#!/usr/bin/env bash
# Maintainer script: regenerates data/security/common-passwords.txt from the password
# frequency list of @zxcvbn-ts/language-common (MIT licence; the list derives from
# zxcvbn by Dan Wheeler and Dropbox). Keeps the 10,000 most frequent passwords (the
# policy also rejects them with digits or symbols added) plus every listed password of
# 12 or more characters, lower-cased, printable ASCII only. The build never runs this.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/data/security/common-passwords.txt"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent @zxcvbn-ts/language-common@3.0.4 >/dev/null
tar xzf zxcvbn-ts-language-common-3.0.4.tgz
node -e '
const list = require("./package/dist/passwords.json.js");
const all = Array.isArray(list) ? list : (list.default || list);
const seen = new Set(), out = [];
all.forEach((p, i) => {
  p = p.toLowerCase();
  if (!/^[\x21-\x7e]+$/.test(p)) return;
  if ((i < 10000 || p.length >= 12) && !seen.has(p)) { seen.add(p); out.push(p); }
});
require("fs").writeFileSync(process.argv[1], out.join("\n") + "\n");
console.log(out.length + " passwords");' "$out"
