package io.framewise.server.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * What the contract check found in this test JVM and no test has answered for yet. Servers answer
 * on their own threads, so the check records here and {@link FailOnContractViolations} collects
 * after each test.
 */
public final class ContractViolations {

    private static final List<String> FOUND = new ArrayList<>();

    private ContractViolations() {}

    static synchronized void record(String violation) {
        FOUND.add(violation);
    }

    /** Takes (and forgets) everything recorded so far. */
    public static synchronized List<String> drain() {
        List<String> found = List.copyOf(FOUND);
        FOUND.clear();
        return found;
    }
}
