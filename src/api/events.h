// Server-Sent Events: who is listening to which topics, and delivery of what happens.
//
// Topics are words separated by ':'; a subscription to "values" receives "values:HS-ALL" and
// every other "values:..." event, one to "values:HS-ALL" only that indicator's. Publishing
// never blocks on a listener: each Sink must hand the event off (the HTTP server queues it
// on the connection) and return. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace dxgov::api {

struct Event {
  uint64_t id = 0;      // increasing, for Last-Event-ID
  std::string topic;    // "values:HS-ALL"
  std::string name;     // the SSE event name: "values"
  std::string data;     // one line of JSON
};

// The wire form of an event: "id: 7\nevent: values\ndata: {...}\n\n".
std::string FormatEvent(const Event& e);

class EventHub {
 public:
  using Sink = std::function<void(const Event&)>;

  // REQUIRES: topics non-empty. Returns the subscription's id.
  uint64_t Subscribe(std::vector<std::string> topics, Sink sink);
  void Unsubscribe(uint64_t id);
  void Publish(std::string topic, std::string name, std::string data);
  size_t subscribers() const;

  // True when a subscription to `filter` receives `topic`.
  static bool Matches(std::string_view filter, std::string_view topic);

 private:
  struct Subscription {
    std::vector<std::string> topics;
    std::shared_ptr<Sink> sink;
  };
  mutable std::mutex mu_;
  std::map<uint64_t, Subscription> subs_;
  uint64_t next_sub_ = 1;
  uint64_t next_event_ = 1;
};

}  // namespace dxgov::api
