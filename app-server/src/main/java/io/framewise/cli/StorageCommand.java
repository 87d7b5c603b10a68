package io.framewise.cli;

import io.framewise.server.db.Ids;
import io.framewise.server.storage.MediaStore;
import io.framewise.server.storage.StorageLocation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code framewise storage push}: copies a library's media files from its data folder into a shared
 * store, for the day an office that kept everything in one data folder grows to several nodes (the
 * database moves with {@code db migrate-to}). Safe to run again: a file the store holds with the same
 * size is left alone, so an interrupted push resumes.
 */
@Command(
        name = "storage",
        mixinStandardHelpOptions = true,
        description = "Move a library's media files into a shared store (--storage file:DIR or s3://...).",
        subcommands = {StorageCommand.Push.class})
final class StorageCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code framewise storage push --storage URL}: every media item's finished files into the store. */
    @Command(
            name = "push",
            mixinStandardHelpOptions = true,
            description = "Publish every media item's finished files (originals, frame maps, renditions) from the"
                    + " data folder to the store, skipping what the store already holds. S3 credentials come from"
                    + " the AWS default chain. Stop the server first or run it on a node whose jobs are done.")
    static final class Push implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--data",
                paramLabel = "DIR",
                description = "Data folder (default: FRAMEWISE_DATA, else $XDG_DATA_HOME/framewise).")
        Path data;

        @Option(
                names = "--storage",
                required = true,
                paramLabel = "URL",
                description = "The store: file:DIR (outside the data folder) or s3://bucket/prefix?endpoint=...")
        String storage;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path dataDir = new ServerSettings(System.getenv(), null)
                    .resolve(data, null, null, null)
                    .dataDir();
            StorageLocation location = StorageLocation.parse(storage, dataDir);
            if (location.isDataFolder()) {
                throw new IllegalArgumentException(
                        "--storage names the data folder itself: there is nothing to push; give a folder elsewhere"
                                + " or an s3:// address");
            }
            Path media = dataDir.resolve("media");
            List<String> ids;
            try (Stream<Path> items = Files.isDirectory(media) ? Files.list(media) : Stream.empty()) {
                ids = items.filter(Files::isDirectory)
                        .map(p -> p.getFileName().toString())
                        .filter(Ids::isValid)
                        .sorted()
                        .toList();
            }
            // No local copy is ever evicted here: the data folder is the library being copied.
            try (MediaStore store = MediaStore.open(location, dataDir, Long.MAX_VALUE)) {
                for (String id : ids) {
                    store.publishItem(id);
                }
            }
            out.println("Pushed the files of " + ids.size() + " media item(s) from " + dataDir + " to "
                    + location.describe());
            out.flush();
            return 0;
        }
    }
}
