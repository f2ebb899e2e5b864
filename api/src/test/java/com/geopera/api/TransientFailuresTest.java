package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.api.store.Db;
import com.geopera.api.store.TransientFailures;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which database failures a worker event is applied again after, and which send it to the dead-letter topic. */
class TransientFailuresTest {

    @ParameterizedTest(name = "SQLSTATE {0} is transient: {1}")
    @CsvSource({
            "08006, true",  // connection failure
            "08001, true",  // cannot establish the connection
            "40001, true",  // serialization failure
            "40P01, true",  // deadlock detected
            "53300, true",  // too many connections
            "57P01, true",  // terminated by administrator (server restart)
            "57P03, true",  // cannot connect now (starting up)
            "23505, false", // unique violation
            "23514, false", // check violation
            "42601, false", // syntax error
            "57014, false"  // query cancelled (a statement timeout: the same query would time out again)
    })
    void a_database_failure_is_transient_only_for_connection_rollback_and_shutdown_states(String state,
                                                                                          boolean transientFailure) {
        RuntimeException wrapped = new IllegalStateException("apply failed",
                new Db.DataAccessException(new SQLException("failure", state)));

        assertThat(TransientFailures.isTransient(wrapped)).isEqualTo(transientFailure);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"no cause at all", "a cause without SQLSTATE"})
    void failures_without_a_database_state_are_not_transient(String description) {
        RuntimeException failure = description.startsWith("no")
                ? new IllegalArgumentException(description)
                : new IllegalStateException(description, new SQLException(description));

        assertThat(TransientFailures.isTransient(failure)).isFalse();
    }
}
