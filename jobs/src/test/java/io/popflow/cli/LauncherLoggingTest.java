package io.popflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The launcher's logging (popflow-log4j2.properties, as bin/popflow loads it): the notices a run or
 * a report prints before its own line, that say nothing to the user, stay off the console; the
 * rest of a library's warnings do not.
 */
class LauncherLoggingTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // report --kafka of a cluster that cannot be reached: one WARN per connection attempt
        "org.apache.kafka.clients.NetworkClient, ERROR",
        "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator, ERROR",
        // the end of a local run: a timer that fires into a stopped RPC endpoint
        "org.apache.flink.runtime.rpc.RpcEndpoint$MainThreadExecutor, ERROR",
        // everything else of Flink's keeps its warnings
        "org.apache.flink.runtime.rpc.RpcEndpoint, WARN",
        "org.apache.flink.runtime.taskmanager.Task, WARN",
    })
    void levelOf(String logger, String level) throws Exception {
        assertThat(launcherConfiguration().getLoggerConfig(logger).getLevel()).isEqualTo(Level.getLevel(level));
    }

    private static Configuration launcherConfiguration() throws Exception {
        try (InputStream in = LauncherLoggingTest.class.getResourceAsStream("/popflow-log4j2.properties")) {
            Configuration c = new PropertiesConfigurationFactory()
                    .getConfiguration(new LoggerContext("launcher"), new ConfigurationSource(in));
            c.initialize();
            return c;
        }
    }
}
