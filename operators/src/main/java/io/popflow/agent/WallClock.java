package io.popflow.agent;

import java.time.Instant;

/**
 * Wall-clock time in µs since the epoch. Decisions are stamped with it by the slow operators and
 * read by the agents, possibly in another JVM, to measure feedback latency: {@link System#nanoTime()}
 * would not compare across processes. Never an input to the dynamics, so runs stay deterministic.
 */
public final class WallClock {
    private WallClock() {}

    public static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
