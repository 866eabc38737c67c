package io.popflow.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cluster that cannot be reached is reported once the timeout is over, not later. */
class TopicTailTest {
    @Test
    void anUnreachableClusterIsReportedAfterTheTimeout() throws IOException {
        int port = closedPort();
        KafkaConnection nobody = new KafkaConnection("127.0.0.1:" + port, Map.of());
        long start = System.nanoTime();
        assertThatThrownBy(() ->
                        new TopicTail(nobody, List.of("reports", "generations", "lineage"), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot reach kafka 127.0.0.1:" + port + " within 2 s");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofMillis(2500));
    }

    /** A port of this machine that nothing listens on: taken from the system, then closed. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
