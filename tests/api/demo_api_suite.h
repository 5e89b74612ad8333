// A test suite over one DemoServer shared by its tests: started once, with a signed-in
// admin and the 2022 plan's id. The suite names its temporary directory (Derived::kName)
// and signs in its own users (Derived::SetUpUsers, through User()).
#pragma once

#include <gtest/gtest.h>

#include "api/demo_server.h"

namespace dxgov::testing {

template <typename Derived>
class DemoApiSuite : public ::testing::Test {
 protected:
  using Headers = DemoServer::Headers;

  static void SetUpTestSuite() {
    server_ = new DemoServer(Derived::kName);
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().message_en();
    admin_ = User("admin", "", Role::kAdmin);
    plan_2022_ = server_->PlanId(admin_, "27-qd-ubqgcds-2022");
    ASSERT_GT(plan_2022_, 0);
    Derived::SetUpUsers();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // A user with `role` in `unit`, signed in (the test fails when signing in fails).
  static Headers User(const std::string& login, const std::string& unit, Role role) {
    Headers h = server_->AddSignedInUser(login, unit, role);
    EXPECT_FALSE(h.empty()) << login << " could not sign in";
    return h;
  }
  static HttpResult As(const Headers& who, const std::string& method, const std::string& target,
                       const std::string& body = "", const std::string& if_match = "") {
    return server_->Call(who, method, target, body, if_match);
  }

  static inline DemoServer* server_ = nullptr;
  static inline Headers admin_;
  static inline int64_t plan_2022_ = 0;
};

}  // namespace dxgov::testing
