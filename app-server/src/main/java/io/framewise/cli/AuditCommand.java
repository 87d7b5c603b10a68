package io.framewise.cli;

import io.framewise.server.audit.AuditVerifier;
import io.framewise.server.db.Database;
import io.framewise.server.db.DatabaseLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code framewise audit}: the server's audit log, from outside the server. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Work with the server's audit log.",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code framewise audit verify}: checks the hash chain; exit 0 when intact, 1 naming the first bad entry. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Check that no audit entry was changed or removed since it was written (the server may be"
                    + " stopped). Exit 0 when intact, 1 naming the first bad entry.")
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--data",
                paramLabel = "DIR",
                description = "Data folder (default: FRAMEWISE_DATA, else $XDG_DATA_HOME/framewise).")
        Path data;

        @Option(
                names = "--db",
                paramLabel = "WHERE",
                description = "The database, as the server's --db (default: FRAMEWISE_DB, else the data folder's).")
        String dbSpec;

        @Override
        public Integer call() {
            ServerSettings sources = new ServerSettings(System.getenv(), null);
            Path dataDir = sources.resolve(data, null, null, null).dataDir();
            DatabaseLocation location = sources.database(dbSpec, dataDir);
            if (location instanceof DatabaseLocation.Sqlite sqlite && !Files.isRegularFile(sqlite.file())) {
                Path file = sqlite.file();
                // Opening would create an empty database and then call it intact.
                spec.commandLine().getErr().println("framewise: no database at " + file);
                spec.commandLine().getErr().flush();
                return FramewiseCli.EXIT_FAILURE;
            }
            AuditVerifier.Result result;
            try (Database db = Database.open(location, java.time.Clock.systemUTC())) {
                result = new AuditVerifier(db).verify();
            }
            if (result.intact()) {
                spec.commandLine().getOut().println(result.message());
                spec.commandLine().getOut().flush();
                return 0;
            }
            spec.commandLine().getErr().println("framewise: " + result.message());
            spec.commandLine().getErr().flush();
            return FramewiseCli.EXIT_FAILURE;
        }
    }
}
