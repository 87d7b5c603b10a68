package io.framewise.server.notifications;

/**
 * A composed e-mail as the outbox keeps it. The still is rendered when the mail is sent, from the
 * media item's frame and the note's drawing, so the outbox holds text only.
 *
 * @param stillMediaId the media item whose frame goes in as an inline picture, or null
 * @param stillFrame that frame
 * @param stillNoteId the note whose drawing is burned into it, or null
 */
public record Mail(
        String to, String subject, String text, String html, String stillMediaId, Long stillFrame, String stillNoteId) {

    /** The content id the HTML part names the inline still by. */
    public static final String STILL_CID = "still@framewise";
}
