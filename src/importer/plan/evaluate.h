// How well a proposal matches an expected (hand-checked) answer, field by field.
//
// Tasks are matched by id, then by their first source line; every other task field is
// scored over the matched pairs. Precision is correct / what the reader gave, recall is
// correct / what the answer holds:
//   tasks         one per task
//   lead          a matched task's lead (unit id, or the name as written when unresolved)
//   coordinators  (task, coordinator) pairs: the coordinators of a task as a set
//   deadline      a matched task's deadline (kind and values; the wording is ignored)
//   targets       (objective, target) pairs, objectives matched by document and code
//   indicators    (indicator, year, value) triples, indicators matched by name
//   platforms     one per platform, matched by number and name; owners as pairs
//   duties        duties to issue own plans, as (respondent, due date) pairs
//   documents     cited documents by number
//   actions       appendix actions by document and number
#pragma once

#include <string>
#include <vector>

#include "importer/plan/proposal.h"

namespace dxgov::importer {

struct FieldScore {
  std::string field;
  int given = 0;     // what the reader produced
  int expected = 0;  // what the answer holds
  int correct = 0;
  double precision() const { return given == 0 ? (expected == 0 ? 1.0 : 0.0) : static_cast<double>(correct) / given; }
  double recall() const { return expected == 0 ? 1.0 : static_cast<double>(correct) / expected; }
};

struct Evaluation {
  std::vector<FieldScore> fields;       // in the order listed above
  std::vector<std::string> mismatches;  // one line each: "task III.4: lead bo-y-te, expected bo-tttt"
  const FieldScore* Find(const std::string& field) const;
};

Evaluation EvaluateProposal(const Proposal& given, const Proposal& expected);

}  // namespace dxgov::importer
