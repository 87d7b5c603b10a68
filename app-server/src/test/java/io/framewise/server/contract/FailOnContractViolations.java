package io.framewise.server.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test (or, for exchanges made outside a test method, the test class) during which the
 * server answered something openapi.json does not allow. Registered for every test class through
 * JUnit's extension autodetection (src/test/resources/META-INF/services).
 */
public final class FailOnContractViolations implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    /** A file to append findings to as well (for a full run that collects them all). */
    static final String LOG_PROPERTY = "framewise.contract.log";

    @Override
    public void beforeAll(ExtensionContext context) {
        List<String> found = ContractViolations.drain();
        if (!found.isEmpty()) {
            log(context, found);
            throw new AssertionError("A server of an earlier test class answered outside openapi.json after that class"
                    + " ended:\n  " + String.join("\n  ", found));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        fail(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        fail(context);
    }

    private static void fail(ExtensionContext context) {
        List<String> found = ContractViolations.drain();
        if (!found.isEmpty() && !exempt(context)) {
            log(context, found);
            throw new AssertionError("The server answered outside openapi.json during " + context.getDisplayName()
                    + " (fix the document, or the server if it is wrong):\n  " + String.join("\n  ", found));
        }
    }

    private static boolean exempt(ExtensionContext context) {
        return context.getElement()
                        .map(e -> e.isAnnotationPresent(OutsideTheContract.class))
                        .orElse(false)
                || context.getTestClass()
                        .map(c -> c.isAnnotationPresent(OutsideTheContract.class))
                        .orElse(false);
    }

    /**
     * With {@value #LOG_PROPERTY} set, also appends the findings to that file, so one run of the
     * whole suite lists every drift at once.
     */
    private static void log(ExtensionContext context, List<String> found) {
        String file = System.getProperty(LOG_PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        String where = context.getRequiredTestClass().getName()
                + context.getTestMethod().map(m -> "#" + m.getName()).orElse("");
        StringBuilder text = new StringBuilder();
        for (String line : found) {
            text.append(where).append('\t').append(line).append(System.lineSeparator());
        }
        try {
            Files.writeString(Path.of(file), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
