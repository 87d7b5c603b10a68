package io.framewise.server.notifications;

import io.framewise.media.clip.template.NoteDrawings;
import io.framewise.media.still.StillFormat;
import io.framewise.server.media.FrameStills;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.notes.Note;
import io.framewise.server.notes.NoteRepository;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The still a mail shows: the note's frame, decoded exactly, with the note's drawing burned in. */
public final class MailStills {

    private static final Logger LOG = LoggerFactory.getLogger(MailStills.class);

    /** Wide enough to read a drawing in a mail client, small enough for a mailbox. */
    static final int WIDTH = 640;

    private final FrameStills stills;
    private final MediaRepository media;
    private final NoteRepository notes;

    public MailStills(FrameStills stills, MediaRepository media, NoteRepository notes) {
        this.stills = stills;
        this.media = media;
        this.notes = notes;
    }

    /** The JPEG, or null when the media item is gone, has no pictures or the frame is past its end. */
    public byte[] render(String mediaId, long frame, String noteId) {
        Optional<MediaItem> found = media.get(mediaId);
        if (found.isEmpty()) {
            return null;
        }
        MediaItem item = found.get();
        if (item.status() != MediaStatus.READY
                || item.frameMapPath() == null
                || item.probe() == null
                || frame >= item.probe().frameCount()) {
            return null;
        }
        try {
            byte[] jpeg = stills.stillBytes(item, frame, WIDTH, StillFormat.JPEG);
            Note note = noteId == null ? null : notes.get(noteId).orElse(null);
            if (note == null || note.drawing() == null) {
                return jpeg;
            }
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (picture == null) {
                return null;
            }
            BufferedImage rgb = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(picture, 0, 0, null);
            try {
                NoteDrawings.burn(rgb, note.drawing().json());
            } catch (UncheckedIOException e) {
                // A drawing that is not readable any more is left out, not the still.
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(rgb, "jpg", out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            // The mail goes without its picture rather than not at all.
            LOG.warn("No still of frame {} of {} for a mail", frame, mediaId, e);
            return null;
        }
    }
}
