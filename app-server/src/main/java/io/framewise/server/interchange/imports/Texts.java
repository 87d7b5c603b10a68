package io.framewise.server.interchange.imports;

/** How a marker's name and note become one note text, the same for every format. */
final class Texts {

    private Texts() {}

    /** "name: note", or whichever of the two is there. */
    static String nameAndNote(String name, String note) {
        String n = name == null ? "" : name.strip();
        String t = note == null ? "" : note.strip();
        if (n.isEmpty() || n.equals(t)) {
            return t;
        }
        return t.isEmpty() ? n : n + ": " + t;
    }
}
