package io.framewise.server.tags;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.access.Action;
import io.framewise.server.access.Authorizer;
import io.framewise.server.access.Resource;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Bodies;
import io.framewise.server.library.Asset;
import io.framewise.server.library.AssetRepository;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** The tags of an asset over HTTP: {@code GET} and {@code PUT /api/assets/{id}/tags}. */
public final class TagsFeature implements Feature {

    private final AssetRepository assets;
    private final Authorizer authorizer;
    private final TagService tags;

    public TagsFeature(AssetRepository assets, Authorizer authorizer, TagService tags) {
        this.assets = assets;
        this.authorizer = authorizer;
        this.tags = tags;
    }

    record TagsBody(List<String> tags) {}

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get(
                "/api/assets/{id}/tags", ctx -> ctx.json(view(visibleAsset(ctx).id())));
        cfg.routes.put("/api/assets/{id}/tags", this::setTags);
    }

    private void setTags(Context ctx) {
        Asset asset = visibleAsset(ctx);
        TagsBody body = Bodies.read(ctx, TagsBody.class);
        if (body.tags() == null) {
            throw new ApiException.Invalid("send {\"tags\": [...]}", Map.of("field", "tags"));
        }
        try {
            tags.setTags(asset.id(), body.tags());
        } catch (IllegalArgumentException e) {
            throw new ApiException.Invalid(e.getMessage(), Map.of("field", "tags"));
        }
        ctx.json(view(asset.id()));
    }

    /** The asset, when the caller may open it (roles and every organizer's rule, as on the asset's own route). */
    private Asset visibleAsset(Context ctx) {
        String id = ctx.pathParam("id");
        Asset asset = assets.get(id).orElseThrow(() -> new ApiException.NotFound("no such asset: " + id));
        if (!authorizer
                .decide(Access.principal(ctx), Action.ASSET_VIEW, new Resource.Asset(asset.id()))
                .allowed()) {
            throw new ApiException.NotFound("no such asset: " + asset.id());
        }
        return asset;
    }

    private Map<String, Object> view(String assetId) {
        return Map.of("assetId", assetId, "tags", tags.tags(assetId));
    }
}
