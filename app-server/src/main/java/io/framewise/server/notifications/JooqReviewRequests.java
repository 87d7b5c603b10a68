package io.framewise.server.notifications;

import static io.framewise.server.db.generated.Tables.REVIEW_REQUESTS;
import static io.framewise.server.db.generated.Tables.REVIEW_REQUEST_PEOPLE;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.generated.tables.records.ReviewRequestsRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** Review requests and who was asked. */
public final class JooqReviewRequests {

    private final Database db;

    public JooqReviewRequests(Database db) {
        this.db = db;
    }

    public ReviewRequest create(
            String assetId, String requestedBy, LocalDate due, String message, List<String> userIds) {
        return db.write(ctx -> {
            String id = Ids.newId();
            long now = db.nowMillis();
            ctx.insertInto(REVIEW_REQUESTS)
                    .set(REVIEW_REQUESTS.ID, id)
                    .set(REVIEW_REQUESTS.ASSET_ID, assetId)
                    .set(REVIEW_REQUESTS.REQUESTED_BY, requestedBy)
                    .set(REVIEW_REQUESTS.DUE_ON, due.toString())
                    .set(REVIEW_REQUESTS.MESSAGE, message)
                    .set(REVIEW_REQUESTS.CREATED_AT, now)
                    .execute();
            for (String userId : userIds) {
                ctx.insertInto(REVIEW_REQUEST_PEOPLE)
                        .set(REVIEW_REQUEST_PEOPLE.REQUEST_ID, id)
                        .set(REVIEW_REQUEST_PEOPLE.USER_ID, userId)
                        .execute();
            }
            return load(
                            ctx,
                            ctx.selectFrom(REVIEW_REQUESTS)
                                    .where(REVIEW_REQUESTS.ID.eq(id))
                                    .fetch())
                    .get(0);
        });
    }

    /** The requests that ask {@code userId} and that they have not answered yet, soonest due first. */
    public List<ReviewRequest> openFor(String userId) {
        return db.read(ctx -> load(
                ctx,
                ctx.selectFrom(REVIEW_REQUESTS)
                        .where(REVIEW_REQUESTS.ID.in(ctx.select(REVIEW_REQUEST_PEOPLE.REQUEST_ID)
                                .from(REVIEW_REQUEST_PEOPLE)
                                .where(REVIEW_REQUEST_PEOPLE.USER_ID.eq(userId))
                                .and(REVIEW_REQUEST_PEOPLE.DONE_AT.isNull())))
                        .orderBy(REVIEW_REQUESTS.DUE_ON, REVIEW_REQUESTS.CREATED_AT)
                        .fetch()));
    }

    /** Marks {@code userId}'s open requests on {@code assetId} answered. */
    public void answered(String assetId, String userId) {
        db.write(ctx -> ctx.update(REVIEW_REQUEST_PEOPLE)
                .set(REVIEW_REQUEST_PEOPLE.DONE_AT, db.nowMillis())
                .where(REVIEW_REQUEST_PEOPLE.USER_ID.eq(userId))
                .and(REVIEW_REQUEST_PEOPLE.DONE_AT.isNull())
                .and(REVIEW_REQUEST_PEOPLE.REQUEST_ID.in(ctx.select(REVIEW_REQUESTS.ID)
                        .from(REVIEW_REQUESTS)
                        .where(REVIEW_REQUESTS.ASSET_ID.eq(assetId))))
                .execute());
    }

    /**
     * Takes, per person, the open requests overdue on {@code today} that have not been in a reminder
     * today, and marks them reminded; in the caller's transaction.
     */
    public Map<String, List<ReviewRequest>> takeOverdue(LocalDate today) {
        return db.write(ctx -> {
            Map<String, List<String>> byUser = new LinkedHashMap<>();
            var overdue = ctx.select(REVIEW_REQUEST_PEOPLE.USER_ID, REVIEW_REQUEST_PEOPLE.REQUEST_ID)
                    .from(REVIEW_REQUEST_PEOPLE)
                    .join(REVIEW_REQUESTS)
                    .on(REVIEW_REQUESTS.ID.eq(REVIEW_REQUEST_PEOPLE.REQUEST_ID))
                    .where(REVIEW_REQUEST_PEOPLE.DONE_AT.isNull())
                    .and(REVIEW_REQUESTS.DUE_ON.lt(today.toString()))
                    .and(REVIEW_REQUEST_PEOPLE
                            .OVERDUE_MAILED_ON
                            .isNull()
                            .or(REVIEW_REQUEST_PEOPLE.OVERDUE_MAILED_ON.lt(today.toString())))
                    .orderBy(REVIEW_REQUEST_PEOPLE.USER_ID, REVIEW_REQUESTS.DUE_ON);
            // Several nodes may send reminders: each takes the rows no other node has locked.
            db.claim(overdue, REVIEW_REQUEST_PEOPLE)
                    .forEach(r -> byUser.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                            .add(r.value2()));
            Map<String, List<ReviewRequest>> result = new LinkedHashMap<>();
            byUser.forEach((user, ids) -> {
                ctx.update(REVIEW_REQUEST_PEOPLE)
                        .set(REVIEW_REQUEST_PEOPLE.OVERDUE_MAILED_ON, today.toString())
                        .where(REVIEW_REQUEST_PEOPLE.USER_ID.eq(user))
                        .and(REVIEW_REQUEST_PEOPLE.REQUEST_ID.in(ids))
                        .execute();
                result.put(
                        user,
                        load(
                                ctx,
                                ctx.selectFrom(REVIEW_REQUESTS)
                                        .where(REVIEW_REQUESTS.ID.in(ids))
                                        .orderBy(REVIEW_REQUESTS.DUE_ON)
                                        .fetch()));
            });
            return result;
        });
    }

    private static List<ReviewRequest> load(DSLContext ctx, List<ReviewRequestsRecord> rows) {
        List<ReviewRequest> out = new ArrayList<>();
        for (ReviewRequestsRecord r : rows) {
            List<ReviewRequest.Person> people = ctx.selectFrom(REVIEW_REQUEST_PEOPLE)
                    .where(REVIEW_REQUEST_PEOPLE.REQUEST_ID.eq(r.getId()))
                    .orderBy(REVIEW_REQUEST_PEOPLE.USER_ID)
                    .fetch(p -> new ReviewRequest.Person(
                            p.getUserId(), p.getDoneAt() == null ? null : Instant.ofEpochMilli(p.getDoneAt())));
            out.add(new ReviewRequest(
                    r.getId(),
                    r.getAssetId(),
                    r.getRequestedBy(),
                    LocalDate.parse(r.getDueOn()),
                    r.getMessage(),
                    Instant.ofEpochMilli(r.getCreatedAt()),
                    people));
        }
        return out;
    }
}
