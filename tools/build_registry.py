#!/usr/bin/env python3
"""Builds data/registry/units.json, the unit registry dxgov loads as demo/reference data.

Inputs (all committed under data/):
  registry/agencies.json                  hand-curated central agencies and groups
  vn-admin/province-codes-2025.csv        the 63 provinces before 2025-07-01, old -> new GSO codes
  vn-admin/provinces-2025.csv             the 34 units from 2025-07-01 and what each was formed from
  vn-admin/gso/provinces-2025-07-01.csv   GSO codes and official names of the 34
  vn-admin/gso/communes-2025-07-01.md     the 3,321 communes from 2025-07-01

This is a maintainer's tool, run by hand when the reference lists change; its output is
committed, and neither the build nor the tests run it. Re-running it gives the same file.

Modelling rules (see docs/domain.md):
  * A province that came out of 2025-07-01 unchanged (formed from itself alone) is the same
    unit before and after; one formed by a merger is a new unit, and each predecessor ends on
    2025-06-30 with a successor link dated 2025-07-01.
  * valid_to is the last day a unit (or version) was valid; a successor link's date is the
    first day under the successor.
"""
import csv, json, re, sys, unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MERGER = "2025-07-01"
LAST_OLD_DAY = "2025-06-30"
# Centrally-run cities before the 2025 reorganisation (Huế joined on 2025-01-01, handled below).
OLD_CITIES = {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.replace("đ", "d").replace("Đ", "D").lower()


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-")


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip())


def province_aliases(bare: str, is_city: bool) -> list:
    out = [bare]
    if is_city:
        out += [f"TP. {bare}", f"TP {bare}", f"thành phố {bare}", f"UBND thành phố {bare}",
                f"Ủy ban nhân dân thành phố {bare}"]
        if bare == "Hồ Chí Minh":
            out += ["TP.HCM", "TP HCM", "TPHCM"]
    else:
        out += [f"tỉnh {bare}", f"UBND tỉnh {bare}", f"Ủy ban nhân dân tỉnh {bare}"]
    return out


def full_name(bare: str, is_city: bool) -> str:
    return ("Thành phố " if is_city else "Tỉnh ") + bare


def main() -> int:
    agencies = json.loads((DATA / "registry/agencies.json").read_text("utf-8"))["units"]
    units = []
    for a in agencies:
        u = {k: a[k] for k in ("id", "valid_from", "valid_to", "aliases", "successors",
                                "member_kinds", "members") if k in a}
        base = {"valid_from": a.get("valid_from"), "name": a["name"], "kind": a["kind"],
                "code": a.get("code"), "parent": a.get("parent")}
        versions = [base]
        for v in a.get("versions", []):
            nv = dict(versions[-1])
            nv.update(v)
            versions.append(nv)
        for prev, nxt in zip(versions, versions[1:]):
            prev["valid_to"] = day_before(nxt["valid_from"])
        u["versions"] = [{k: v for k, v in ver.items() if v is not None} for ver in versions]
        units.append(u)

    old_rows = list(csv.DictReader(open(DATA / "vn-admin/province-codes-2025.csv", encoding="utf-8")))
    new_rows = list(csv.DictReader(open(DATA / "vn-admin/provinces-2025.csv", encoding="utf-8")))
    gso_rows = list(csv.DictReader(open(DATA / "vn-admin/gso/provinces-2025-07-01.csv", encoding="utf-8")))
    gso_by_bare = {}
    for r in gso_rows:
        name = nfc(r["Tên 34 tỉnh sau sáp nhập"])
        bare = re.sub(r"^Thành phố ", "", name)
        gso_by_bare[bare] = r["Mã số"].strip()

    old_units = {}
    new_id_by_bare = {}
    for r in old_rows:
        bare = nfc(r["old_name"])
        is_city = bare in OLD_CITIES
        uid = slug(("tp " if is_city else "tinh ") + bare)
        u = {"id": uid, "aliases": province_aliases(bare, is_city),
             "versions": [{"name": full_name(bare, is_city), "kind": "city" if is_city else "province",
                           "code": r["old_gso_code"].strip()}]}
        if bare == "Thừa Thiên Huế":  # NQ 175/2024/QH15: same territory, city from 2025-01-01
            u["versions"][0]["valid_to"] = "2024-12-31"
            u["versions"].append({"valid_from": "2025-01-01", "name": "Thành phố Huế", "kind": "city",
                                  "code": r["old_gso_code"].strip()})
            u["aliases"] += province_aliases("Huế", True)
        old_units[bare] = u
        units.append(u)

    for r in new_rows:
        bare = nfc(r["new_province"])
        is_city = r["new_type"].strip() == "city"
        sources = [nfc(x) for x in r["merged_from"].split(";")]
        code = gso_by_bare[bare]
        if len(sources) == 1:
            u = old_units[sources[0]]
            last = u["versions"][-1]
            if last.get("code") != code or last["kind"] != ("city" if is_city else "province"):
                last["valid_to"] = LAST_OLD_DAY
                u["versions"].append({"valid_from": MERGER, "name": full_name(bare, is_city),
                                      "kind": "city" if is_city else "province", "code": code})
            new_id = u["id"]
        else:
            new_id = slug(("tp " if is_city else "tinh ") + bare) + "-2025"
            u = {"id": new_id, "valid_from": MERGER, "aliases": province_aliases(bare, is_city),
                 "versions": [{"name": full_name(bare, is_city), "kind": "city" if is_city else "province",
                               "code": code}],
                 "predecessors_note": "; ".join(sources)}
            units.append(u)
            for s in sources:
                old = old_units[s]
                old["valid_to"] = LAST_OLD_DAY
                old["versions"][-1]["valid_to"] = LAST_OLD_DAY
                old["successors"] = [{"id": new_id, "date": MERGER,
                                      "note": "Nghị quyết 202/2025/QH15"}]
        new_id_by_bare[bare] = new_id
        if bare == "Đồng Nai":  # NQ 30/2026/QH16 (medium confidence): centrally-run city
            u["versions"][-1]["valid_to"] = "2026-04-29"
            u["versions"].append({"valid_from": "2026-04-30", "name": "Thành phố Đồng Nai", "kind": "city",
                                  "code": code, "note": "Nghị quyết 30/2026/QH16 (độ tin cậy trung bình)"})
            u["aliases"] += ["TP. Đồng Nai", "thành phố Đồng Nai"]

    units += read_communes(new_id_by_bare)
    for u in units:
        u.pop("predecessors_note", None)
        for succ in u.get("successors", []):  # the API's shape: {"unit", "date", "note"}
            succ["unit"] = succ.pop("id")
    out = {"_about": "Generated by tools/build_registry.py from data/registry/agencies.json and data/vn-admin/. "
                     "Do not edit by hand.",
           "units": units}
    (DATA / "registry/units.json").write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", "utf-8")
    kinds = {}
    for u in units:
        k = u["versions"][0]["kind"]
        kinds[k] = kinds.get(k, 0) + 1
    print("units:", len(units), kinds, file=sys.stderr)
    return 0


def day_before(iso: str) -> str:
    import datetime
    d = datetime.date.fromisoformat(iso) - datetime.timedelta(days=1)
    return d.isoformat()


def read_communes(new_id_by_bare):
    """Reads the GSO commune table (markdown as transcribed) into commune units."""
    out = []
    province = None
    text = (DATA / "vn-admin/gso/communes-2025-07-01.md").read_text("utf-8")
    for line in text.splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3:
            continue
        stt, code, name = cells[0], cells[1], nfc(cells[2].replace("<br>", " "))
        name = re.sub(r"\s+", " ", name)
        if not stt and not code and name:
            header = re.sub(r"^(TỈNH|THÀNH PHỐ) ", "", name)
            province = next(b for b in new_id_by_bare if b.upper() == header)
            continue
        if not stt.isdigit():
            continue
        kind_word = name.split(" ")[0]
        out.append({"id": f"xa-2025-{code}", "valid_from": MERGER,
                    "versions": [{"name": name, "kind": "commune", "code": code,
                                  "parent": new_id_by_bare[province]}],
                    "subkind": {"Xã": "xa", "Phường": "phuong", "Đặc": "dac_khu"}.get(kind_word, "xa")})
    return out


if __name__ == "__main__":
    sys.exit(main())
