package io.framewise.server.db;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Where the library's database lives: a SQLite file (one box, the default) or a PostgreSQL server
 * that several server nodes share (ADR 0058). Parsed from {@code --db}; PostgreSQL credentials come
 * from the environment or a file, never the command line, where every user of the machine can read
 * them.
 */
public sealed interface DatabaseLocation {

    /** The environment variable naming the PostgreSQL user. */
    String USER_VARIABLE = "FRAMEWISE_DB_USER";

    /** The environment variable holding the PostgreSQL password. */
    String PASSWORD_VARIABLE = "FRAMEWISE_DB_PASSWORD";

    /** The environment variable naming a file whose first line is the PostgreSQL password. */
    String PASSWORD_FILE_VARIABLE = "FRAMEWISE_DB_PASSWORD_FILE";

    /** A SQLite database file. */
    record Sqlite(Path file) implements DatabaseLocation {
        public Sqlite {
            file = file.toAbsolutePath().normalize();
        }

        @Override
        public String describe() {
            return file.toString();
        }
    }

    /**
     * A PostgreSQL database.
     *
     * @param password may be empty (trust or peer authentication)
     */
    record Postgres(String host, int port, String database, String user, String password) implements DatabaseLocation {

        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,62}");

        public Postgres {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("the PostgreSQL host must not be blank");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("the PostgreSQL port must be between 1 and 65535, was " + port);
            }
            if (database == null || !NAME.matcher(database).matches()) {
                throw new IllegalArgumentException("the PostgreSQL database name must be 1 to 63 letters, digits, "
                        + "_ or - starting with a letter or _, was '" + database + "'");
            }
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("the PostgreSQL user must not be blank (set " + USER_VARIABLE + ")");
            }
            Objects.requireNonNull(password, "password");
        }

        /** The JDBC address, without credentials. */
        public String jdbcUrl() {
            String shownHost = host.contains(":") ? "[" + host + "]" : host;
            return "jdbc:postgresql://" + shownHost + ":" + port + "/" + database;
        }

        /** The same server with another database on it (the migration command's target, tests). */
        public Postgres withDatabase(String other) {
            return new Postgres(host, port, other, user, password);
        }

        @Override
        public String describe() {
            return "postgresql://" + host + ":" + port + "/" + database + " as " + user;
        }

        /** Never prints the password. */
        @Override
        public String toString() {
            return "Postgres[" + describe() + "]";
        }
    }

    /** Where it is, in words for logs and errors (never with a password). */
    String describe();

    /** SQLite in {@code <dataDir>/framewise.db}. */
    static DatabaseLocation sqliteIn(Path dataDir) {
        return new Sqlite(dataDir.resolve(Database.FILE_NAME));
    }

    /**
     * The database used when none is named: SQLite in the data folder, unless a {@link DefaultDatabase}
     * on the class path provides another (the test suite's PostgreSQL run does).
     */
    static DatabaseLocation defaultFor(Path dataDir) {
        for (DefaultDatabase provider : ServiceLoader.load(DefaultDatabase.class)) {
            Optional<DatabaseLocation> chosen = provider.forDataFolder(dataDir.toAbsolutePath());
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        return sqliteIn(dataDir);
    }

    /**
     * Parses a {@code --db} value: {@code sqlite:PATH} (relative to the working folder) or {@code
     * postgresql://host[:port]/database} with the user and password from {@code env}.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    static DatabaseLocation parse(String spec, Map<String, String> env) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--db must not be blank: use sqlite:PATH or postgresql://host:port/db");
        }
        if (spec.startsWith("sqlite:")) {
            String path = spec.substring("sqlite:".length());
            if (path.isBlank()) {
                throw new IllegalArgumentException(
                        "--db sqlite: needs a file path, e.g. sqlite:/srv/framewise/framewise.db");
            }
            return new Sqlite(Path.of(path));
        }
        if (spec.startsWith("postgresql://") || spec.startsWith("postgres://")) {
            return postgres(spec, env);
        }
        throw new IllegalArgumentException(
                "--db '" + spec + "' is neither sqlite:PATH nor postgresql://host:port/database");
    }

    private static Postgres postgres(String spec, Map<String, String> env) {
        URI uri;
        try {
            uri = new URI(spec);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--db is not a valid postgresql:// address: " + e.getMessage());
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("--db must not carry a user or password (the command line is visible "
                    + "to every user of the machine): set " + USER_VARIABLE + " and " + PASSWORD_VARIABLE + " or "
                    + PASSWORD_FILE_VARIABLE + " instead");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("--db postgresql:// takes no options after the database name");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "--db postgresql:// needs a host, e.g. postgresql://db.internal:5432/framewise");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String user = env.getOrDefault(USER_VARIABLE, "");
        if (user.isBlank()) {
            throw new IllegalArgumentException("--db postgresql:// needs the user in " + USER_VARIABLE);
        }
        return new Postgres(uri.getHost(), port, database, user, password(env));
    }

    private static String password(Map<String, String> env) {
        String file = env.get(PASSWORD_FILE_VARIABLE);
        if (file != null && !file.isBlank()) {
            try {
                String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                return (end < 0 ? text : text.substring(0, end)).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "cannot read the PostgreSQL password file " + file + " (" + PASSWORD_FILE_VARIABLE + "): " + e);
            }
        }
        return env.getOrDefault(PASSWORD_VARIABLE, "");
    }
}
