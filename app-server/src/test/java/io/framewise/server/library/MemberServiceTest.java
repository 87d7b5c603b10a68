package io.framewise.server.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.access.Authorizer;
import io.framewise.server.access.Caller;
import io.framewise.server.access.JooqAccessFacts;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.access.ProjectRole;
import io.framewise.server.audit.AuditFilter;
import io.framewise.server.audit.AuditLog;
import io.framewise.server.audit.AuditQuery;
import io.framewise.server.audit.AuditRecord;
import io.framewise.server.auth.Account;
import io.framewise.server.auth.JooqAccountRepository;
import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.Paging;
import io.framewise.server.http.ApiException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Project membership rules without HTTP: the service on a real SQLite file, real repositories and authorizer. */
class MemberServiceTest {

    @TempDir
    Path data;

    Database db;
    MemberRepository members;
    MemberService service;
    Account owner;
    Account editor;
    String project;

    @BeforeEach
    void open() {
        db = Database.open(data);
        JooqAccountRepository accounts = new JooqAccountRepository(db, new PasswordHasher(64, 1));
        members = new JooqMemberRepository(db);
        service = new MemberService(
                members, db, new Permissions(new Authorizer(new JooqAccessFacts(db)), new AuditLog(db)));
        owner = accounts.create("olivia", "correct horse battery", false);
        editor = accounts.create("eddie", "correct horse battery", false);
        project =
                new JooqProjectRepository(db).create("Launch film", owner.id()).id();
        members.put(project, owner.id(), ProjectRole.OWNER);
        members.put(project, editor.id(), ProjectRole.EDITOR);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anOwnerReplacesTheListAndTheChangeIsAuditedWithIt() {
        List<Member> after = service.replace(
                as(owner),
                project,
                List.of(
                        new MemberService.Entry(owner.id(), "owner"),
                        new MemberService.Entry(editor.id(), "reviewer")));
        assertEquals(ProjectRole.REVIEWER, roleOf(after, editor.id()));
        List<AuditRecord> changes = audits("project.members_changed");
        assertEquals(1, changes.size());
        assertTrue(
                changes.get(0).detailsJson().contains("eddie:editor"),
                changes.get(0).detailsJson());
        assertTrue(
                changes.get(0).detailsJson().contains("eddie:reviewer"),
                changes.get(0).detailsJson());
        assertEquals(project, changes.get(0).resourceId());
    }

    @Test
    void aProjectKeepsAnOwnerWhoCanManageIt() {
        expect(
                ApiException.Invalid.class,
                "a project needs at least one owner",
                () -> service.replace(as(owner), project, List.of(new MemberService.Entry(owner.id(), "editor"))));
        expect(
                ApiException.Conflict.class,
                "You would lose the right to manage this project",
                () -> service.replace(as(owner), project, List.of(new MemberService.Entry(editor.id(), "owner"))));
        expect(
                ApiException.Invalid.class,
                "a user is listed twice",
                () -> service.replace(
                        as(owner),
                        project,
                        List.of(
                                new MemberService.Entry(owner.id(), "owner"),
                                new MemberService.Entry(owner.id(), "owner"))));
        expect(
                ApiException.Invalid.class,
                "",
                () -> service.replace(as(owner), project, List.of(new MemberService.Entry(owner.id(), "boss"))));
        assertEquals(ProjectRole.EDITOR, roleOf(members.list(project), editor.id()));
        assertTrue(audits("project.members_changed").isEmpty());
    }

    @Test
    void anUnknownUserChangesNothing() {
        expect(
                ApiException.Invalid.class,
                "",
                () -> service.replace(
                        as(owner),
                        project,
                        List.of(
                                new MemberService.Entry(owner.id(), "owner"),
                                new MemberService.Entry(Ids.newId(), "viewer"))));
        assertEquals(2, members.list(project).size());
        assertTrue(audits("project.members_changed").isEmpty());
    }

    @Test
    void anEditorMayLookButNotManageAndTheRefusalIsAudited() {
        assertEquals(2, service.list(as(editor), project).size());
        assertThrows(
                ApiException.Forbidden.class,
                () -> service.replace(as(editor), project, List.of(new MemberService.Entry(editor.id(), "owner"))));
        assertEquals(ProjectRole.EDITOR, roleOf(members.list(project), editor.id()));
        assertEquals(1, audits("access.denied").size());
    }

    private static Caller as(Account account) {
        return new Caller(
                new Principal.Person(
                        account.id(),
                        account.name(),
                        account.displayName(),
                        account.admin(),
                        Principal.Credential.local()),
                "192.0.2.4");
    }

    private static ProjectRole roleOf(List<Member> list, String userId) {
        return list.stream()
                .filter(m -> m.userId().equals(userId))
                .findFirst()
                .orElseThrow()
                .role();
    }

    private List<AuditRecord> audits(String action) {
        return new AuditQuery(db)
                .find(AuditFilter.all(), Paging.oldest(100)).stream()
                        .filter(r -> r.action().equals(action))
                        .toList();
    }

    private static void expect(Class<? extends ApiException> type, String messagePart, Runnable call) {
        ApiException e = assertThrows(type, call::run);
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
