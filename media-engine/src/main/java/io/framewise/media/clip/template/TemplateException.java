package io.framewise.media.clip.template;

/**
 * A template that cannot be used: a JSON path and what is wrong there ("steps[2].colour is not a known
 * field"). An {@link IllegalArgumentException}, so callers that map bad arguments to 400 need nothing
 * more.
 */
public final class TemplateException extends IllegalArgumentException {

    private final String path;

    public TemplateException(String path, String problem) {
        super(path.isEmpty() ? problem : path + " " + problem);
        this.path = path;
    }

    /** The JSON path of the problem ("steps[2].size"), empty for the document as a whole. */
    public String path() {
        return path;
    }
}
