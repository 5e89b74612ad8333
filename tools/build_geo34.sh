#!/usr/bin/env bash
# Builds web/public/geo/vn-34.geojson, the boundaries of the 34 provincial units the web
# dashboard's map draws, from data/vn-admin/geo-34 (7.5 MB, a committed copy of the shared
# vn-admin data; MIT-licensed vietnamese-provinces-database, whose upstream map source
# states no licence: display data, shown with an attribution). Each feature gets `name`,
# the unit's official name from data/registry/units.json (the map matches units by name),
# then mapshaper (npm) merges the 34 files and simplifies them to stay under 300 KB.
# Maintainer tool; the build does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-data/vn-admin/geo-34}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$src" "$work" <<'PY'
import json, os, re, sys, unicodedata
src, work = sys.argv[1], sys.argv[2]
units = json.load(open("data/registry/units.json"))
units = units["units"] if isinstance(units, dict) else units
def slug(s):
    s = unicodedata.normalize("NFD", s).replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")
current = [(u["id"], u["versions"][-1]["name"]) for u in units
           if u["versions"][-1].get("kind") in ("province", "city") and not u.get("valid_to")]
assert len(current) == 34, len(current)
bare = lambda s: re.sub(r"^(tinh|thanh_pho|thu_do)_", "", s)
seen = set()
for f in sorted(os.listdir(src)):
    if not f.endswith(".geojson"):
        continue
    key = bare(f.split("_", 1)[1][: -len(".geojson")])
    match = [n for _, n in current if bare(slug(n)) == key]
    assert len(match) == 1, (f, match)
    seen.add(match[0])
    g = json.load(open(os.path.join(src, f)))
    for feat in g["features"]:
        feat["properties"] = {"name": match[0]}
        feat.pop("bbox", None)
    g.pop("bbox", None)
    json.dump(g, open(os.path.join(work, f), "w"), ensure_ascii=False)
assert len(seen) == 34
PY
npx --yes mapshaper@0.6.121 -i "$work"/*.geojson combine-files -merge-layers force \
  -simplify 6% keep-shapes -clean -o web/public/geo/vn-34.geojson format=geojson precision=0.001
ls -l web/public/geo/vn-34.geojson
