package io.framewise.cli;

import io.framewise.server.auth.Account;
import io.framewise.server.auth.JooqAccountRepository;
import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.db.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code framewise user}: accounts, managed on the data folder directly (the server need not run). */
@Command(
        name = "user",
        mixinStandardHelpOptions = true,
        description = "Manage accounts in a data folder (works before the server first starts).",
        subcommands = {UserCommand.Add.class})
final class UserCommand implements Runnable {

    @ParentCommand
    FramewiseCli root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code framewise user add NAME [--admin] --password-stdin [--data DIR]}: prints the new user's id. */
    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Create an account. The password is read from the first line of standard input,"
                    + " never from an argument (arguments show in ps and shell history).")
    static final class Add implements Callable<Integer> {

        @ParentCommand
        UserCommand user;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "Login name: letters, digits, '.', '_', '-'.")
        String name;

        @Option(names = "--admin", description = "Make the account an administrator.")
        boolean admin;

        @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
        boolean passwordStdin;

        @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: $XDG_DATA_HOME/framewise).")
        Path data;

        @Option(
                names = "--db",
                paramLabel = "WHERE",
                description = "The database, as the server's --db (default: FRAMEWISE_DB, else the data folder's).")
        String db;

        @Override
        public Integer call() throws IOException {
            if (!passwordStdin) {
                throw new IllegalArgumentException(
                        "give --password-stdin and pipe the password in: passwords are never taken as arguments");
            }
            String password = readPassword();
            ServerSettings sources = new ServerSettings(System.getenv(), null);
            Path dataDir = sources.resolve(data, null, null, null).dataDir();
            try (Database database = Database.open(sources.database(db, dataDir), java.time.Clock.systemUTC())) {
                Account account =
                        new JooqAccountRepository(database, PasswordHasher.configured()).create(name, password, admin);
                spec.commandLine().getOut().println(account.id());
                spec.commandLine().getOut().flush();
            }
            return 0;
        }

        private String readPassword() throws IOException {
            // Not closed: closing would close the process's stdin, which is not ours.
            BufferedReader in = new BufferedReader(new InputStreamReader(user.root.stdin(), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new IllegalArgumentException("no password on standard input");
            }
            // A password typed on Windows or piped from a CRLF file must not end in '\r'.
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }
    }
}
