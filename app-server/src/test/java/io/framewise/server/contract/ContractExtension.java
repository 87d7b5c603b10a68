package io.framewise.server.contract;

import io.framewise.server.ServerExtension;
import jakarta.servlet.Filter;
import java.util.List;

/**
 * Puts the contract check in front of every server the tests start (listed in
 * META-INF/services; surefire turns server extensions on).
 */
public final class ContractExtension implements ServerExtension {

    @Override
    public List<Filter> filters() {
        return List.of(new ContractCheck(ContractValidator.shared(), ContractViolations::record));
    }
}
