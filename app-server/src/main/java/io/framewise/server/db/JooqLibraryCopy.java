package io.framewise.server.db;

import io.framewise.server.db.generated.DefaultSchema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jooq.Cursor;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UniqueKey;

/**
 * Copies a library's database into another, empty one of the same schema: the day an office on
 * SQLite grows into PostgreSQL ({@code framewise db migrate-to}). Tables go parents first (by their
 * foreign keys), in batches, each row inserted unless its key is there already, so a copy that was
 * stopped half way is resumed by running it again. A table whose parent is the table itself (folders
 * in folders, replies to notes) holds a row back until its parent has been copied. At the end every
 * table's count must equal the source's; a target holding rows the source does not is refused before
 * anything is written.
 */
public final class JooqLibraryCopy {

    private static final int BATCH = 1_000;

    /** One table's rows in the source and, after the copy, in the target. */
    public record Count(String table, long source, long target) {
        public boolean matches() {
            return source == target;
        }
    }

    private final Database source;
    private final Database target;

    public JooqLibraryCopy(Database source, Database target) {
        this.source = source;
        this.target = target;
    }

    /**
     * Copies every table, telling {@code progress} of each as it is done.
     *
     * @return every table's counts, parents first
     * @throws DatabaseException when the target holds more rows of a table than the source (it is another
     *     library, not a partial copy of this one)
     */
    public List<Count> run(Consumer<Count> progress) {
        List<Table<?>> tables = parentsFirst(DefaultSchema.DEFAULT_SCHEMA.getTables());
        for (Table<?> table : tables) {
            long inSource = count(source, table);
            long inTarget = count(target, table);
            if (inTarget > inSource) {
                throw new DatabaseException(
                        "The target database already holds " + inTarget + " rows of " + table.getName() + " but this"
                                + " library has " + inSource + ": it is not empty and not a copy of this library",
                        null);
            }
        }
        List<Count> counts = new ArrayList<>();
        for (Table<?> table : tables) {
            copy(table);
            Count c = new Count(table.getName(), count(source, table), count(target, table));
            counts.add(c);
            progress.accept(c);
        }
        return counts;
    }

    private static long count(Database db, Table<?> table) {
        return db.read(ctx -> ctx.fetchCount(table));
    }

    private <R extends Record> void copy(Table<R> table) {
        UniqueKey<R> pk = table.getPrimaryKey();
        TableField<R, ?> parent = selfReference(table);
        Set<Object> copied = new HashSet<>();
        Deque<R> waiting = new ArrayDeque<>();
        source.read(ctx -> {
            var query =
                    pk == null ? ctx.selectFrom(table) : ctx.selectFrom(table).orderBy(pk.getFields());
            try (Cursor<R> rows = query.fetchSize(BATCH).fetchLazy()) {
                List<R> batch = new ArrayList<>(BATCH);
                while (rows.hasNext()) {
                    R row = rows.fetchNext();
                    if (parent != null) {
                        Object up = row.get(parent);
                        if (up != null && !copied.contains(up)) {
                            waiting.add(row);
                            continue;
                        }
                        copied.add(row.get(pk.getFields().get(0)));
                    }
                    batch.add(row);
                    if (batch.size() == BATCH) {
                        insert(table, batch);
                        batch.clear();
                    }
                }
                insert(table, batch);
            }
            return null;
        });
        // Rows whose parent came later in key order: copy them as their parents arrive.
        while (!waiting.isEmpty()) {
            List<R> ready = new ArrayList<>();
            for (var it = waiting.iterator(); it.hasNext(); ) {
                R row = it.next();
                if (copied.contains(row.get(parent))) {
                    ready.add(row);
                    it.remove();
                }
            }
            if (ready.isEmpty()) {
                // Their parents are not in this library at all; the foreign key will say which.
                ready.addAll(waiting);
                waiting.clear();
            }
            ready.forEach(r -> copied.add(r.get(pk.getFields().get(0))));
            for (int i = 0; i < ready.size(); i += BATCH) {
                insert(table, ready.subList(i, Math.min(ready.size(), i + BATCH)));
            }
        }
    }

    private <R extends Record> void insert(Table<R> table, Collection<R> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Field<?>[] fields = table.fields();
        target.write(ctx -> {
            var insert = ctx.insertInto(table, fields);
            var values = insert.valuesOfRecords(
                    rows.stream().map(r -> r.into(fields)).toList());
            return table.getPrimaryKey() == null
                    ? values.execute()
                    : values.onConflictDoNothing().execute();
        });
    }

    /** The column by which a table's rows point at other rows of the same table, if any. */
    @SuppressWarnings("unchecked")
    private static <R extends Record> TableField<R, ?> selfReference(Table<R> table) {
        if (table.getPrimaryKey() == null || table.getPrimaryKey().getFields().size() != 1) {
            return null;
        }
        for (ForeignKey<R, ?> fk : table.getReferences()) {
            if (fk.getKey().getTable().equals(table) && fk.getFields().size() == 1) {
                return (TableField<R, ?>) fk.getFields().get(0);
            }
        }
        return null;
    }

    /** The tables ordered so that every table comes after the tables its foreign keys point at. */
    static List<Table<?>> parentsFirst(List<Table<?>> tables) {
        Map<String, Table<?>> byName = new LinkedHashMap<>();
        tables.stream().sorted((a, b) -> a.getName().compareTo(b.getName())).forEach(t -> byName.put(t.getName(), t));
        List<Table<?>> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (placed.size() < byName.size()) {
            boolean progress = false;
            for (Table<?> t : byName.values()) {
                if (placed.contains(t.getName())) {
                    continue;
                }
                boolean ready = t.getReferences().stream()
                        .map(fk -> fk.getKey().getTable().getName())
                        .allMatch(parent ->
                                parent.equals(t.getName()) || placed.contains(parent) || !byName.containsKey(parent));
                if (ready) {
                    ordered.add(t);
                    placed.add(t.getName());
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("the tables' foreign keys form a cycle: " + byName.keySet());
            }
        }
        return ordered;
    }
}
