package io.framewise.server.demo;

import io.framewise.server.access.ProjectRole;
import io.framewise.server.auth.Account;
import io.framewise.server.auth.AccountRepository;
import io.framewise.server.library.MemberRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's own people: an administrator and one member per project role, all with the same
 * printed password, so every screen (sign-in, roles, membership, audit) has someone to show.
 */
public final class DemoUsers {

    /** The password of every demo account; printed by the demo, never used outside it. */
    public static final String PASSWORD = "framewise-demo";

    /** Name and project role of each member (the administrator needs no role). */
    static final Map<String, ProjectRole> MEMBERS = new LinkedHashMap<>();

    static {
        MEMBERS.put("editor", ProjectRole.EDITOR);
        MEMBERS.put("reviewer", ProjectRole.REVIEWER);
        MEMBERS.put("viewer", ProjectRole.VIEWER);
    }

    public static final String ADMIN = "admin";

    private final AccountRepository accounts;

    public DemoUsers(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** Creates the administrator and the members (once); returns the administrator. */
    public Account seed() {
        Account admin = accounts.findByName(ADMIN).orElseGet(() -> accounts.create(ADMIN, PASSWORD, true));
        for (String name : MEMBERS.keySet()) {
            if (accounts.findByName(name).isEmpty()) {
                accounts.create(name, PASSWORD, false);
            }
        }
        return admin;
    }

    /** Makes the members members of {@code projectId} in their roles. */
    public void join(MemberRepository members, String projectId) {
        MEMBERS.forEach((name, role) -> accounts.findByName(name).ifPresent(a -> members.put(projectId, a.id(), role)));
    }

    /** The accounts as "name (role)" lines for the demo's welcome text. */
    public static List<String> describe() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(ADMIN + " (administrator)");
        MEMBERS.forEach((name, role) -> lines.add(name + " (" + role.wire() + ")"));
        return lines;
    }
}
