package io.framewise.server.notifications;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * Sends one mail over SMTP: a text part and an HTML part, with the still inline in the HTML
 * ({@code multipart/related} around {@code multipart/alternative}). Timeouts are short, so a server
 * that hangs costs one outbox attempt, not the sending thread.
 */
public final class SmtpMailer {

    private static final String TIMEOUT_MS = "15000";

    private final MailSettings settings;
    private final Session session;

    public SmtpMailer(MailSettings settings) {
        this.settings = settings;
        String protocol = settings.tls() ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", settings.host());
        p.put("mail." + protocol + ".port", String.valueOf(settings.port()));
        p.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MS);
        p.put("mail." + protocol + ".timeout", TIMEOUT_MS);
        p.put("mail." + protocol + ".writetimeout", TIMEOUT_MS);
        p.put("mail." + protocol + ".auth", String.valueOf(settings.user() != null));
        if (settings.tls()) {
            p.put("mail.smtps.ssl.checkserveridentity", "true");
        } else {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", String.valueOf(settings.requireStartTls()));
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(p);
    }

    public MailSettings settings() {
        return settings;
    }

    /** Sends {@code mail}; {@code still} is a JPEG shown inline, or null. */
    public void send(Mail mail, byte[] still) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.from()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        if (mail.settingsLink() != null && mail.settingsLink().chars().noneMatch(c -> c < 0x21 || c == '>')) {
            // Mail clients show "unsubscribe" from this; it leads to the person's notification settings.
            message.setHeader("List-Unsubscribe", "<" + mail.settingsLink() + ">");
        }

        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        alternative.addBodyPart(html);

        if (still == null) {
            message.setContent(alternative);
        } else {
            MimeMultipart related = new MimeMultipart("related");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            related.addBodyPart(body);
            MimeBodyPart picture = new MimeBodyPart();
            picture.setDataHandler(new DataHandler(new ByteArrayDataSource(still, "image/jpeg")));
            picture.setContentID("<" + Mail.STILL_CID + ">");
            picture.setDisposition(MimeBodyPart.INLINE);
            picture.setFileName("frame.jpg");
            related.addBodyPart(picture);
            message.setContent(related);
        }
        message.saveChanges();
        try (Transport transport = session.getTransport()) {
            transport.connect(settings.host(), settings.port(), settings.user(), settings.password());
            transport.sendMessage(message, message.getAllRecipients());
        }
    }
}
