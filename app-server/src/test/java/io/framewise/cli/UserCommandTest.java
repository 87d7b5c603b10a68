package io.framewise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.auth.Account;
import io.framewise.server.auth.JooqAccountRepository;
import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code framewise user add}, run in-process on a real data folder with a fake stdin. */
class UserCommandTest {

    @TempDir
    Path data;

    record Run(int exit, String out, String err) {}

    private static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FramewiseCli.execute(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void addCreatesAnAccountThatLogsInAndPrintsItsId() {
        Run r = run(
                "a long enough password\r\nignored second line\n",
                "user",
                "add",
                "Alice",
                "--admin",
                "--password-stdin",
                "--data",
                data.toString());
        assertEquals(0, r.exit(), r.err());
        String id = r.out().strip();
        assertTrue(Ids.isValid(id), r.out());
        try (Database db = Database.open(data)) {
            Account alice = new JooqAccountRepository(db, new PasswordHasher())
                    .authenticate("alice", "a long enough password")
                    .orElseThrow();
            assertEquals(id, alice.id());
            assertTrue(alice.admin());
        }
        Run plain = run("another long password\n", "user", "add", "bob", "--password-stdin", "--data", data.toString());
        assertEquals(0, plain.exit(), plain.err());
    }

    @Test
    void mistakesExitTwoWithOneClearLine() {
        String dir = data.toString();
        assertEquals(
                0,
                run("a long enough password\n", "user", "add", "alice", "--password-stdin", "--data", dir)
                        .exit());

        Run duplicate = run("a long enough password\n", "user", "add", "ALICE", "--password-stdin", "--data", dir);
        assertEquals(2, duplicate.exit());
        assertEquals(
                "framewise: the user name 'ALICE' is taken", duplicate.err().strip());

        Run weak = run("short\n", "user", "add", "carol", "--password-stdin", "--data", dir);
        assertEquals(2, weak.exit());
        assertTrue(weak.err().contains("the password is too short (5 characters)"), weak.err());

        Run badName = run(
                "a long enough password\n",
                "user",
                "add",
                "a'; DROP TABLE users;--",
                "--password-stdin",
                "--data",
                dir);
        assertEquals(2, badName.exit());
        assertTrue(badName.err().contains("user name may only contain"), badName.err());

        Run noFlag = run("a long enough password\n", "user", "add", "dave", "--data", dir);
        assertEquals(2, noFlag.exit());
        assertTrue(noFlag.err().contains("--password-stdin"), noFlag.err());

        Run noInput = run("", "user", "add", "erin", "--password-stdin", "--data", dir);
        assertEquals(2, noInput.exit());
        assertTrue(noInput.err().contains("no password on standard input"), noInput.err());

        Run passwordAsArgument = run("", "user", "add", "frank", "--password", "secret password", "--data", dir);
        assertEquals(2, passwordAsArgument.exit());

        for (Run r : new Run[] {duplicate, weak, badName, noFlag, noInput}) {
            assertFalse(r.err().contains("Exception"), r.err());
            assertTrue(r.out().isEmpty(), r.out());
        }
        try (Database db = Database.open(data)) {
            assertEquals(
                    1,
                    new JooqAccountRepository(db, new PasswordHasher()).list().size());
        }
    }

    @Test
    void helpListsTheUserCommand() {
        Run r = run("", "--help");
        assertTrue(r.out().contains("user"), r.out());
        Run sub = run("", "user", "add", "--help");
        assertEquals(0, sub.exit());
        assertTrue(sub.out().contains("--password-stdin"), sub.out());
    }
}
