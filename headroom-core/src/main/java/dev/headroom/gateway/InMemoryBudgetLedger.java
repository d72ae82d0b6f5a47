package dev.headroom.gateway;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link BudgetLedger} in memory: the spend is lost when the process ends. Thread-safe. */
public final class InMemoryBudgetLedger implements BudgetLedger {
    private final ConcurrentMap<String, Long> spent = new ConcurrentHashMap<>();

    @Override
    public long spentNanos(String periodKey) {
        return spent.getOrDefault(periodKey, 0L);
    }

    @Override
    public void add(String periodKey, long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("spend must not be negative");
        }
        if (nanos > 0) {
            spent.merge(periodKey, nanos, Math::addExact);
        }
    }

    @Override
    public String location() {
        return "memory";
    }
}
