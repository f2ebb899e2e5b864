package com.geopera.systemtest;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A {@link LocalStack} shared by the tests of one class: started before the first, stopped after the last. Its tests
 * take the stack and its {@link Jobs} as parameters. Register it with
 * {@code @RegisterExtension static final PerClassStack system = new PerClassStack(StackOptions.workers(1));}.
 */
final class PerClassStack implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private final StackOptions options;
    private LocalStack stack;
    private Jobs jobs;

    PerClassStack(StackOptions options) {
        this.options = options;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = LocalStack.start(options);
        jobs = new Jobs(stack);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stack != null) {
            stack.stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalStack.class || type == Jobs.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class ? stack : jobs;
    }
}
