package com.geopera.systemtest.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sorts the stacks of a CPU profile by the role of the thread that ran them (the JIT compiler, GC, a request, the
 * event consumer, …), so a profile says first who spent the CPU: the first role whose marker appears anywhere in a
 * stack takes it. The order matters: a request thread's stack also holds Vert.x and Kafka frames.
 */
final class StackRoles {
    private record Role(String name, List<String> markers) {
    }

    private static final List<Role> ROLES = List.of(
            new Role("JIT compiler threads", List.of("CompileBroker::", "C2Compiler::", "Compile::", "C1_")),
            new Role("GC and VM threads", List.of("GangWorker::run", "WorkerThread::run", "ConcurrentGCThread::run",
                    "VMThread::run")),
            new Role("processing.execute requests", List.of("SpendResource")),
            new Role("other requests", List.of("quarkusrestinvoker")),
            new Role("job event consumer", List.of("JobEventConsumer")),
            new Role("outbox relay", List.of("OutboxRelay")),
            new Role("running jobs (worker)", List.of("JobLauncher", "AttemptExecutor")),
            new Role("dispatch listener (worker)", List.of("DispatchListener")),
            new Role("Kafka clients", List.of("org/apache/kafka")),
            new Role("Vert.x and Netty", List.of("io/vertx", "io/netty")));

    private final Map<String, Long> samples = new LinkedHashMap<>();
    private long total;

    StackRoles() {
        ROLES.forEach(role -> samples.put(role.name(), 0L));
        samples.put("other", 0L);
    }

    /** Counts {@code count} samples of one collapsed stack (frames joined by ';'). */
    void add(String stack, long count) {
        total += count;
        samples.merge(roleOf(stack), count, Long::sum);
    }

    static String roleOf(String stack) {
        for (Role role : ROLES) {
            for (String marker : role.markers()) {
                if (stack.contains(marker)) {
                    return role.name();
                }
            }
        }
        return "other";
    }

    /** "percent  role" lines, largest first, roles without samples left out. */
    List<String> lines() {
        return samples.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format("%5.1f %%  %s", 100.0 * e.getValue() / Math.max(1, total), e.getKey()))
                .toList();
    }
}
