package io.framewise.cli;

import io.framewise.server.audit.AuditVerifier;
import io.framewise.server.db.Database;
import io.framewise.server.db.DatabaseException;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.db.JooqLibraryCopy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framewise db}: the library's database, from outside the server. */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "Work with the library's database.",
        subcommands = {DbCommand.MigrateTo.class})
final class DbCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code framewise db migrate-to postgresql://...}: copies the data folder's SQLite library into an
     * empty PostgreSQL database, checks every table's count and the audit chain there. Run again after an
     * interruption, it goes on where it stopped.
     */
    @Command(
            name = "migrate-to",
            mixinStandardHelpOptions = true,
            description = "Copy this library's SQLite database into an empty PostgreSQL database (stop the"
                    + " server first). Every table's count and the audit chain are checked after the copy; run it"
                    + " again to resume a copy that was interrupted. The user and password come from"
                    + " FRAMEWISE_DB_USER and FRAMEWISE_DB_PASSWORD (or FRAMEWISE_DB_PASSWORD_FILE)."
                    + " Then start the server with --db and the same address.")
    static final class MigrateTo implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "postgresql://HOST[:PORT]/DATABASE", description = "The target.")
        String target;

        @Option(
                names = "--data",
                paramLabel = "DIR",
                description = "Data folder (default: FRAMEWISE_DATA, else $XDG_DATA_HOME/framewise).")
        Path data;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ServerSettings sources = new ServerSettings(System.getenv(), null);
            Path dataDir = sources.resolve(data, null, null, null).dataDir();
            DatabaseLocation to = DatabaseLocation.parse(target, System.getenv());
            if (!(to instanceof DatabaseLocation.Postgres)) {
                throw new IllegalArgumentException("the target must be a postgresql:// address, was " + target);
            }
            DatabaseLocation.Sqlite from = new DatabaseLocation.Sqlite(dataDir.resolve(Database.FILE_NAME));
            if (!Files.isRegularFile(from.file())) {
                // Opening would create an empty library and copy nothing.
                err.println("framewise: no database at " + from.file());
                err.flush();
                return FramewiseCli.EXIT_FAILURE;
            }
            out.println("Copying " + from.describe() + " to " + to.describe());
            out.flush();
            List<JooqLibraryCopy.Count> counts;
            try (Database source = Database.open(from, Clock.systemUTC());
                    Database copy = Database.open(to, Clock.systemUTC())) {
                counts = new JooqLibraryCopy(source, copy).run(c -> {
                    out.printf(
                            "  %-28s %10d of %10d%s%n",
                            c.table(), c.target(), c.source(), c.matches() ? "" : "  MISMATCH");
                    out.flush();
                });
                AuditVerifier.Result audit = new AuditVerifier(copy).verify();
                boolean allMatch = counts.stream().allMatch(JooqLibraryCopy.Count::matches);
                out.println("Audit log in the copy: " + audit.message());
                if (!allMatch || !audit.intact()) {
                    err.println("framewise: the copy does not match the library (see above); run it again to resume");
                    err.flush();
                    return FramewiseCli.EXIT_FAILURE;
                }
            } catch (DatabaseException e) {
                err.println("framewise: " + e.getMessage());
                err.flush();
                return FramewiseCli.EXIT_FAILURE;
            }
            long rows = counts.stream().mapToLong(JooqLibraryCopy.Count::source).sum();
            out.println("Done: " + counts.size() + " tables, " + rows + " rows, every count matches. Start the"
                    + " server with --db " + target + " (the data folder keeps the media).");
            out.flush();
            return 0;
        }
    }
}
