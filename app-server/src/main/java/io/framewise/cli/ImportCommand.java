package io.framewise.cli;

import io.framewise.server.db.Database;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.db.PrivateFiles;
import io.framewise.server.imports.clapshot.ClapshotData;
import io.framewise.server.imports.clapshot.ClapshotImporter;
import io.framewise.server.imports.clapshot.ClapshotSource;
import io.framewise.server.imports.clapshot.ImportReport;
import io.framewise.server.imports.clapshot.JooqImportRepository;
import io.framewise.server.storage.MediaStore;
import io.framewise.server.storage.StorageSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code framewise import ...}: bringing content over from other review servers. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import content from another review server into a data folder.",
        subcommands = {ImportCommand.Clapshot.class})
final class ImportCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code framewise import clapshot --db FILE --data DIR [--server-data DIR] [--server-db WHERE]
     * [--storage STORE] [--dry-run]}. Works on
     * the data folder directly; media are queued and processed when the server runs.
     */
    @Command(
            name = "clapshot",
            mixinStandardHelpOptions = true,
            description = {
                "Import a Clapshot server: users, folders, media (originals, processed again here),",
                "comments as notes with their threads and frames, drawings as picture attachments.",
                "Running it again continues an interrupted import and adds nothing twice.",
                "Imported users have no password: with the reverse-proxy sign-in they sign in as before;",
                "with passwords an administrator sets one for them."
            })
    static final class Clapshot implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--db",
                required = true,
                paramLabel = "FILE",
                description = "Clapshot's clapshot.sqlite (opened read-only).")
        Path db;

        @Option(
                names = "--data",
                required = true,
                paramLabel = "DIR",
                description = "Clapshot's videos folder (one sub-folder per media file).")
        Path videos;

        @Option(
                names = "--server-data",
                paramLabel = "DIR",
                description = "This server's data folder (default: $FRAMEWISE_DATA or $XDG_DATA_HOME/framewise).")
        Path serverData;

        @Option(
                names = "--server-db",
                paramLabel = "WHERE",
                description = {
                    "This server's database when it is not the data folder's, as the server's --db",
                    "(sqlite:PATH or postgresql://HOST[:PORT]/DATABASE; user and password from",
                    "FRAMEWISE_DB_USER and FRAMEWISE_DB_PASSWORD; default: $FRAMEWISE_DB)."
                })
        String serverDb;

        @Option(
                names = "--storage",
                paramLabel = "STORE",
                description = {
                    "The library's media store when it is not the data folder, as the server's --storage",
                    "(default: $FRAMEWISE_STORAGE): originals and drawings are published there."
                })
        String storage;

        @Option(names = "--dry-run", description = "Write nothing; print what would be imported.")
        boolean dryRun;

        @Option(
                names = "--report",
                paramLabel = "FILE",
                description = "Where the JSON report goes (default: <server data>/imports/clapshot-<time>.json).")
        Path reportFile;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.isDirectory(videos)) {
                throw new IllegalArgumentException(
                        "--data must be Clapshot's videos folder: " + videos + " is not a folder");
            }
            ClapshotData data = ClapshotSource.read(db);
            ServerSettings sources = new ServerSettings(System.getenv(), null);
            Path dataDir = sources.resolve(serverData, null, null, null).dataDir();
            DatabaseLocation library = sources.database(serverDb, dataDir);
            ImportReport report;
            if (dryRun) {
                Map<String, String> ledger = JooqImportRepository.readLedger(library, ClapshotImporter.SOURCE);
                report = new ClapshotImporter(data, videos, ledger, null).run();
            } else {
                StorageSettings storage = sources.storage(this.storage, null, dataDir);
                PrivateFiles.directories(dataDir.toAbsolutePath());
                try (Database database = Database.open(library, java.time.Clock.systemUTC());
                        MediaStore store = MediaStore.open(storage.location(), dataDir, storage.cacheBytes())) {
                    Map<String, String> ledger = new JooqImportRepository(database).ledger(ClapshotImporter.SOURCE);
                    report = new ClapshotImporter(
                                    data, videos, ledger, new ClapshotImporter.Target(database, dataDir, store))
                            .run();
                }
            }
            out.println((dryRun ? "Dry run (nothing written): " : "Imported ") + "Clapshot " + db + " into " + dataDir);
            report.summaryLines().forEach(out::println);
            if (!dryRun) {
                Path file = reportFile != null
                        ? reportFile
                        : dataDir.resolve("imports")
                                .resolve("clapshot-"
                                        + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                                                .withZone(ZoneOffset.UTC)
                                                .format(Instant.now())
                                        + ".json");
                report.write(file);
                out.println("Report: " + file);
                out.println("Imported users have no password: with reverse-proxy sign-in they sign in as before;"
                        + " otherwise an administrator sets their password. Media are processed when the server runs.");
            }
            out.flush();
            return 0;
        }
    }
}
