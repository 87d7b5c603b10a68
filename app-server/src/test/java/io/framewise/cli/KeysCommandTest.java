package io.framewise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.crypto.AtRest;
import io.framewise.server.crypto.MasterKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code framewise keys new|rotate} and the server's key options, through the real command line. */
class KeysCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FramewiseCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void newKeysArePrivateAndRotationMovesTheLibraryToTheNewKey() throws Exception {
        Path oldKey = dir.resolve("old.key");
        Path newKey = dir.resolve("new.key");
        Run made = run("keys", "new", oldKey.toString());
        assertEquals(0, made.exit(), made.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(oldKey)));
        assertTrue(made.out().contains(MasterKey.fromFile(oldKey).id()), made.out());
        Run again = run("keys", "new", oldKey.toString());
        assertEquals(FramewiseCli.EXIT_FAILURE, again.exit(), "an existing key file is never overwritten");
        assertEquals(0, run("keys", "new", newKey.toString()).exit());

        Path data = dir.resolve("data");
        AtRest.open(data, MasterKey.fromFile(oldKey)).close();
        Run rotated = run(
                "keys",
                "rotate",
                "--data",
                data.toString(),
                "--key-file",
                oldKey.toString(),
                "--new-key-file",
                newKey.toString());
        assertEquals(0, rotated.exit(), rotated.err());
        assertTrue(rotated.out().contains("Re-wrapped 1 data key(s)"), rotated.out());
        AtRest.open(data, MasterKey.fromFile(newKey)).close();

        Run rerun = run(
                "keys",
                "rotate",
                "--data",
                data.toString(),
                "--key-file",
                oldKey.toString(),
                "--new-key-file",
                newKey.toString());
        assertEquals(0, rerun.exit(), rerun.err());
        assertTrue(
                rerun.out().contains("Re-wrapped 0 data key(s)") && rerun.out().contains("1 already"), rerun.out());
    }

    @Test
    void theServerRefusesToStartWithoutTheKeyOrWithTheWrongOne() throws Exception {
        Path key = dir.resolve("k.key");
        Path other = dir.resolve("other.key");
        run("keys", "new", key.toString());
        run("keys", "new", other.toString());
        Path data = dir.resolve("data");
        AtRest.open(data, MasterKey.fromFile(key)).close();

        Run noKey = server(data, "--encrypt-at-rest");
        assertEquals(FramewiseCli.EXIT_USAGE, noKey.exit());
        assertTrue(noKey.err().contains("needs the master key"), noKey.err());

        Run wrong = server(data, "--encrypt-at-rest", "--key-file", other.toString());
        assertEquals(FramewiseCli.EXIT_USAGE, wrong.exit());
        assertTrue(wrong.err().contains("does not open the library"), wrong.err());
        assertFalse(wrong.err().contains("Exception"), "a sentence, not a stack trace: " + wrong.err());

        Run samePrevious =
                server(data, "--encrypt-at-rest", "--key-file", key.toString(), "--previous-key-file", key.toString());
        assertEquals(FramewiseCli.EXIT_USAGE, samePrevious.exit());
        assertTrue(samePrevious.err().contains("previous master key is the current key"), samePrevious.err());
        Run previousAlone = server(data, "--previous-key-file", other.toString());
        assertEquals(FramewiseCli.EXIT_USAGE, previousAlone.exit());
        assertTrue(previousAlone.err().contains("are for --encrypt-at-rest"), previousAlone.err());

        Run plain = server(data);
        assertEquals(FramewiseCli.EXIT_USAGE, plain.exit());
        assertTrue(plain.err().contains("is encrypted at rest"), plain.err());

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Run readable = server(data, "--encrypt-at-rest", "--key-file", key.toString());
        assertTrue(readable.err().contains("chmod 600"), readable.err());
    }

    /** {@code framewise server --data DATA --port 0} with {@code options}. */
    private Run server(Path data, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("server", "--data", data.toString(), "--port", "0"));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }
}
