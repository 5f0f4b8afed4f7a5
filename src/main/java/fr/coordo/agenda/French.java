package fr.coordo.agenda;

import java.util.Locale;

/** French wording shared by the agenda's window, its sheet and its messages. */
public final class French {
    private French() {}

    /** « lundi 23 novembre » at the head of a line: « Lundi 23 novembre ». */
    public static String capitalised(String s) {
        return s == null || s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.FRENCH) + s.substring(1);
    }
}
