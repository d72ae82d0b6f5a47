package dev.headroom.stats;

import dev.headroom.testkit.SavingsHistoryContract;

import java.time.Clock;
import java.time.Duration;

class InMemorySavingsHistoryTest extends SavingsHistoryContract {
    @Override
    protected SavingsHistory newHistory(Clock clock, Duration retention) {
        return new InMemorySavingsHistory(clock, retention, PRICE);
    }
}
