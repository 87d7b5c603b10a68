package io.framewise.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Commands that the {@code ./framewise} launcher script runs itself, because they must work before
 * anything is built. They are listed here so {@code --help} shows the whole command set.
 */
final class LauncherCommands {

    private LauncherCommands() {}

    @Command(
            name = "test",
            description = "Install what the tests need (Debian packages, as root) and run every test (mvn verify).")
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getErr().println("framewise: run this through the launcher: ./framewise test");
            return FramewiseCli.EXIT_USAGE;
        }
    }

    @Command(
            name = "bench",
            description = "Run the media engine benchmarks side by side with the ffmpeg CLI and print ratios.")
    static final class Bench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getErr().println("framewise: run this through the launcher: ./framewise bench");
            return FramewiseCli.EXIT_USAGE;
        }
    }
}
