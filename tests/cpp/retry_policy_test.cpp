#include "engine/retry_policy.hpp"

#include <catch2/catch.hpp>

using crux::RetryPolicy;

TEST_CASE("retry delays grow by the factor from the initial delay up to the cap") {
  RetryPolicy policy;
  policy.initial_ms = 100;
  policy.factor = 1.5;
  policy.max_ms = 1000;
  CHECK(policy.delay_after(0) == 100);
  CHECK(policy.delay_after(1) == 100);
  CHECK(policy.delay_after(2) == 150);
  CHECK(policy.delay_after(3) == 225);
  CHECK(policy.delay_after(4) == 337);  // 337.5, whole milliseconds
  CHECK(policy.delay_after(6) == 759);  // 759.375
  CHECK(policy.delay_after(7) == 1000);
  CHECK(policy.delay_after(1000) == 1000);
}

TEST_CASE("retry delays: the defaults double from one second to an hour") {
  const RetryPolicy policy;
  CHECK(policy.delay_after(1) == 1000);
  CHECK(policy.delay_after(5) == 16000);
  CHECK(policy.delay_after(12) == 2048000);
  CHECK(policy.delay_after(13) == 3600000);
  CHECK(policy.delay_after(1000) == 3600000);
}

TEST_CASE("retry delays: a factor of 1 or no initial delay stays where it starts") {
  RetryPolicy flat;
  flat.initial_ms = 250;
  flat.factor = 1;
  CHECK(flat.delay_after(1000) == 250);
  RetryPolicy none;
  none.initial_ms = 0;
  none.factor = 100;
  CHECK(none.delay_after(1000) == 0);
  RetryPolicy steep;
  steep.factor = 100;
  steep.max_ms = 9'007'199'254'740'991;  // the largest duration a deadline may be
  CHECK(steep.delay_after(3) == 10'000'000);
  CHECK(steep.delay_after(1000) == steep.max_ms);
}
