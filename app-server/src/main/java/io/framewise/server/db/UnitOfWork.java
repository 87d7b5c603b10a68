package io.framewise.server.db;

import java.util.function.Supplier;

/**
 * One unit of work: a service operation runs its change, its activity entry and its audit entry in
 * one database transaction, and what others should hear about it goes out only after the commit.
 * Services depend on this rather than on {@link Database}, so they never see SQL.
 */
public interface UnitOfWork {

    /**
     * Runs {@code work} in one write transaction: committed when it returns, rolled back when it
     * throws. A unit of work started inside another on the same thread joins the outer one.
     */
    <T> T inTransaction(Supplier<T> work);

    /** As {@link #inTransaction(Supplier)} for work without a result. */
    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code action} once the current outermost transaction has committed, on the committing
     * thread and outside the database lock; dropped if it rolls back. Outside a transaction it
     * runs at once. Publishing events this way means nobody hears of a change that was not stored.
     */
    void afterCommit(Runnable action);
}
