package io.framewise.server.templates;

import io.framewise.server.access.Caller;

/**
 * The seam clip jobs use to turn a template id into what the media engine needs. Checks that the
 * caller may see the template (its project's viewer, or anyone signed in for a global one).
 */
public interface TemplateResolver {

    /**
     * The template and its uploaded files.
     *
     * @throws io.framewise.server.http.ApiException.NotFound when there is no such template, or the
     *     caller may not see it (not found rather than forbidden: ids are not confirmed to strangers)
     * @throws io.framewise.server.http.ApiException.Unauthenticated when nobody is signed in
     */
    ResolvedTemplate resolve(Caller caller, String templateId);
}
