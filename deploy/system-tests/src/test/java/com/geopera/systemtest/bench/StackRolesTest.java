package com.geopera.systemtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StackRolesTest {
    @Test
    void a_compiler_stack_is_the_jit_even_when_it_compiles_a_request_method() {
        assertThat(StackRoles.roleOf("start_thread;Thread::call_run;CompileBroker::compiler_thread_loop;"
                + "C2Compiler::compile_method;Compile::Compile")).isEqualTo("JIT compiler threads");
    }

    @Test
    void an_execute_request_is_counted_as_one_although_it_runs_on_vertx_and_calls_kafka() {
        assertThat(StackRoles.roleOf("java/lang/Thread.run;io/vertx/core/impl/WorkerTask.run;"
                + "com/geopera/api/rest/SpendResource.execute;org/apache/kafka/clients/producer/KafkaProducer.send"))
                .isEqualTo("processing.execute requests");
    }

    @Test
    void shares_are_of_all_samples_and_largest_first() {
        StackRoles roles = new StackRoles();
        roles.add("io/netty/channel/nio/NioEventLoop.run", 1);
        roles.add("com/geopera/api/messaging/JobEventConsumer.onEvents", 3);
        assertThat(roles.lines()).containsExactly(" 75.0 %  job event consumer", " 25.0 %  Vert.x and Netty");
    }
}
