package io.framewise.organizer.sdk;

/**
 * An access question.
 *
 * @param action what the principal wants to do, e.g. {@code asset_view}, {@code media_view}
 */
public record AuthorizeRequest(Principal principal, String action, ResourceRef resource) {}
