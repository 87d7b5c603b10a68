package io.framewise.cli;

import io.framewise.media.MediaException;
import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code framewise} command line. Exit codes other tools rely on: 0 success, 2 usage errors
 * (including a frame outside the media), 3 media that cannot be read, 1 anything else; failures print
 * one line on stderr saying why.
 */
@Command(
        name = "framewise",
        mixinStandardHelpOptions = true,
        versionProvider = FramewiseCli.Version.class,
        description = "Frame-exact media review: probe, stills, proxies, thumbnails and clips.",
        subcommands = {
            ProbeCommand.class,
            StillCommand.class,
            TranscodeCommand.class,
            ThumbsCommand.class,
            ClipCommand.class,
            ServerCommand.class,
            DemoCommand.class,
            UserCommand.class,
            AuditCommand.class,
            DbCommand.class,
            KeysCommand.class,
            StorageCommand.class,
            ImportCommand.class,
            LauncherCommands.Test.class,
            LauncherCommands.Bench.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Frames are 0-based indices in presentation order. Where a frame is asked, a SMPTE",
            "timecode works too (HH:MM:SS:FF, or HH:MM:SS;FF for drop-frame), counted from the",
            "media's start timecode.",
            "Exit codes: 0 ok, 2 usage error, 3 unreadable media, 1 other failure (such as writing), 130 interrupted."
        })
public final class FramewiseCli implements Runnable {

    public static final int EXIT_MEDIA = 3;
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;
    public static final int EXIT_FAILURE = 1;
    /** Interrupted (Ctrl-C), as shells report a SIGINT death. */
    public static final int EXIT_CANCELLED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where commands that read secrets (user add --password-stdin) read them from. */
    private final InputStream stdin;

    private FramewiseCli(InputStream stdin) {
        this.stdin = stdin;
    }

    InputStream stdin() {
        return stdin;
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code (used by tests too). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, System.in, out, err);
    }

    /** Like {@link #execute(String[], PrintWriter, PrintWriter)} with a given standard input. */
    public static int execute(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new FramewiseCli(in));
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("framewise: " + oneLine(e));
            commandLine.getErr().flush();
            if (e instanceof MediaException.WriteFailed) {
                return EXIT_FAILURE;
            }
            if (e instanceof MediaException.Cancelled) {
                return EXIT_CANCELLED;
            }
            if (e instanceof MediaException) {
                return EXIT_MEDIA;
            }
            if (e instanceof IllegalArgumentException
                    || e instanceof CommandLine.ParameterException
                    || e instanceof io.framewise.server.imports.clapshot.ClapshotImportException) {
                return EXIT_USAGE;
            }
            return EXIT_FAILURE;
        });
        return cmd.execute(args);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.replace('\n', ' ');
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FramewiseCli.class.getPackage().getImplementationVersion();
            return new String[] {"framewise " + (v == null ? "development build" : v)};
        }
    }
}
