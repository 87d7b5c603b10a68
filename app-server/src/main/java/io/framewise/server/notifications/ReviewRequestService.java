package io.framewise.server.notifications;

import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Resource;
import io.framewise.server.http.ApiException;
import io.framewise.server.library.Asset;
import io.framewise.server.library.AssetRepository;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * "Request review": names people who may see the asset and a due date; each is told ({@code
 * review_request}), webhooks hear {@code review_request.created}, and the request stays open for
 * each person until they approve or ask for changes.
 */
public final class ReviewRequestService {

    static final int MAX_PEOPLE = 50;
    static final int MAX_MESSAGE = 2000;

    private final JooqReviewRequests requests;
    private final AssetRepository assets;
    private final Permissions permissions;
    private final PeopleEvents people;
    private final PeopleNotifier notifier;
    private final WebhookEvents webhooks;
    private final java.time.Clock clock;

    public ReviewRequestService(
            JooqReviewRequests requests,
            AssetRepository assets,
            Permissions permissions,
            PeopleEvents people,
            PeopleNotifier notifier,
            WebhookEvents webhooks,
            java.time.Clock clock) {
        this.requests = requests;
        this.assets = assets;
        this.permissions = permissions;
        this.people = people;
        this.notifier = notifier;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    public ReviewRequest create(Caller caller, String assetId, List<String> userIds, String due, String message) {
        permissions.require(caller, Action.APPROVAL_SET, new Resource.Asset(assetId));
        Asset asset = assets.get(assetId)
                .orElseThrow(() -> new ApiException.NotFound("no such asset: " + assetId, Map.of("type", "asset")));
        if (userIds == null || userIds.isEmpty() || userIds.size() > MAX_PEOPLE) {
            throw invalid("userIds must name 1 to " + MAX_PEOPLE + " people of the project", "userIds");
        }
        LinkedHashSet<String> asked = new LinkedHashSet<>();
        for (String userId : userIds) {
            // Someone who may not see the asset answers like an id that names nobody.
            boolean allowed = userId != null
                    && people.principal(userId)
                            .map(p -> permissions
                                    .authorizer()
                                    .decide(p, Action.ASSET_VIEW, new Resource.Asset(assetId))
                                    .allowed())
                            .orElse(false);
            if (!allowed) {
                throw invalid("no such person in this project: " + NotificationKind.shorten(userId), "userIds");
            }
            asked.add(userId);
        }
        LocalDate dueOn;
        try {
            dueOn = LocalDate.parse(due == null ? "" : due);
        } catch (DateTimeParseException e) {
            throw invalid("due must be a date like 2026-12-24", "due");
        }
        LocalDate today = today();
        if (dueOn.isBefore(today) || dueOn.isAfter(today.plusYears(5))) {
            throw invalid("due must be a day from today (" + today + ") to five years ahead", "due");
        }
        String text = message == null ? "" : message.strip();
        if (text.length() > MAX_MESSAGE) {
            throw invalid("message must be at most " + MAX_MESSAGE + " characters", "message");
        }
        String by = caller.person().userId();
        ReviewRequest request = requests.create(assetId, by, dueOn, text, List.copyOf(asked));
        String who = people.nameOf(by);
        for (String userId : asked) {
            if (userId.equals(by)) {
                continue;
            }
            notifier.tell(
                    new Told(
                            NotificationKind.REVIEW_REQUEST,
                            userId,
                            by,
                            who + " asked you to review " + asset.title() + " by " + dueOn,
                            null,
                            assetId,
                            null,
                            null,
                            "asset",
                            assetId),
                    text.isEmpty() ? null : text);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requestId", request.id());
        data.put("assetId", assetId);
        data.put("due", dueOn.toString());
        data.put("userIds", List.copyOf(asked));
        data.put("by", who);
        data.put("link", notifier.link(assetId, null));
        webhooks.publish("review_request.created", asset.projectId(), data);
        return request;
    }

    /** The open requests addressed to the caller that they may still see, soonest due first. */
    public List<ReviewRequest> mine(Caller caller) {
        return requests.openFor(caller.person().userId()).stream()
                .filter(r -> permissions
                        .authorizer()
                        .decide(caller.principal(), Action.ASSET_VIEW, new Resource.Asset(r.assetId()))
                        .allowed())
                .toList();
    }

    public String titleOf(String assetId) {
        return assets.get(assetId).map(Asset::title).orElse("");
    }

    private static ApiException.Invalid invalid(String message, String field) {
        return new ApiException.Invalid(message, Map.of("field", field));
    }
}
