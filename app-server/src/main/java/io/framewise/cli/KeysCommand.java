package io.framewise.cli;

import io.framewise.server.crypto.KeyRotation;
import io.framewise.server.crypto.MasterKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framewise keys}: the master key of a library encrypted at rest. */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Make and rotate the master key of a library encrypted at rest (--encrypt-at-rest).",
        subcommands = {KeysCommand.New.class, KeysCommand.Rotate.class})
final class KeysCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The master key from {@code --key-file}, else FRAMEWISE_MASTER_KEY; null when neither is given. */
    static MasterKey masterKey(Path keyFile, Map<String, String> env) {
        if (keyFile != null) {
            return MasterKey.fromFile(keyFile);
        }
        String fromEnv = env.get(MasterKey.ENVIRONMENT);
        return fromEnv == null || fromEnv.isBlank() ? null : MasterKey.fromBase64(fromEnv);
    }

    /** The previous master key from {@code --previous-key-file}, else FRAMEWISE_PREVIOUS_MASTER_KEY; else null. */
    static MasterKey previousKey(Path keyFile, Map<String, String> env) {
        if (keyFile != null) {
            return MasterKey.fromFile(keyFile);
        }
        String fromEnv = env.get(MasterKey.PREVIOUS_ENVIRONMENT);
        return fromEnv == null || fromEnv.isBlank() ? null : MasterKey.fromBase64(fromEnv);
    }

    /** {@code framewise keys new FILE}: a fresh random master key in a new file only its owner reads. */
    @Command(
            name = "new",
            mixinStandardHelpOptions = true,
            description = "Write a fresh random master key (base64 of 32 bytes) to a new file, mode 600.")
    static final class New implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The key file to create (never overwritten).")
        Path file;

        @Override
        public Integer call() throws IOException {
            MasterKey key = MasterKey.generate(file);
            spec.commandLine().getOut().println("Wrote master key " + key.id() + " to " + file);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code framewise keys rotate}: every data key re-wrapped under a new master key. */
    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = "Re-wrap every data key of the library under a new master key; media files are not"
                    + " rewritten. Each key file is replaced in one step; run it again to finish a rotation that"
                    + " was interrupted. Either stop the servers first and start them with the new key after, or"
                    + " run it while they serve, once every server runs with the new key and the old one as"
                    + " --previous-key-file (drop that at their next restart).")
    static final class Rotate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--data",
                paramLabel = "DIR",
                description = "Data folder (default: FRAMEWISE_DATA, else $XDG_DATA_HOME/framewise).")
        Path data;

        @Option(
                names = "--key-file",
                paramLabel = "FILE",
                description = "The current master key (default: FRAMEWISE_MASTER_KEY).")
        Path keyFile;

        @Option(names = "--new-key-file", required = true, paramLabel = "FILE", description = "The new master key.")
        Path newKeyFile;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path dataDir = new ServerSettings(System.getenv(), null)
                    .resolve(data, null, null, null)
                    .dataDir();
            MasterKey current = masterKey(keyFile, System.getenv());
            if (current == null) {
                throw new IllegalArgumentException(
                        "give the current master key with --key-file FILE or " + MasterKey.ENVIRONMENT);
            }
            MasterKey next = MasterKey.fromFile(newKeyFile);
            KeyRotation.Result r = KeyRotation.rotate(dataDir, current, next);
            out.println("Re-wrapped " + r.rewrapped() + " data key(s) under master key " + next.id() + " ("
                    + r.alreadyNew() + " already were) in " + dataDir);
            out.flush();
            return 0;
        }
    }
}
