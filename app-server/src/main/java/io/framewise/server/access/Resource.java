package io.framewise.server.access;

/** What an action is about. Ids come straight from the request and may name nothing at all. */
public sealed interface Resource {

    /** The server as a whole (listing, creating, administration). */
    Server SERVER = new Server();

    /** The type as written to the audit log and sent to organizer plugins. */
    String type();

    /** The id as written to the audit log, null for the server. */
    String idOrNull();

    record Server() implements Resource {
        public String type() {
            return "server";
        }

        public String idOrNull() {
            return null;
        }
    }

    record Project(String id) implements Resource {
        public String type() {
            return "project";
        }

        public String idOrNull() {
            return id;
        }
    }

    record Asset(String id) implements Resource {
        public String type() {
            return "asset";
        }

        public String idOrNull() {
            return id;
        }
    }

    record Media(String id) implements Resource {
        public String type() {
            return "media";
        }

        public String idOrNull() {
            return id;
        }
    }

    record Note(String id) implements Resource {
        public String type() {
            return "note";
        }

        public String idOrNull() {
            return id;
        }
    }

    /** A user account other than the caller's own (administration). */
    record User(String id) implements Resource {
        public String type() {
            return "user";
        }

        public String idOrNull() {
            return id;
        }
    }
}
