#!/usr/bin/env python3
"""Trim `dxgov import-plan --format json` output to the fields `--evaluate` scores.

Usage: dxgov import-plan SEED --format json | tools/trim_proposal.py > tests/fixtures/import/NAME.expected.json

The result is a starting point for a hand-checked answer: every task's id, lines, lead,
coordinators and deadline; objectives' codes and targets; indicators; platforms and owners;
cited documents; appendix actions. Review it against the source document and correct it by
hand: the fixtures are the answers the importer is scored against, not a copy of its output.
"""
import json
import sys


def ref(r):
    if r is None:
        return None
    out = {"as_written": r["as_written"], "unit": r.get("unit")}
    return out


def main():
    p = json.load(sys.stdin)
    s = p["source"]
    out = {
        "source": {k: s.get(k) for k in ("document_type", "title", "number", "date", "date_year", "place",
                                          "signer", "plan_year")},
        "tasks": [],
        "objectives": [],
        "indicators": [],
        "platforms": [],
        "documents": [{"type": d["type"], "number": d["number"], "date": d["date"]} for d in p["documents"]],
        "actions": [{"number": a["number"], "action": a["action"][:80], "document": a["document"],
                     "leads": [ref(x) for x in a["leads"]]} for a in p["actions"]],
    }
    out["source"]["issuer"] = ref(s.get("issuer"))
    for t in p["tasks"]:
        task = {"id": t["id"], "title": t["title"], "lines": t["lines"], "lead": ref(t["lead"]),
                "coordinators": [ref(c) for c in t["coordinators"]], "deadline": t["deadline"]}
        if t.get("support_unit"):
            task["support_unit"] = ref(t["support_unit"])
        out["tasks"].append(task)
    for o in p["objectives"]:
        out["objectives"].append({"code": o["code"], "document": o["document"], "text": o["text"][:100],
                                  "targets": [{k: v for k, v in tg.items() if k in
                                               ("kind", "value", "value_to", "unit", "comparator", "year", "text")}
                                              for tg in o["targets"]]})
    for i in p["indicators"]:
        out["indicators"].append({"group": i["group"], "name": i["name"], "unit": i["unit"],
                                  "estimated": i["estimated"], "values": i["values"]})
    for pl in p["platforms"]:
        out["platforms"].append({"number": pl["number"], "name": pl["name"], "ownership": pl["ownership"],
                                 "owners": [ref(o) for o in pl["owners"]]})
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
