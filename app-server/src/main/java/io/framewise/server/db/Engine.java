package io.framewise.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.SQLDialect;

/**
 * What differs between the database servers {@link Database} runs on: how connections are made and
 * how a write or a read transaction begins. Everything above (the single-writer discipline, groups,
 * savepoints, after-commit actions) is the same on both.
 */
interface Engine extends AutoCloseable {

    /** The dialect jOOQ renders for. */
    SQLDialect dialect();

    /** Where it is, in words (never with a password). */
    String describe();

    /** The statement that begins a write transaction. */
    String beginWrite();

    /** The statement that begins a read-only snapshot. */
    String beginRead();

    /** The writing connection, taken by the holder of the write lock for one outermost transaction. */
    Connection takeWriter() throws SQLException;

    /** Hands the writing connection back after its transaction ended. */
    void giveBackWriter(Connection writer);

    /** A reading connection, waiting for one to be free. */
    Connection takeReader() throws SQLException;

    /** Hands a reading connection back after its snapshot ended. */
    void giveBackReader(Connection reader);

    /** Reports the connections (pool use, waits) to {@code registry} for {@code /api/metrics}. */
    void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry);

    @Override
    void close();
}
