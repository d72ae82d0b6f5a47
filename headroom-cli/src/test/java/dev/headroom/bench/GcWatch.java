package dev.headroom.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Heap occupancy just before and after every collection, from the GC notifications. */
final class GcWatch {
    final AtomicLong maxBefore = new AtomicLong();
    final AtomicLong maxAfter = new AtomicLong();
    final AtomicInteger count = new AtomicInteger();
    final AtomicLong millis = new AtomicLong();
    final List<Runnable> removers = new ArrayList<>();

    static GcWatch start() {
        GcWatch w = new GcWatch();
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heapPools.add(p.getName());
            }
        }
        NotificationListener listener = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            w.maxBefore.accumulateAndGet(sum(info.getGcInfo().getMemoryUsageBeforeGc(), heapPools), Math::max);
            w.maxAfter.accumulateAndGet(sum(info.getGcInfo().getMemoryUsageAfterGc(), heapPools), Math::max);
            w.count.incrementAndGet();
            w.millis.addAndGet(info.getGcInfo().getDuration());
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            NotificationEmitter emitter = (NotificationEmitter) gc;
            emitter.addNotificationListener(listener, null, null);
            w.removers.add(() -> {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (ListenerNotFoundException ignored) {
                    // already gone
                }
            });
        }
        return w;
    }

    static long sum(Map<String, MemoryUsage> usage, Set<String> pools) {
        return usage.entrySet().stream().filter(e -> pools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
    }

    void stop() throws InterruptedException {
        Thread.sleep(50); // notifications are delivered asynchronously
        removers.forEach(Runnable::run);
    }
}
