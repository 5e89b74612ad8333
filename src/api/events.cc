#include "api/events.h"

namespace dxgov::api {

std::string FormatEvent(const Event& e) {
  std::string out = "id: " + std::to_string(e.id) + "\n";
  out.append("event: ").append(e.name).append("\n");
  // data is one line of JSON; a newline would end the field, so none may pass.
  out.append("data: ");
  for (char c : e.data) out.push_back(c == '\n' || c == '\r' ? ' ' : c);
  out.append("\n\n");
  return out;
}

bool EventHub::Matches(std::string_view filter, std::string_view topic) {
  if (filter == topic) return true;
  return topic.size() > filter.size() && topic.substr(0, filter.size()) == filter && topic[filter.size()] == ':';
}

uint64_t EventHub::Subscribe(std::vector<std::string> topics, Sink sink) {
  std::lock_guard lock(mu_);
  const uint64_t id = next_sub_++;
  subs_.emplace(id, Subscription{std::move(topics), std::make_shared<Sink>(std::move(sink))});
  return id;
}

void EventHub::Unsubscribe(uint64_t id) {
  std::lock_guard lock(mu_);
  subs_.erase(id);
}

void EventHub::Publish(std::string topic, std::string name, std::string data) {
  Event e{0, std::move(topic), std::move(name), std::move(data)};
  std::vector<std::shared_ptr<Sink>> targets;
  {
    std::lock_guard lock(mu_);
    e.id = next_event_++;
    for (const auto& [id, s] : subs_)
      for (const auto& f : s.topics)
        if (Matches(f, e.topic)) {
          targets.push_back(s.sink);
          break;
        }
  }
  // Outside the lock: a sink may unsubscribe (or another thread subscribe) meanwhile.
  for (const auto& t : targets) (*t)(e);
}

size_t EventHub::subscribers() const {
  std::lock_guard lock(mu_);
  return subs_.size();
}

}  // namespace dxgov::api
