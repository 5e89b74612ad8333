#include "core/rollup.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <unordered_map>

namespace dxgov {
namespace {

constexpr uint8_t kPresent = 1, kEstimated = 2, kApproved = 4;
constexpr int kNational = -1;  // the country, as a node
// How far back a weight (e.g. population) may be taken from when the period has none.
constexpr int kWeightLookback = 5;

// One indicator × one period: a figure per unit slot (slot 0 is the country).
struct Block {
  std::vector<double> value;
  std::vector<uint8_t> flags;
  int count = 0;
};

uint64_t BlockKey(int indicator, const Period& p) {
  return (static_cast<uint64_t>(indicator) << 32) | static_cast<uint32_t>(Ordinal(p));
}

// The units in force on one day, by registry index.
struct Tree {
  std::vector<std::vector<int>> children;
  std::vector<int> top;            // valid units without a valid parent
  std::vector<char> valid;
  std::vector<UnitKind> kind;
};

// A part's figure over the period; for a ratio `value` is the numerator and `weight` the
// denominator, for a weighted mean `weight` is the weight.
struct Figure {
  double value = 0;
  double weight = 1;
  bool estimated = false;
  bool weighted = true;  // false: a weighted mean's part whose weight is unknown
};

struct Acc {
  double sum = 0, min = std::numeric_limits<double>::infinity(), max = -min, wsum = 0, wvsum = 0;
  int parts = 0;
  bool estimated = false;
  void Add(const Figure& f) {
    sum += f.value;
    min = std::min(min, f.value);
    max = std::max(max, f.value);
    if (f.weighted) {
      wsum += f.weight;
      wvsum += f.value * f.weight;
    }
    ++parts;
    estimated = estimated || f.estimated;
  }
};

// A computed rollup remembered until a figure of an indicator it read changes: the key is
// indicator × node × period × approved_only, the entry keeps the generation of each indicator
// it depends on (the indicator, a ratio's numerator and denominator, weights).
struct MemoKey {
  int indicator;
  int slot;
  int ordinal;
  uint8_t type;
  bool approved_only;
  bool operator==(const MemoKey&) const = default;
};
struct MemoKeyHash {
  size_t operator()(const MemoKey& k) const {
    uint64_t h = static_cast<uint64_t>(k.indicator) * 0x9E3779B97F4A7C15ull;
    h ^= (static_cast<uint64_t>(static_cast<uint32_t>(k.slot)) << 1) + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
    h ^= (static_cast<uint64_t>(static_cast<uint32_t>(k.ordinal)) << 3 | k.type << 1 | k.approved_only) +
         0x94D049BB133111EBull + (h << 6) + (h >> 2);
    return static_cast<size_t>(h);
  }
};
struct MemoEntry {
  RollupResult result;  // without `missing`
  std::vector<std::pair<int, uint64_t>> depends;  // indicator index, generation when computed
};
// Enough for every province × month × indicator a dashboard shows; cleared when full.
constexpr size_t kMemoCapacity = 200000;

}  // namespace

struct RollupEngine::Impl {
  mutable std::shared_mutex mu;
  std::shared_ptr<const UnitRegistry> registry;
  std::vector<int> slot_of_index;  // registry index -> slot
  std::vector<Date> epochs;        // days on which the tree changes, sorted
  mutable std::mutex tree_mu;
  mutable std::map<size_t, std::shared_ptr<const Tree>> trees;  // by epoch

  std::unordered_map<std::string, int> slot_of_id{{"", 0}};
  std::vector<Indicator> defs;
  std::unordered_map<std::string, int> index_of_code;
  std::unordered_map<uint64_t, Block> blocks;
  size_t figures = 0;
  std::vector<uint64_t> generation;  // per indicator index: bumped by every Put and Remove
  mutable std::mutex memo_mu;
  mutable std::unordered_map<MemoKey, MemoEntry, MemoKeyHash> memo;

  // The indicators whose figures a rollup of `ii` reads.
  std::vector<int> Dependencies(int ii) const {
    std::vector<int> out{ii};
    auto add = [&](const std::string& code) {
      auto it = index_of_code.find(code);
      if (it != index_of_code.end() && std::find(out.begin(), out.end(), it->second) == out.end()) out.push_back(it->second);
    };
    const Indicator& d = defs[static_cast<size_t>(ii)];
    for (const std::string* c : {&d.numerator_code, &d.denominator_code}) {
      if (c->empty()) continue;
      add(*c);
      auto it = index_of_code.find(*c);
      if (it != index_of_code.end()) add(defs[static_cast<size_t>(it->second)].weight_code);
    }
    add(d.weight_code);
    return out;
  }

  void ClearMemo() const {
    std::lock_guard lock(memo_mu);
    memo.clear();
  }

  int Slot(std::string_view id) {
    auto [it, inserted] = slot_of_id.try_emplace(std::string(id), static_cast<int>(slot_of_id.size()));
    return it->second;
  }

  // ---------------------------------------------------------------- the tree on a day

  std::shared_ptr<const Tree> TreeOn(Date d) const {
    const size_t epoch = static_cast<size_t>(std::upper_bound(epochs.begin(), epochs.end(), d) - epochs.begin());
    std::lock_guard lock(tree_mu);
    auto& slot = trees[epoch];
    if (!slot) slot = BuildTree(d);
    return slot;
  }

  std::shared_ptr<const Tree> BuildTree(Date d) const {
    auto t = std::make_shared<Tree>();
    const auto& all = registry->all();
    t->children.resize(all.size());
    t->valid.assign(all.size(), 0);
    t->kind.assign(all.size(), UnitKind::kOrganisation);
    std::vector<const UnitVersion*> version(all.size(), nullptr);
    for (size_t i = 0; i < all.size(); ++i) {
      if (!ValidOn(all[i], d)) continue;
      version[i] = VersionOn(all[i], d);
      if (!version[i] || all[i].versions.empty()) continue;
      t->valid[i] = 1;
      t->kind[i] = version[i]->kind;
    }
    for (size_t i = 0; i < all.size(); ++i) {
      if (!t->valid[i] || t->kind[i] == UnitKind::kGroup) continue;
      const Unit* parent = version[i]->parent_id.empty() ? nullptr : registry->Find(version[i]->parent_id);
      const size_t pi = parent ? static_cast<size_t>(parent - all.data()) : 0;
      if (parent && t->valid[pi]) t->children[pi].push_back(static_cast<int>(i));
      else t->top.push_back(static_cast<int>(i));
    }
    return t;
  }

  void ComputeEpochs() {
    std::vector<Date> days;
    for (const Unit& u : registry->all()) {
      if (u.valid_from) days.push_back(*u.valid_from);
      if (u.valid_to) days.push_back(AddDays(*u.valid_to, 1));
      for (const auto& v : u.versions) {
        if (v.valid_from) days.push_back(*v.valid_from);
        if (v.valid_to) days.push_back(AddDays(*v.valid_to, 1));
      }
    }
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    epochs = std::move(days);
  }

  // ---------------------------------------------------------------- one query

  struct Query {
    Query(const Impl& engine, const Indicator& indicator, const RollupOptions& options, Period p)
        : e(engine), ind(indicator), opt(options), period(p) {}

    const Impl& e;
    const Indicator& ind;
    const RollupOptions& opt;
    Period period;
    std::vector<int> channels;  // indicator indexes whose figures make one part's Figure
    bool ratio = false, weighted = false, additive = false;
    uint32_t reporting = 0;  // a bit per UnitKind that reports the indicator
    const Tree* tree = nullptr;
    std::vector<std::string> missing;
    int expected = 0, reported = 0;

    bool Counts(uint8_t f) const { return (f & kPresent) && (!opt.approved_only || (f & kApproved)); }

    // A query reads the same few blocks once per unit: remember them (a handful of entries,
    // so a linear scan beats hashing the key again for every unit).
    mutable std::vector<std::pair<uint64_t, const Block*>> seen_blocks;
    const Block* BlockOf(int ii, const Period& p) const {
      const uint64_t key = BlockKey(ii, p);
      for (const auto& [k, b] : seen_blocks)
        if (k == key) return b;
      auto it = e.blocks.find(key);
      const Block* b = it == e.blocks.end() ? nullptr : &it->second;
      if (seen_blocks.size() < 256) seen_blocks.emplace_back(key, b);
      return b;
    }

    int SlotOfIndex(int reg_index) const {
      return reg_index == kNational ? 0 : e.slot_of_index[static_cast<size_t>(reg_index)];
    }

    // The unit's own figure of indicator `ii` in sub-period `b`, or, for additive rules
    // when the unit did not exist at b's end, the sum of its predecessors' figures then.
    bool Cell(int ii, int reg_index, const Period& b, double& v, bool& est) const {
      const Block* blk = BlockOf(ii, b);
      const int slot = SlotOfIndex(reg_index);
      if (blk && static_cast<size_t>(slot) < blk->flags.size() && Counts(blk->flags[slot])) {
        v = blk->value[slot];
        est = blk->flags[slot] & kEstimated;
        return true;
      }
      if (!additive || reg_index == kNational) return false;
      const Unit& u = e.registry->all()[static_cast<size_t>(reg_index)];
      const Date end = LastDay(b);
      if (ValidOn(u, end) || !blk) return false;
      bool any = false;
      double sum = 0;
      for (const std::string& pred : e.registry->Predecessors(u.id)) {
        const Unit* p = e.registry->Find(pred);
        if (!p || !ValidOn(*p, end)) continue;
        auto it = e.slot_of_id.find(pred);
        if (it == e.slot_of_id.end() || static_cast<size_t>(it->second) >= blk->flags.size()) continue;
        if (!Counts(blk->flags[it->second])) continue;
        sum += blk->value[it->second];
        est = est || (blk->flags[it->second] & kEstimated);
        any = true;
      }
      v = sum;
      return any;
    }

    // The sub-periods of `p` in indicator `ii`'s period type, and whether any has a block:
    // worked out once per query for every unit's series to share (a year of a monthly
    // indicator is twelve lookups per query instead of twelve per unit).
    struct Span {
      int ii;
      Period p;
      std::vector<Period> subs;
      bool any = false;
    };
    mutable std::deque<Span> spans;  // a deque: a Span stays put while a weight's series adds another
    const Span& SpanOf(int ii, const Period& p) const {
      for (const Span& sp : spans)
        if (sp.ii == ii && sp.p == p) return sp;
      Span sp{ii, p, Subperiods(p, e.defs[static_cast<size_t>(ii)].period_type)};
      for (const Period& b : sp.subs) sp.any = sp.any || BlockOf(ii, b) != nullptr;
      spans.push_back(std::move(sp));
      return spans.back();
    }

    // Indicator `ii`'s figures for one unit over `p`, combined by its rule over time.
    std::optional<Figure> Series(int ii, int reg_index, const Period& p) const {
      const Indicator& d = e.defs[static_cast<size_t>(ii)];
      if (p.type == d.period_type && d.over_time != Aggregation::kWeightedMean) {
        // The indicator's own period: one figure, nothing to combine (the common case).
        double v = 0;
        bool est = false;
        if (!Cell(ii, reg_index, p, v, est)) return std::nullopt;
        return Figure{v, 1, est};
      }
      const Span& span = SpanOf(ii, p);
      // No figure of any unit in the period (a predecessor's would be in the same blocks).
      if (!span.any) return std::nullopt;
      const std::vector<Period>& subs = span.subs;
      Acc acc;
      double latest = 0;
      for (const Period& b : subs) {
        double v = 0;
        bool est = false;
        if (!Cell(ii, reg_index, b, v, est)) continue;
        Figure f{v, 1, est};
        if (d.over_time == Aggregation::kWeightedMean) {
          auto w = Weight(ii, reg_index, b);
          if (!w) continue;
          f.weight = *w;
        }
        acc.Add(f);
        latest = v;
      }
      if (acc.parts == 0) return std::nullopt;
      Figure out{0, 1, acc.estimated};
      switch (d.over_time) {
        case Aggregation::kSum:
        case Aggregation::kRatio: out.value = acc.sum; break;
        case Aggregation::kMean: out.value = acc.sum / acc.parts; break;
        case Aggregation::kMin: out.value = acc.min; break;
        case Aggregation::kMax: out.value = acc.max; break;
        case Aggregation::kLatest: out.value = latest; break;
        case Aggregation::kWeightedMean:
          if (!(acc.wsum > 0)) return std::nullopt;
          out.value = acc.wvsum / acc.wsum;
          break;
      }
      return out;
    }

    // The weight of indicator `ii` for a unit over `p`: the weight indicator's figure for
    // the period of its own type that ends with p (or the last one before, up to five
    // years back), combined over p when the weight is reported more often.
    std::optional<double> Weight(int ii, int reg_index, const Period& p) const {
      const Indicator& d = e.defs[static_cast<size_t>(ii)];
      auto w = e.index_of_code.find(d.weight_code);
      if (w == e.index_of_code.end()) return std::nullopt;
      const Indicator& wd = e.defs[static_cast<size_t>(w->second)];
      if (PeriodsPer(p.type, wd.period_type) > 0) {
        // Reported as often or more often: its figure over p, else over an earlier p.
        Period back = p;
        const int steps = kWeightLookback * PeriodsPer(PeriodType::kYear, p.type);
        for (int i = 0; i <= steps; ++i, back = FromOrdinal(back.type, Ordinal(back) - 1))
          if (auto f = Series(w->second, reg_index, back)) return f->value;
        return std::nullopt;
      }
      Period wp = PeriodOf(LastDay(p), wd.period_type);
      const int steps = kWeightLookback * PeriodsPer(PeriodType::kYear, wd.period_type);
      for (int i = 0; i <= steps; ++i, wp = FromOrdinal(wp.type, Ordinal(wp) - 1)) {
        double v = 0;
        bool est = false;
        if (Cell(w->second, reg_index, wp, v, est)) return v;
      }
      return std::nullopt;
    }

    // The part a unit contributes when it has figures of its own in the period.
    std::optional<Figure> OwnPart(int reg_index) const {
      if (ratio) {
        auto num = Series(channels[0], reg_index, period);
        auto den = Series(channels[1], reg_index, period);
        if (!num || !den) return std::nullopt;
        return Figure{num->value, den->value, num->estimated || den->estimated};
      }
      auto f = Series(channels[0], reg_index, period);
      if (!f) return std::nullopt;
      if (weighted) {
        auto w = Weight(channels[0], reg_index, period);
        if (w && *w >= 0) f->weight = *w;
        else f->weighted = false;
      }
      return f;
    }

    bool Reports(int reg_index) const {
      return reporting & (1u << static_cast<unsigned>(tree->kind[static_cast<size_t>(reg_index)]));
    }

    const std::vector<int>& Children(int reg_index) const {
      return reg_index == kNational ? tree->top : tree->children[static_cast<size_t>(reg_index)];
    }

    // Adds the parts under `node` (itself if it has a figure) to `acc` and counts the
    // expected units below it; true when anything was found. `own`, when given, learns
    // whether the node's own figure was the part.
    bool Collect(int node, Acc& acc, bool counted_above, bool* own = nullptr) {
      if (node != kNational || ind.national || ratio) {
        if (auto f = OwnPart(node)) {
          acc.Add(*f);
          if (own) *own = true;
          return true;
        }
      }
      bool any = false;
      for (int child : Children(node)) {
        const bool expect_child = !counted_above && Reports(child);
        const bool had = Collect(child, acc, counted_above || expect_child);
        if (expect_child) {
          ++expected;
          if (had) ++reported;
          else if (opt.list_missing) missing.push_back(e.registry->all()[static_cast<size_t>(child)].id);
        }
        any = any || had;
      }
      return any;
    }

    // Collect for the unit asked about (or one of its predecessors): when no unit below it
    // reports, the node itself is the expected one if it reports. True when its own figure
    // was the part.
    bool CollectNode(int node, Acc& acc, bool reports_itself) {
      const int before = expected;
      bool own = false;
      const bool any = Collect(node, acc, false, &own);
      if (expected == before && reports_itself) {
        ++expected;
        if (any) ++reported;
        else if (opt.list_missing)
          missing.push_back(node == kNational ? std::string() : e.registry->all()[static_cast<size_t>(node)].id);
      }
      return own;
    }

    RollupResult Finish(const Acc& acc) const {
      RollupResult r;
      r.parts = acc.parts;
      r.estimated = acc.estimated;
      if (acc.parts == 0) return r;
      switch (ind.across_units) {
        case Aggregation::kSum: r.value = acc.sum; break;
        case Aggregation::kMean: r.value = acc.sum / acc.parts; break;
        case Aggregation::kMin: r.value = acc.min; break;
        case Aggregation::kMax: r.value = acc.max; break;
        case Aggregation::kLatest: r.value = acc.sum; break;  // refused by ValidateIndicator
        case Aggregation::kWeightedMean:
          // Parts without a weight count only when no part has one (then a plain mean).
          if (acc.wsum > 0) r.value = acc.wvsum / acc.wsum;
          else r.value = acc.sum / acc.parts;
          break;
        case Aggregation::kRatio:
          if (acc.wsum != 0) r.value = ind.ratio_scale * acc.sum / acc.wsum;
          break;
      }
      return r;
    }
  };

  Result<RollupResult> Run(const Indicator& ind, int ii, std::string_view unit_id, const Period& p,
                           const RollupOptions& opt) const {
    Query q(*this, ind, opt, p);
    q.additive = IsAdditive(ind.across_units);
    q.ratio = ind.across_units == Aggregation::kRatio;
    q.weighted = ind.across_units == Aggregation::kWeightedMean;
    const Indicator* kinds_from = &ind;
    if (q.ratio) {
      auto num = index_of_code.find(ind.numerator_code), den = index_of_code.find(ind.denominator_code);
      if (num == index_of_code.end() || den == index_of_code.end())
        return Error(ErrorCode::kNotFound, "Chưa có chỉ tiêu tử số hoặc mẫu số của " + ind.code,
                     "numerator or denominator of " + ind.code + " is not defined",
                     {{"/indicator", "numerator or denominator not defined"}});
      q.channels = {num->second, den->second};
      kinds_from = &defs[static_cast<size_t>(num->second)];
      if (PeriodsPer(p.type, kinds_from->period_type) == 0 ||
          PeriodsPer(p.type, defs[static_cast<size_t>(den->second)].period_type) == 0)
        return ShortPeriod(*kinds_from, p);
    } else {
      q.channels = {ii};
      if (PeriodsPer(p.type, ind.period_type) == 0) return ShortPeriod(ind, p);
    }
    for (UnitKind k : kinds_from->reporting_kinds) q.reporting |= 1u << static_cast<unsigned>(k);
    const bool national_reports = kinds_from->national;

    const Date end = LastDay(p);
    auto tree = TreeOn(end);
    q.tree = tree.get();
    Acc acc;
    RollupResult r;
    if (unit_id.empty()) {
      const bool own = q.CollectNode(kNational, acc, national_reports);
      r = q.Finish(acc);
      r.own = own && !q.ratio;
    } else {
      const Unit* u = registry->Find(unit_id);
      if (!u) return NotFound("đơn vị", "unit", std::string(unit_id));
      const int index = static_cast<int>(u - registry->all().data());
      if (tree->valid[static_cast<size_t>(index)]) {
        const bool own = q.CollectNode(index, acc, q.Reports(index));
        r = q.Finish(acc);
        r.own = own;
      } else if (!q.additive) {
        r.comparable = false;
      } else {
        // Asked for a period that ended before the unit existed: its predecessors then.
        for (const std::string& pred : registry->Predecessors(u->id)) {
          const Unit* pu = registry->Find(pred);
          if (!pu || !ValidOn(*pu, end)) continue;
          const int pi = static_cast<int>(pu - registry->all().data());
          if (tree->valid[static_cast<size_t>(pi)]) q.CollectNode(pi, acc, q.Reports(pi));
        }
        r = q.Finish(acc);
      }
    }
    r.expected = q.expected;
    r.reported = q.reported;
    r.missing = std::move(q.missing);
    return r;
  }

  static Error ShortPeriod(const Indicator& ind, const Period& p) {
    return Error(ErrorCode::kInvalidArgument,
                 "Chỉ tiêu " + ind.code + " được báo cáo theo " + PeriodTypeLabelVi(ind.period_type) +
                     ", không tổng hợp được theo " + PeriodTypeLabelVi(p.type),
                 ind.code + " is reported per " + PeriodTypeName(ind.period_type) + "; cannot roll up to a " +
                     PeriodTypeName(p.type),
                 {{"/period", std::string("a ") + PeriodTypeName(ind.period_type) + " or longer"}});
  }
};

RollupEngine::RollupEngine() : impl_(std::make_unique<Impl>()) {}
RollupEngine::~RollupEngine() = default;

void RollupEngine::SetRegistry(std::shared_ptr<const UnitRegistry> registry) {
  std::unique_lock lock(impl_->mu);
  impl_->registry = std::move(registry);
  impl_->slot_of_index.clear();
  for (const Unit& u : impl_->registry->all()) impl_->slot_of_index.push_back(impl_->Slot(u.id));
  impl_->ComputeEpochs();
  impl_->ClearMemo();
  std::lock_guard tl(impl_->tree_mu);
  impl_->trees.clear();
}

void RollupEngine::SetIndicators(const std::vector<Indicator>& indicators) {
  std::unique_lock lock(impl_->mu);
  // Figures are keyed by indicator index; carry them over to the new indexes.
  std::unordered_map<std::string, int> next;
  for (size_t i = 0; i < indicators.size(); ++i) next.emplace(indicators[i].code, static_cast<int>(i));
  std::unordered_map<uint64_t, Block> moved;
  size_t kept = 0;
  for (auto& [key, block] : impl_->blocks) {
    const int old = static_cast<int>(key >> 32);
    auto it = next.find(impl_->defs[static_cast<size_t>(old)].code);
    if (it == next.end() || indicators[static_cast<size_t>(it->second)].period_type !=
                                impl_->defs[static_cast<size_t>(old)].period_type)
      continue;
    kept += static_cast<size_t>(block.count);
    moved.emplace((static_cast<uint64_t>(it->second) << 32) | (key & 0xFFFFFFFFu), std::move(block));
  }
  impl_->blocks = std::move(moved);
  impl_->figures = kept;
  impl_->defs = indicators;
  impl_->index_of_code = std::move(next);
  impl_->generation.assign(indicators.size(), 0);
  impl_->ClearMemo();
}

void RollupEngine::Put(const DataValue& v) {
  std::unique_lock lock(impl_->mu);
  auto it = impl_->index_of_code.find(v.indicator);
  if (it == impl_->index_of_code.end() || v.status == ValueStatus::kDraft) {
    lock.unlock();
    Remove(v.indicator, v.unit_id, v.period);
    return;
  }
  const size_t slot = static_cast<size_t>(impl_->Slot(v.unit_id));
  ++impl_->generation[static_cast<size_t>(it->second)];
  Block& b = impl_->blocks[BlockKey(it->second, v.period)];
  if (b.flags.size() <= slot) {
    const size_t n = std::max(slot + 1, impl_->slot_of_id.size());
    b.value.resize(n, 0);
    b.flags.resize(n, 0);
  }
  if (!(b.flags[slot] & kPresent)) {
    ++b.count;
    ++impl_->figures;
  }
  b.value[slot] = v.value;
  b.flags[slot] = static_cast<uint8_t>(kPresent | (v.estimated ? kEstimated : 0) |
                                       (v.status == ValueStatus::kApproved ? kApproved : 0));
}

void RollupEngine::Remove(std::string_view indicator, std::string_view unit_id, const Period& p) {
  std::unique_lock lock(impl_->mu);
  auto it = impl_->index_of_code.find(std::string(indicator));
  auto slot = impl_->slot_of_id.find(std::string(unit_id));
  if (it == impl_->index_of_code.end() || slot == impl_->slot_of_id.end()) return;
  auto b = impl_->blocks.find(BlockKey(it->second, p));
  if (b == impl_->blocks.end() || static_cast<size_t>(slot->second) >= b->second.flags.size()) return;
  uint8_t& f = b->second.flags[static_cast<size_t>(slot->second)];
  if (!(f & kPresent)) return;
  ++impl_->generation[static_cast<size_t>(it->second)];
  f = 0;
  --impl_->figures;
  if (--b->second.count == 0) impl_->blocks.erase(b);
}

size_t RollupEngine::size() const {
  std::shared_lock lock(impl_->mu);
  return impl_->figures;
}

Result<RollupResult> RollupEngine::Rollup(std::string_view code, std::string_view unit_id, const Period& p,
                                          const RollupOptions& options) const {
  std::shared_lock lock(impl_->mu);
  auto it = impl_->index_of_code.find(std::string(code));
  if (it == impl_->index_of_code.end())
    return Error(ErrorCode::kNotFound, "Không có chỉ tiêu " + std::string(code), "no indicator " + std::string(code),
                 {{"/indicator", "unknown indicator"}});
  if (!impl_->registry) return Internal("rollup engine has no unit registry");
  const int ii = it->second;
  // Lists of missing units are not remembered (they can be thousands of ids).
  if (options.list_missing) return impl_->Run(impl_->defs[static_cast<size_t>(ii)], ii, unit_id, p, options);
  auto slot = impl_->slot_of_id.find(std::string(unit_id));
  std::optional<MemoKey> key;
  if (slot != impl_->slot_of_id.end()) {
    key = MemoKey{ii, slot->second, static_cast<int>(Ordinal(p)), static_cast<uint8_t>(p.type), options.approved_only};
    std::lock_guard memo_lock(impl_->memo_mu);
    auto hit = impl_->memo.find(*key);
    if (hit != impl_->memo.end()) {
      bool fresh = true;
      for (const auto& [dep, gen] : hit->second.depends) fresh = fresh && impl_->generation[static_cast<size_t>(dep)] == gen;
      if (fresh) return hit->second.result;
    }
  }
  auto r = impl_->Run(impl_->defs[static_cast<size_t>(ii)], ii, unit_id, p, options);
  if (r.ok() && key) {
    MemoEntry entry{*r, {}};
    for (int dep : impl_->Dependencies(ii)) entry.depends.emplace_back(dep, impl_->generation[static_cast<size_t>(dep)]);
    std::lock_guard memo_lock(impl_->memo_mu);
    if (impl_->memo.size() >= kMemoCapacity) impl_->memo.clear();
    impl_->memo.insert_or_assign(*key, std::move(entry));
  }
  return r;
}

}  // namespace dxgov
