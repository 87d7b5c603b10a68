package io.framewise.server.notifications;

/**
 * A composed e-mail as the outbox keeps it. The still is rendered when the mail is sent, from the
 * media item's frame and the note's drawing, so the outbox holds text only.
 *
 * @param stillMediaId the media item whose frame goes in as an inline picture, or null
 * @param stillFrame that frame
 * @param stillNoteId the note whose drawing is burned into it, or null
 * @param settingsLink where the person changes which mails they get (the List-Unsubscribe header), or
 *     null in mails kept from before it was added
 */
public record Mail(
        String to,
        String subject,
        String text,
        String html,
        String stillMediaId,
        Long stillFrame,
        String stillNoteId,
        String settingsLink) {

    /** The content id the HTML part names the inline still by. */
    public static final String STILL_CID = "still@framewise";
}
